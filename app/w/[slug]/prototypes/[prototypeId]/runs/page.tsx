import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { RunList } from "@/components/prototypes/run-list";
import { PrototypeCrumb, RunTabs } from "@/components/prototypes/run-shared";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("runs", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  const t = await getTranslations("prototypes.runs");
  return (
    <>
      <PrototypeCrumb prototypeId={prototypeId} />
      <PageHeader title={t("title")} description={t("description")} />
      <RunTabs prototypeId={prototypeId} />
      <RunList prototypeId={prototypeId} />
    </>
  );
}
