import { ResultsView } from "@/components/assessment/results-view";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("results", "assessment");

export default async function Page({ params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  return <ResultsView attemptId={attemptId} />;
}
