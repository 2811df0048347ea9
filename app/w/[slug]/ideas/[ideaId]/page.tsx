import { IdeaReportPage } from "@/components/ideas/idea-report";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("idea", "ideas");

export default async function Page({ params }: { params: Promise<{ ideaId: string }> }) {
  const { ideaId } = await params;
  return <IdeaReportPage ideaId={ideaId} />;
}
