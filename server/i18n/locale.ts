export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "vl-locale";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** Picks en or zh from an Accept-Language header. */
export function fromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const first = header
    .split(",")
    .map((p) => p.split(";")[0]!.trim().toLowerCase())
    .find((tag) => tag.startsWith("zh") || tag.startsWith("en"));
  return first?.startsWith("zh") ? "zh" : DEFAULT_LOCALE;
}
