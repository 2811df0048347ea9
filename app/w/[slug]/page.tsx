import { getTranslations } from "next-intl/server";
import { WorkspaceHome } from "@/components/workspace/home";
import { PageHeader } from "@/components/ui/card";
import { requireWorkspace } from "@/server/next/workspace-page";

export default async function WorkspaceHomePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const t = await getTranslations("common");
  const access = await requireWorkspace(slug);
  return (
    <>
      <PageHeader title={access.workspace.name} description={t("overview.description")} />
      <WorkspaceHome />
    </>
  );
}
