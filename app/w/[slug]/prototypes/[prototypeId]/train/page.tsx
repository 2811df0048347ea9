import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { PrototypeCrumb, RunTabs } from "@/components/prototypes/run-shared";
import { TrainPanel } from "@/components/prototypes/train-panel";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("train", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  const t = await getTranslations("prototypes.train");
  return (
    <>
      <PrototypeCrumb prototypeId={prototypeId} />
      <PageHeader title={t("title")} description={t("description")} />
      <RunTabs prototypeId={prototypeId} />
      <TrainPanel prototypeId={prototypeId} />
    </>
  );
}
