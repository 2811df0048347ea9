import { TeamPage } from "@/components/workspace/team-page";

export default function Page() {
  return <TeamPage />;
}
