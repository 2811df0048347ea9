import { IdeaReportPage } from "@/components/ideas/idea-report";
import { ClientMessages } from "@/components/i18n/client-messages";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("idea", "ideas");

/** A report links its prototype's field results and the form's industries: those parts of the other catalogues only. */
export default async function Page({ params }: { params: Promise<{ ideaId: string }> }) {
  const { ideaId } = await params;
  return (
    <ClientMessages namespaces={["common", "ideas", "opportunities.industry", "prototypes.field"]}>
      <IdeaReportPage ideaId={ideaId} />
    </ClientMessages>
  );
}
