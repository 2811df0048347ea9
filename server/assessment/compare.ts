import { DIMENSIONS, FACETS, type DimensionId, type FacetId } from "./facets";
import { roundScore, type AssessmentResult } from "./scoring";

/** What comparing needs of a result; a stored attempt can keep just this. */
export type ScoreSnapshot = Pick<AssessmentResult, "instrumentVersion" | "facetScores" | "dimensionScores">;

export interface ScoreChange {
  before: number;
  after: number;
  /** after − before, in points on the 0–100 scale. */
  change: number;
}

export interface AttemptComparison {
  fromVersion: number;
  toVersion: number;
  /**
   * False when the attempts were taken on different instrument versions: facet ids are stable, so
   * the scores are still placed side by side, but part of a change may come from the new wording.
   */
  sameInstrument: boolean;
  facets: Record<FacetId, ScoreChange>;
  dimensions: Record<DimensionId, ScoreChange>;
}

function change(before: number, after: number): ScoreChange {
  return { before, after, change: roundScore(after - before) };
}

/** Change from an earlier attempt `before` to a later attempt `after`, per facet and per dimension. */
export function compareAttempts(before: ScoreSnapshot, after: ScoreSnapshot): AttemptComparison {
  return {
    fromVersion: before.instrumentVersion,
    toVersion: after.instrumentVersion,
    sameInstrument: before.instrumentVersion === after.instrumentVersion,
    facets: Object.fromEntries(FACETS.map((f) => [f, change(before.facetScores[f], after.facetScores[f])])) as Record<FacetId, ScoreChange>,
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, change(before.dimensionScores[d], after.dimensionScores[d])])) as Record<
      DimensionId,
      ScoreChange
    >,
  };
}
