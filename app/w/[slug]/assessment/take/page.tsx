import { Questionnaire } from "@/components/assessment/questionnaire";

export default function Page() {
  return <Questionnaire />;
}
