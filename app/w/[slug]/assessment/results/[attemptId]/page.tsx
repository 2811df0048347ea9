import { ResultsView } from "@/components/assessment/results-view";

export default async function Page({ params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  return <ResultsView attemptId={attemptId} />;
}
