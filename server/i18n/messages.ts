import type { Locale } from "./locale";

/**
 * UI strings live in messages/<locale>/<namespace>.json, one file per domain so each domain
 * owns its strings. Add a namespace here when you add a file.
 */
export const NAMESPACES = ["common", "auth", "workspace", "assessment", "opportunities", "prototypes", "ideas"] as const;

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
