import type { PageText } from "./english";

/**
 * English that the sweep finds on Chinese pages today and that other, open wording work owns (the
 * wording branch `ux-words`: prototype pages' "Technical details", the settings audit labels).
 * Each entry says what it covers and why; the sweep prints an entry that matched nothing, so it
 * is deleted once the wording lands. Nothing else may be added here without an owner.
 */
export const PENDING_ENGLISH: { why: string; where: RegExp; text: RegExp }[] = [];

/** Splits found English into what an entry above covers and what is a real problem. */
export function withoutPending(found: PageText[], used: Set<number>): PageText[] {
  return found.filter((f) => {
    const i = PENDING_ENGLISH.findIndex((p) => p.where.test(f.where) && p.text.test(f.text));
    if (i < 0) return true;
    used.add(i);
    return false;
  });
}
