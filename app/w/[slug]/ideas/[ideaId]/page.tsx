import { IdeaReportPage } from "@/components/ideas/idea-report";

export default async function Page({ params }: { params: Promise<{ ideaId: string }> }) {
  const { ideaId } = await params;
  return <IdeaReportPage ideaId={ideaId} />;
}
