import { scoredItemValues, type Answers } from "./answers";
import { FACETS, type FacetId } from "./facets";
import type { Instrument } from "./instrument-schema";
import { facetsOfItem } from "./items";
import { roundScore, toPercent } from "./scoring";
import type { ScoreChange } from "./compare";

/**
 * Comparing attempts taken on different instrument versions like for like. A later version keeps
 * an item's id only when the item is unchanged (instrument.test.ts checks it), so the items both
 * versions share are the mapping: each attempt is re-scored on those items alone, and the change
 * per facet is free of new wording. A facet with fewer than MIN_COMMON shared, answered items in
 * either attempt has no like-for-like change (null).
 */
export const MIN_COMMON_ITEMS = 2;

export interface CommonItemsComparison {
  /** Per facet: the change on the shared items, or null when too few are shared and answered. */
  facets: Record<FacetId, (ScoreChange & { items: number }) | null>;
  /** How many items the two versions share. */
  sharedItems: number;
}

/** Ids of items that both versions contain (unchanged items keep their id). */
export function sharedItemIds(a: Instrument, b: Instrument): Set<string> {
  const inB = new Set(b.items.map((i) => i.id));
  return new Set(a.items.filter((i) => inB.has(i.id)).map((i) => i.id));
}

function facetMeansOn(instrument: Instrument, answers: Answers, ids: ReadonlySet<string>) {
  const values = scoredItemValues(instrument, answers);
  const byFacet = new Map<FacetId, number[]>();
  for (const item of instrument.items) {
    const value = values.get(item.id);
    if (!ids.has(item.id) || value === undefined) continue;
    for (const facet of facetsOfItem(item)) byFacet.set(facet, [...(byFacet.get(facet) ?? []), value]);
  }
  return byFacet;
}

export function compareOnSharedItems(
  before: { instrument: Instrument; answers: Answers },
  after: { instrument: Instrument; answers: Answers },
): CommonItemsComparison {
  const ids = sharedItemIds(before.instrument, after.instrument);
  const a = facetMeansOn(before.instrument, before.answers, ids);
  const b = facetMeansOn(after.instrument, after.answers, ids);
  const score = (values: number[]) => roundScore(toPercent(values.reduce((s, v) => s + v, 0) / values.length));
  const facets = Object.fromEntries(
    FACETS.map((f) => {
      const x = a.get(f) ?? [];
      const y = b.get(f) ?? [];
      if (x.length < MIN_COMMON_ITEMS || y.length < MIN_COMMON_ITEMS) return [f, null];
      const [bs, as] = [score(x), score(y)];
      return [f, { before: bs, after: as, change: roundScore(as - bs), items: Math.min(x.length, y.length) }];
    }),
  ) as CommonItemsComparison["facets"];
  return { facets, sharedItems: ids.size };
}
