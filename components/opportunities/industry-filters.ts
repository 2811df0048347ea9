import type { Locale } from "@/server/i18n/locale";
import { STAGES, type FactorKey, type Stage } from "@/server/opportunities/dataset-schema";

/**
 * The industry dashboard's filters and sort order, as pure functions: the table and the
 * priority matrix show exactly the rows these keep, in this order.
 */

export type SortKey = "title" | "stage" | "value" | "feasibility" | "fit" | "priority" | FactorKey;
export interface SortOrder {
  key: SortKey;
  /** 1 ascending, -1 descending. */
  dir: 1 | -1;
}

export interface OpportunityFilters {
  /** Part of the title, in the reader's language; case does not matter. */
  search: string;
  stage: Stage | "";
  /** With `factorMin`: keep rows whose factor scores at least that. */
  factor: FactorKey | "";
  factorMin: number;
  /** 0 keeps rows without a fit too. */
  fitMin: number;
  starredOnly: boolean;
}

export const NO_FILTERS: OpportunityFilters = { search: "", stage: "", factor: "", factorMin: 1, fitMin: 0, starredOnly: false };
export const DEFAULT_SORT: SortOrder = { key: "priority", dir: -1 };

export interface FilterableRow {
  titleText: string;
  stage: Stage;
  factors: Partial<Record<FactorKey, number>>;
  scores: { value: number; feasibility: number; fit: number | null };
  /** Priority under the weights being tried. */
  priority: number;
  starred: boolean;
}

function sortValue(r: FilterableRow, key: SortKey): string | number {
  switch (key) {
    case "title":
      return r.titleText;
    case "stage":
      return STAGES.indexOf(r.stage);
    case "priority":
      return r.priority;
    case "value":
    case "feasibility":
      return r.scores[key];
    case "fit":
      // No fit sorts below every fit.
      return r.scores.fit ?? -1;
    default:
      return r.factors[key] ?? 0;
  }
}

export function filterAndSort<R extends FilterableRow>(rows: readonly R[], f: OpportunityFilters, sort: SortOrder, locale: Locale): R[] {
  const needle = f.search.trim().toLowerCase();
  const kept = rows.filter(
    (r) =>
      (!needle || r.titleText.toLowerCase().includes(needle)) &&
      (!f.stage || r.stage === f.stage) &&
      (!f.factor || (r.factors[f.factor] ?? 0) >= f.factorMin) &&
      (f.fitMin === 0 || (r.scores.fit ?? -1) >= f.fitMin) &&
      (!f.starredOnly || r.starred),
  );
  return kept.sort((a, b) => {
    const [x, y] = [sortValue(a, sort.key), sortValue(b, sort.key)];
    return (typeof x === "string" ? x.localeCompare(String(y), locale) : x - (y as number)) * sort.dir;
  });
}

/** Clicking a column: the same column flips direction; a new one starts high-to-low for numbers, A–Z for text. */
export function toggleSort(current: SortOrder, key: SortKey, numeric: boolean): SortOrder {
  if (current.key === key) return { key, dir: current.dir === 1 ? -1 : 1 };
  return { key, dir: numeric ? -1 : 1 };
}
