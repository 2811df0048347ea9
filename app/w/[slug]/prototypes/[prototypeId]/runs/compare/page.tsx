import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { CompareRuns } from "@/components/prototypes/compare";
import { PrototypeCrumb, RunTabs } from "@/components/prototypes/run-shared";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("compareRuns", "prototypes");

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ prototypeId: string }>;
  searchParams: Promise<{ a?: string; b?: string }>;
}) {
  const { prototypeId } = await params;
  const { a, b } = await searchParams;
  const t = await getTranslations("prototypes.results.compare");
  return (
    <>
      <PrototypeCrumb prototypeId={prototypeId} />
      <PageHeader title={t("title")} />
      <RunTabs prototypeId={prototypeId} />
      {a && b ? <CompareRuns a={a} b={b} /> : <p className="text-sm text-fg-muted">{t("pickTwo")}</p>}
    </>
  );
}
