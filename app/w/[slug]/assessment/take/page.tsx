import { Questionnaire } from "@/components/assessment/questionnaire";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("questionnaire", "assessment");

export default function Page() {
  return <Questionnaire />;
}
