import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { PrototypeList } from "@/components/prototypes/list";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("prototypes");

export default async function Page() {
  const t = await getTranslations("common.sections.prototypes");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <PrototypeList />
    </>
  );
}
