import { cookies, headers } from "next/headers";
import { DEFAULT_LOCALE, fromAcceptLanguage, isLocale, LOCALE_COOKIE, type Locale } from "@/server/i18n/locale";

/**
 * The language a visitor who is not signed in sees: the language picker's cookie, else the
 * browser's. A new account (email sign-up or OAuth) starts in it.
 */
export async function visitorLocale(): Promise<Locale> {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return fromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
}
