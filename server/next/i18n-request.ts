import { getRequestConfig } from "next-intl/server";
import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/next/auth";
import { ensureDatabase } from "@/server/runtime/database";
import { isLocale, type Locale } from "@/server/i18n/locale";
import { visitorLocale } from "@/server/next/visitor-locale";
import { loadMessages } from "@/server/i18n/messages";

/** The language: the signed-in user's saved choice, else the cookie, else the browser's. */
async function resolveLocale(): Promise<Locale> {
  const user = await getSessionUser().catch(() => null);
  if (user) {
    await ensureDatabase();
    const row = await getDb().user.findUnique({ where: { id: user.id }, select: { locale: true } });
    if (isLocale(row?.locale)) return row.locale;
  }
  return visitorLocale();
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});
