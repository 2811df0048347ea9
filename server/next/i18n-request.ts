import { getRequestConfig } from "next-intl/server";
import { savedLocale } from "@/server/auth/users";
import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/next/auth";
import { ensureDatabase } from "@/server/runtime/database";
import type { Locale } from "@/server/i18n/locale";
import { visitorLocale } from "@/server/next/visitor-locale";
import { loadMessages } from "@/server/i18n/messages";

/** The language: the signed-in user's saved choice, else the cookie, else the browser's. */
async function resolveLocale(): Promise<Locale> {
  const user = await getSessionUser().catch(() => null);
  if (user) {
    await ensureDatabase();
    const saved = await savedLocale(getDb(), user.id);
    if (saved) return saved;
  }
  return visitorLocale();
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});
