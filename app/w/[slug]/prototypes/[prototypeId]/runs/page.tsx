import { getTranslations } from "next-intl/server";
import { RunList } from "@/components/prototypes/run-list";
import { PrototypeHeader } from "@/components/prototypes/prototype-header";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("runs", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  const t = await getTranslations("prototypes.runs");
  return (
    <>
      <PrototypeHeader prototypeId={prototypeId} intro={t("description")} />
      <RunList prototypeId={prototypeId} />
    </>
  );
}
