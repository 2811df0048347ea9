import { scoredItemValues, type Answers } from "./answers";
import { DIMENSIONS, FACETS, FACETS_BY_DIMENSION, type DimensionId, type FacetId, type FacetProfile } from "./facets";
import { LIKERT_MAX, LIKERT_MIN, MIN_SCORED_ITEMS_PER_FACET, dimensionOf, type Instrument, type LocalizedText } from "./instrument-schema";
import { facetsOfItem } from "./items";

/**
 * Scoring (documented in docs/ASSESSMENT.md):
 * - an item's value is its answer on 1–5, reverse-keyed items as 6 − answer; a situational item's
 *   value is the chosen option's score, and it counts as one more item on each facet it informs;
 * - facet = mean of its item values mapped to 0–100: (mean − 1) / 4 × 100, rounded to 0.1;
 *   items answered "not applicable yet" are left out, and the result records how many items
 *   each facet rests on (the instrument guarantees at least MIN_SCORED_ITEMS_PER_FACET);
 * - dimension = mean of its (rounded) facet scores, rounded to 0.1, so a reader can recompute it
 *   from the facet scores on screen;
 * - bands are applied to the rounded scores.
 */

export type Band = "low" | "moderate" | "high";

/** Lower bounds: low < 40 ≤ moderate < 70 ≤ high. 70 ≈ a mean answer of 3.8 ("agree" on most items). */
export const BAND_THRESHOLDS = { moderate: 40, high: 70 } as const;

export function bandFor(score: number): Band {
  if (score >= BAND_THRESHOLDS.high) return "high";
  if (score >= BAND_THRESHOLDS.moderate) return "moderate";
  return "low";
}

export const STRENGTH_COUNT = 3;
export const BLIND_SPOT_COUNT = 3;

export type DimensionProfile = Record<DimensionId, number>;

export interface FacetHighlight {
  facet: FacetId;
  dimension: DimensionId;
  score: number;
  band: Band;
}

export interface BlindSpot extends FacetHighlight {
  tips: LocalizedText[];
}

/** How many of a facet's items entered its score; fewer than `total` when some were "not applicable yet". */
export interface FacetItemCount {
  scored: number;
  total: number;
}

export interface AssessmentResult {
  instrumentVersion: number;
  facetScores: FacetProfile;
  /** Absent in results stored before "not applicable yet" existed, where every item was scored. */
  facetItems?: Record<FacetId, FacetItemCount>;
  facetBands: Record<FacetId, Band>;
  dimensionScores: DimensionProfile;
  dimensionBands: Record<DimensionId, Band>;
  /** Highest three facets, best first; ties broken by facet order in facets.ts. */
  strengths: FacetHighlight[];
  /**
   * Lowest three facets other than the strengths, weakest first; ties broken by facet order in
   * facets.ts. Excluding the strengths matters only when nearly all scores tie (e.g. all 50).
   */
  blindSpots: BlindSpot[];
}

/** Rounds to 0.1, halves up; toPrecision first so that 70.85 computed as 70.8499999… still rounds up. */
export function roundScore(value: number): number {
  return Math.round(Number((value * 10).toPrecision(12))) / 10 + 0; // + 0 turns −0 into 0
}

/** Maps a mean on the 1–5 scale to 0–100. */
export function toPercent(mean: number): number {
  return ((mean - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN)) * 100;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function mapFacets<T>(fn: (facet: FacetId) => T): Record<FacetId, T> {
  return Object.fromEntries(FACETS.map((f) => [f, fn(f)])) as Record<FacetId, T>;
}

function mapDimensions<T>(fn: (dimension: DimensionId) => T): Record<DimensionId, T> {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, fn(d)])) as Record<DimensionId, T>;
}

/**
 * Scores a complete attempt with the instrument version it was taken on. Throws
 * InvalidAnswersError (listing the item ids) for missing, out-of-range or unknown answers.
 */
export function scoreAttempt(instrument: Instrument, answers: Answers): AssessmentResult {
  const values = scoredItemValues(instrument, answers);

  const valuesByFacet = new Map<FacetId, number[]>();
  const totalByFacet = new Map<FacetId, number>();
  for (const item of instrument.items) {
    const value = values.get(item.id);
    for (const facet of facetsOfItem(item)) {
      totalByFacet.set(facet, (totalByFacet.get(facet) ?? 0) + 1);
      if (value !== undefined) valuesByFacet.set(facet, [...(valuesByFacet.get(facet) ?? []), value]);
    }
  }

  const facetScores = mapFacets((facet) => {
    const facetValues = valuesByFacet.get(facet) ?? [];
    // parseInstrument guarantees every facet enough items that cannot be "not applicable yet"; an unparsed instrument may not.
    const needed = Math.min(MIN_SCORED_ITEMS_PER_FACET, totalByFacet.get(facet) ?? 0);
    if (facetValues.length === 0 || facetValues.length < needed) {
      throw new Error(`Instrument v${instrument.version}: facet ${facet} has too few scored items (${facetValues.length})`);
    }
    return roundScore(toPercent(mean(facetValues)));
  });
  const dimensionScores = mapDimensions((d) => roundScore(mean(FACETS_BY_DIMENSION[d].map((f) => facetScores[f]))));

  const highlight = (facet: FacetId): FacetHighlight => ({
    facet,
    dimension: dimensionOf(facet),
    score: facetScores[facet],
    band: bandFor(facetScores[facet]),
  });
  const order = (facet: FacetId) => FACETS.indexOf(facet);
  const strengths = [...FACETS].sort((a, b) => facetScores[b] - facetScores[a] || order(a) - order(b)).slice(0, STRENGTH_COUNT);
  const tipsOf = new Map(instrument.dimensions.flatMap((d) => d.facets.map((f) => [f.id, f.tips] as const)));

  return {
    instrumentVersion: instrument.version,
    facetScores,
    facetItems: mapFacets((f) => ({ scored: valuesByFacet.get(f)?.length ?? 0, total: totalByFacet.get(f) ?? 0 })),
    facetBands: mapFacets((f) => bandFor(facetScores[f])),
    dimensionScores,
    dimensionBands: mapDimensions((d) => bandFor(dimensionScores[d])),
    strengths: strengths.map(highlight),
    blindSpots: [...FACETS]
      .filter((facet) => !strengths.includes(facet))
      .sort((a, b) => facetScores[a] - facetScores[b] || order(a) - order(b))
      .slice(0, BLIND_SPOT_COUNT)
      .map((facet) => ({ ...highlight(facet), tips: tipsOf.get(facet) ?? [] })),
  };
}
