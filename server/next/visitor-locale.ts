import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, preferredLocale, type Locale } from "@/server/i18n/locale";

/**
 * The language a visitor who is not signed in sees: the language picker's cookie, else the
 * browser's. A new account (email sign-up or OAuth) starts in it.
 */
export async function visitorLocale(): Promise<Locale> {
  return preferredLocale({
    cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: (await headers()).get("accept-language"),
  });
}
