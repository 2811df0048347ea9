import { AssessmentHome } from "@/components/assessment/assessment-home";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("assessment");

export default function Page() {
  return <AssessmentHome />;
}
