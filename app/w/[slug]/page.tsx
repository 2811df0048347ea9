import { getTranslations } from "next-intl/server";
import { WorkspaceHome } from "@/components/workspace/home";
import { PageHeader } from "@/components/ui/card";
import { requireWorkspace } from "@/server/next/workspace-page";
import { pageTitle } from "@/server/next/page-title";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = pageTitle("overview");

export default async function WorkspaceHomePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const t = await getTranslations("common");
  const access = await requireWorkspace(slug);
  // Rendered here rather than fetched after hydration: the page arrives with its content (it showed
  // "…" placeholders for about a second before; figures in docs/BENCHMARKS.md).
  const home = await access.caller.workspace.home({ workspaceId: access.workspace.id });
  return (
    // The home shows an idea's verdict and a run's status and evidence: a few keys of those catalogues.
    <ClientMessages
      namespaces={[
        "common",
        "ideas.report.verdict",
        "prototypes.backend.devices",
        "prototypes.evidence",
        "prototypes.model",
        "prototypes.runs.status",
        "prototypes.runs.tabs",
        "prototypes.settingNames",
      ]}
    >
      <PageHeader title={access.workspace.name} description={t("overview.description")} />
      <WorkspaceHome initial={home} />
    </ClientMessages>
  );
}
