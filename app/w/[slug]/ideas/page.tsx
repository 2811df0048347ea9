import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/card";

export default async function Page() {
  const t = await getTranslations("common.sections.ideas");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} />
    </>
  );
}
