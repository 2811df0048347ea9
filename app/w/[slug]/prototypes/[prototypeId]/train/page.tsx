import { getTranslations } from "next-intl/server";
import { PrototypeHeader } from "@/components/prototypes/prototype-header";
import { TrainPanel } from "@/components/prototypes/train-panel";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("train", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  const t = await getTranslations("prototypes.train");
  return (
    <>
      <PrototypeHeader prototypeId={prototypeId} intro={t("description")} />
      <TrainPanel prototypeId={prototypeId} />
    </>
  );
}
