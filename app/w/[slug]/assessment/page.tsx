import { AssessmentHome } from "@/components/assessment/assessment-home";

export default function Page() {
  return <AssessmentHome />;
}
