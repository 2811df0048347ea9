import { FACETS, type FacetId, type FacetProfile } from "./facets";

/**
 * Where a founder stands against the anonymous pool of completed attempts on this server: a
 * percentile per facet. Shown only from MIN_REFERENCE_POOL people, because a small pool both
 * swings wildly and could hint at individuals. The pool is self-selected (whoever used this
 * installation), not a norm group: docs/ASSESSMENT.md says so, and the page does too.
 */
export const MIN_REFERENCE_POOL = 30;

/**
 * Percentile rank with ties counted half (mid-rank): the share of the pool scoring below `value`
 * plus half of those scoring the same, in percent, rounded. A founder equal to everyone is at 50.
 */
export function percentileRank(value: number, pool: readonly number[]): number {
  if (pool.length === 0) throw new Error("percentileRank needs a non-empty pool");
  const below = pool.filter((v) => v < value).length;
  const equal = pool.filter((v) => v === value).length;
  return Math.round(((below + equal / 2) / pool.length) * 100);
}

export type ReferenceGroup = { n: number; minPool: number; percentiles: Record<FacetId, number> | null };

export function referenceGroup(own: FacetProfile, pool: readonly FacetProfile[], minPool = MIN_REFERENCE_POOL): ReferenceGroup {
  if (pool.length < minPool) return { n: pool.length, minPool, percentiles: null };
  const percentiles = Object.fromEntries(
    FACETS.map((f) => [
      f,
      percentileRank(
        own[f],
        pool.map((p) => p[f]),
      ),
    ]),
  ) as Record<FacetId, number>;
  return { n: pool.length, minPool, percentiles };
}
