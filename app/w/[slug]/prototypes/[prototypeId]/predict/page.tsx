import { getTranslations } from "next-intl/server";
import { PredictPanel } from "@/components/prototypes/predict-panel";
import { PrototypeHeader } from "@/components/prototypes/prototype-header";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("tryIt", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  const t = await getTranslations("prototypes.predict");
  return (
    <>
      <PrototypeHeader prototypeId={prototypeId} intro={t("description")} />
      <PredictPanel prototypeId={prototypeId} />
    </>
  );
}
