import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-fg-muted">{t("description")}</p>
      <Link href="/w" className="text-brand-700 hover:underline dark:text-brand-200">
        {t("back")}
      </Link>
    </main>
  );
}
