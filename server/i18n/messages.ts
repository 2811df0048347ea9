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

/** A namespace, or a sub-tree of one by its keys: "prototypes.evidence" (keys contain no dots). */
export type MessagePath = MessageNamespace | `${MessageNamespace}.${string}`;

/**
 * The messages under `paths` alone, nested as in the catalogue: ["common", "prototypes.evidence"]
 * gives `{ common: {…}, prototypes: { evidence: {…} } }`, which `useTranslations("prototypes.evidence")`
 * reads as it would the whole catalogue. The picked sub-trees are the catalogue's own objects, not
 * copies. A whole namespace listed beside a sub-tree of it wins; a path that names nothing adds nothing
 * (components/i18n/client-messages.test.ts checks every listed path in both languages).
 */
export function pickMessages(all: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const child = (node: unknown, key: string) =>
    typeof node === "object" && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  const depth = (p: string) => p.split(".").length;
  const picked: Record<string, unknown> = {};
  for (const p of [...paths].sort((a, b) => depth(a) - depth(b))) {
    const keys = p.split(".");
    const value = keys.reduce<unknown>(child, all);
    if (value === undefined) continue;
    let from: unknown = all;
    let into = picked;
    let whole = false;
    for (const key of keys.slice(0, -1)) {
      from = child(from, key);
      whole = into[key] === from;
      if (whole) break;
      into = (into[key] ??= {}) as Record<string, unknown>;
    }
    if (!whole) into[keys.at(-1)!] = value;
  }
  return picked;
}
