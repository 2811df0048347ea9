import { TeamPage } from "@/components/workspace/team-page";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("team");

export default function Page() {
  return <TeamPage />;
}
