import { FACETS, type DimensionId, type FacetId, type FacetProfile } from "./facets";
import { dimensionOf, type LocalizedText } from "./instrument-schema";
import { roundScore, BLIND_SPOT_COUNT } from "./scoring";

/**
 * Self vs others (docs/ASSESSMENT.md, "Self vs others"). Per facet, the founder's self score
 * beside the mean of the raters who scored that facet — only when at least MIN_RATERS did, so no
 * single rater's answers can be worked out from the mean (with two, the founder who knows one
 * rater's view could deduce the other's). The gap is others' mean − self score.
 */

export const MIN_RATERS = 3;

/**
 * A gap of at least this many points (0.4 on the 1–5 answer scale, about half an answer step on
 * every item) counts as a hidden strength (others higher) or a blind spot (self higher); smaller
 * gaps are within what rewording alone moves a score.
 */
export const GAP_THRESHOLD = 10;

export type GapKind = "hidden_strength" | "blind_spot" | "aligned";

export type FacetComparison =
  | {
      status: "shown";
      self: number | null;
      raters: number;
      othersMean: number;
      /** Spread among the raters' facet scores: sample SD, lowest and highest. */
      spread: { sd: number; min: number; max: number };
      /** othersMean − self, null without a self score. */
      gap: number | null;
      kind: GapKind | null;
    }
  | { status: "needs_one_more" | "too_few"; self: number | null; raters: number };

export function gapKind(gap: number): GapKind {
  if (gap >= GAP_THRESHOLD) return "hidden_strength";
  if (gap <= -GAP_THRESHOLD) return "blind_spot";
  return "aligned";
}

function sampleSd(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

/** `raters`: each rater's facet scores (only the facets they judged on enough items). */
export function compareSelfWithOthers(
  self: FacetProfile | null,
  raters: readonly Partial<Record<FacetId, number>>[],
): Record<FacetId, FacetComparison> {
  return Object.fromEntries(
    FACETS.map((facet) => {
      const scores = raters.map((r) => r[facet]).filter((s): s is number => s !== undefined);
      const selfScore = self?.[facet] ?? null;
      if (scores.length < MIN_RATERS) {
        const status = scores.length === MIN_RATERS - 1 ? "needs_one_more" : "too_few";
        return [facet, { status, self: selfScore, raters: scores.length }];
      }
      const othersMean = roundScore(scores.reduce((s, v) => s + v, 0) / scores.length);
      const gap = selfScore === null ? null : roundScore(othersMean - selfScore);
      return [
        facet,
        {
          status: "shown",
          self: selfScore,
          raters: scores.length,
          othersMean,
          spread: { sd: roundScore(sampleSd(scores)), min: Math.min(...scores), max: Math.max(...scores) },
          gap,
          kind: gap === null ? null : gapKind(gap),
        },
      ];
    }),
  ) as Record<FacetId, FacetComparison>;
}

/**
 * Where to work first: the lowest facets, ranked by others' mean where it is shown and by the
 * self score elsewhere (how others see a founder predicts how they will work with her or him),
 * with each facet's development actions.
 */
export function developmentFocus(
  comparison: Record<FacetId, FacetComparison>,
  tipsOf: (facet: FacetId) => LocalizedText[],
  count = BLIND_SPOT_COUNT,
) {
  const order = (f: FacetId) => FACETS.indexOf(f);
  type Ranked = { facet: FacetId; dimension: DimensionId; score: number; source: "others" | "self" };
  return FACETS.flatMap((facet): Ranked[] => {
    const c = comparison[facet];
    if (c.status === "shown") return [{ facet, dimension: dimensionOf(facet), score: c.othersMean, source: "others" }];
    return c.self === null ? [] : [{ facet, dimension: dimensionOf(facet), score: c.self, source: "self" }];
  })
    .sort((a, b) => a.score - b.score || order(a.facet) - order(b.facet))
    .slice(0, count)
    .map((f) => ({ ...f, tips: tipsOf(f.facet) }));
}
