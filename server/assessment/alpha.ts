import { scoredItemValues, type Answers } from "./answers";
import { DIMENSIONS, FACETS, type DimensionId, type FacetId } from "./facets";
import type { Instrument } from "./instrument-schema";
import { dimensionOfItem, facetsOfItem } from "./items";

/**
 * Cronbach's alpha (Cronbach 1951): α = k/(k−1) · (1 − Σ var(item) / var(total)), over a matrix of
 * respondents × items holding scored values (reverse keys already applied). It measures whether a
 * facet's items move together, i.e. internal consistency; it says nothing about whether they
 * measure what the facet's name claims (validity). See docs/ASSESSMENT.md.
 */

/**
 * Below this many attempts alpha is shown but flagged as not yet reliable. Simulated with the
 * shipped instrument (five items per facet), an alpha near 0.7 from 30 attempts still varies by
 * about 0.10 (one standard deviation) from sample to sample; with fewer it swings too much to act on.
 */
export const MIN_RESPONDENTS_FOR_RELIABILITY = 30;

export type AlphaUndefinedReason = "too_few_respondents" | "too_few_items" | "zero_variance";

export type AlphaResult =
  | { alpha: number; n: number; k: number; reliable: boolean }
  | { alpha: null; n: number; k: number; reliable: false; reason: AlphaUndefinedReason };

function sampleVariance(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
}

/** Alpha for one scale. `rows` are respondents, each a row of the same k item values. */
export function cronbachAlpha(
  rows: readonly (readonly number[])[],
  { minRespondents = MIN_RESPONDENTS_FOR_RELIABILITY }: { minRespondents?: number } = {},
): AlphaResult {
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  for (const row of rows) {
    if (row.length !== k) throw new Error(`every respondent needs ${k} item values, got ${row.length}`);
    if (!row.every(Number.isFinite)) throw new Error("item values must be finite numbers");
  }
  // Alpha is undefined, not zero, in these cases; reporting 0 would read as "measured: no consistency".
  if (n < 2) return { alpha: null, n, k, reliable: false, reason: "too_few_respondents" };
  if (k < 2) return { alpha: null, n, k, reliable: false, reason: "too_few_items" };

  const itemVariances = Array.from({ length: k }, (_, j) => sampleVariance(rows.map((row) => row[j] as number)));
  const totalVariance = sampleVariance(rows.map((row) => row.reduce((s, v) => s + v, 0)));
  if (totalVariance === 0) return { alpha: null, n, k, reliable: false, reason: "zero_variance" };

  const alpha = (k / (k - 1)) * (1 - itemVariances.reduce((s, v) => s + v, 0) / totalVariance);
  return { alpha, n, k, reliable: n >= minRespondents };
}

export interface ReliabilityReport {
  instrumentVersion: number;
  n: number;
  minRespondents: number;
  facets: Record<FacetId, AlphaResult>;
  dimensions: Record<DimensionId, AlphaResult>;
}

/**
 * Alpha per facet and per dimension from completed attempts, all taken on `instrument`. The items
 * of a scale are those that enter its score: a facet's Likert items plus the situational items
 * that inform it; a dimension's Likert items plus its situational items, each counted once.
 */
export function reliabilityReport(
  instrument: Instrument,
  attempts: readonly Answers[],
  { minRespondents = MIN_RESPONDENTS_FOR_RELIABILITY }: { minRespondents?: number } = {},
): ReliabilityReport {
  return reliabilityFromItemValues(
    instrument,
    attempts.map((answers) => scoredItemValues(instrument, answers)),
    { minRespondents },
  );
}

/**
 * The same report from each respondent's scored item values (an item absent from a map was not
 * scored: "not applicable yet" on the self form, "can't judge" on the observer form).
 */
export function reliabilityFromItemValues(
  instrument: Instrument,
  scored: readonly ReadonlyMap<string, number>[],
  { minRespondents = MIN_RESPONDENTS_FOR_RELIABILITY }: { minRespondents?: number } = {},
): ReliabilityReport {
  // Listwise per scale: a respondent missing an item of the scale does not enter that scale's
  // alpha (its n says how many did).
  const alphaOf = (itemIds: string[]) =>
    cronbachAlpha(
      scored.filter((values) => itemIds.every((id) => values.has(id))).map((values) => itemIds.map((id) => values.get(id) as number)),
      { minRespondents },
    );
  const idsWhere = (keep: (item: Instrument["items"][number]) => boolean) => instrument.items.filter(keep).map((item) => item.id);

  return {
    instrumentVersion: instrument.version,
    n: scored.length,
    minRespondents,
    facets: Object.fromEntries(FACETS.map((f) => [f, alphaOf(idsWhere((item) => facetsOfItem(item).includes(f)))])) as Record<
      FacetId,
      AlphaResult
    >,
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, alphaOf(idsWhere((item) => dimensionOfItem(item) === d))])) as Record<
      DimensionId,
      AlphaResult
    >,
  };
}
