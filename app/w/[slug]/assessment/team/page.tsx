import { TeamAssessment } from "@/components/assessment/team-assessment";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("teamResults", "assessment");

export default function Page() {
  return <TeamAssessment />;
}
