import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { PrototypeList } from "@/components/prototypes/list";

export default async function Page() {
  const t = await getTranslations("common.sections.prototypes");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <PrototypeList />
    </>
  );
}
