import { createTranslator, type AbstractIntlMessages } from "next-intl";
import type { Locale } from "./locale";

/**
 * UI strings live in messages/<locale>/<namespace>.json, one file per domain so each domain
 * owns its strings. Add a namespace here when you add a file.
 */
export const NAMESPACES = ["common", "auth", "workspace", "assessment", "opportunities", "prototypes", "ideas", "api"] as const;
export type MessageNamespace = (typeof NAMESPACES)[number];

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => {
      try {
        const mod = (await import(`../../messages/${locale}/${ns}.json`)) as { default: Record<string, unknown> };
        return [ns, mod.default] as const;
      } catch {
        return [ns, {}] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** A message lookup for code outside React: `t("explain.joiner.end")`, `t("factor.growth")`. */
export type Translate = (key: string, params?: Record<string, string>) => string;

/**
 * The same ICU messages the UI shows, for text the server writes (explanations, exports).
 * Parameters are strings: the caller formats numbers the way the sentence needs them.
 */
export async function translatorFor(locale: Locale, namespace: (typeof NAMESPACES)[number]): Promise<Translate> {
  const messages = (await loadMessages(locale)) as AbstractIntlMessages;
  const t = createTranslator({ locale, messages, namespace });
  return (key, params) => (t as unknown as (key: string, params?: Record<string, string>) => string)(key, params);
}
