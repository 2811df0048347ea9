/**
 * The languages the app speaks. Adding one means adding it here (and its messages/<locale>/ folder
 * and the `{ … }` texts of content data, which the `Localized` type then demands).
 */
export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "vl-locale";

/** Something given in every language: content data's texts are `Localized` (= `{ en, zh }`). */
export type Localized<T = string> = Record<Locale, T>;

/** How each language is named in its own words, tagged in HTML, and how it writes a few things. */
export const LOCALE_INFO: Localized<{
  /** The language's name in itself, for the language picker. */
  label: string;
  /** BCP 47 tag for `<html lang>`. */
  htmlLang: string;
  /** Joins a short list of names. */
  listSeparator: string;
  /** The name of the personal workspace every new account gets. */
  personalWorkspace: (name: string) => string;
  /** A USD amount given in billions, as the number the language counts in ("1.5" bn; "15" 亿 = 10⁸). */
  usdBillions: (billions: number) => string;
}> = {
  en: {
    label: "English",
    htmlLang: "en",
    listSeparator: ", ",
    personalWorkspace: (name) => `${name}'s workspace`,
    usdBillions: (b) => (b >= 10 ? String(Math.round(b)) : b.toFixed(1).replace(/\.0$/, "")),
  },
  zh: {
    label: "简体中文",
    htmlLang: "zh-CN",
    listSeparator: "、",
    personalWorkspace: (name) => `${name} 的工作区`,
    usdBillions: (b) => String(Math.round(b * 10)),
  },
};

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** A locale from anything (next-intl's `useLocale()`, a cookie): itself when the app speaks it, else the default. */
export function asLocale(v: unknown): Locale {
  return isLocale(v) ? v : DEFAULT_LOCALE;
}

/** The same thing built once per language: `localized((l) => facetName(f, l))`. */
export function localized<T>(build: (locale: Locale) => T): Localized<T> {
  return Object.fromEntries(LOCALES.map((l) => [l, build(l)])) as Localized<T>;
}

/** The first language of an Accept-Language header that the app speaks ("zh-TW" counts as zh). */
export function fromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  for (const part of header.split(",")) {
    const primary = part.split(";")[0]!.trim().toLowerCase().split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/**
 * The language to answer a request in, the same order everywhere (pages, route handlers): the
 * account's saved choice, else the language picker's cookie, else the browser's Accept-Language.
 */
export function preferredLocale(sources: { saved?: unknown; cookie?: unknown; acceptLanguage: string | null }): Locale {
  if (isLocale(sources.saved)) return sources.saved;
  if (isLocale(sources.cookie)) return sources.cookie;
  return fromAcceptLanguage(sources.acceptLanguage);
}

/** The language picker's cookie in a raw `Cookie` header (route handlers get a plain Request). */
export function localeCookie(cookieHeader: string | null): string | undefined {
  for (const pair of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = pair.split("=");
    if (name?.trim() === LOCALE_COOKIE) return value.join("=").trim();
  }
  return undefined;
}
