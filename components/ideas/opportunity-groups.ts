import type { Localized } from "@/server/i18n/locale";

export interface OpportunityOption {
  ref: string;
  industry: string;
  title: Localized;
  shortlisted: boolean;
}

export type OpportunityGroup =
  { kind: "shortlist"; options: OpportunityOption[] } | { kind: "industry"; industry: string; options: OpportunityOption[] };

/**
 * The idea form's opportunity picker: the workspace's shortlist first, then every industry in the
 * given order, each sorted by title in the reader's language. A shortlisted opportunity appears in
 * both places, so it is also found where its industry lists it.
 */
export function groupOpportunities(
  options: readonly OpportunityOption[],
  industries: readonly string[],
  locale: keyof Localized,
): OpportunityGroup[] {
  const byTitle = (a: OpportunityOption, b: OpportunityOption) => a.title[locale].localeCompare(b.title[locale], locale);
  const groups: OpportunityGroup[] = [];
  const shortlist = options.filter((o) => o.shortlisted).sort(byTitle);
  if (shortlist.length) groups.push({ kind: "shortlist", options: shortlist });
  const known = new Set(industries);
  const order = [...industries, ...new Set(options.map((o) => o.industry).filter((i) => !known.has(i)))];
  for (const industry of order) {
    const list = options.filter((o) => o.industry === industry).sort(byTitle);
    if (list.length) groups.push({ kind: "industry", industry, options: list });
  }
  return groups;
}
