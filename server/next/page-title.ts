import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type en from "@/messages/en/common.json";

export type TitleKey = keyof (typeof en)["titles"];

/**
 * `generateMetadata` for a workspace page: its name, then the sections above it, most specific first
 * ("Runs · Prototypes"). The workspace layout's template appends the workspace and product names.
 */
export function pageTitle(...keys: [TitleKey, ...TitleKey[]]) {
  return async function generateMetadata(): Promise<Metadata> {
    const t = await getTranslations("common.titles");
    return { title: keys.map((k) => t(k)).join(" · ") };
  };
}
