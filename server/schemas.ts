import { z } from "zod";
import { LOCALES } from "@/server/i18n/locale";

/** A record id (or slug) in typed input, bounded so no input smuggles a long string into a query. */
export const ZId = z.string().min(1).max(64);

/** One of the languages the app speaks. */
export const ZLocale = z.enum(LOCALES);
