import { TeamAssessment } from "@/components/assessment/team-assessment";

export default function Page() {
  return <TeamAssessment />;
}
