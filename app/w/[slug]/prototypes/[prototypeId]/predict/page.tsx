import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { PredictPanel } from "@/components/prototypes/predict-panel";
import { PrototypeCrumb, RunTabs } from "@/components/prototypes/run-shared";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("tryIt", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  const t = await getTranslations("prototypes.predict");
  return (
    <>
      <PrototypeCrumb prototypeId={prototypeId} />
      <PageHeader title={t("title")} description={t("description")} />
      <RunTabs prototypeId={prototypeId} />
      <PredictPanel prototypeId={prototypeId} />
    </>
  );
}
