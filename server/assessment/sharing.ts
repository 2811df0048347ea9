import type { AssessmentResult, FacetHighlight } from "./scoring";

/**
 * What a member lets the workspace see of their latest result. Raw answers are never shared at any
 * level: they stay with the founder who gave them.
 */
/** Spelled as the database enum (AssessmentShareLevel), so no mapping is needed. */
export const SHARE_LEVELS = ["NONE", "DIMENSIONS", "EVERYTHING"] as const;
export type ShareLevel = (typeof SHARE_LEVELS)[number];

/** Dimension scores only: enough for a team overview without exposing every facet by default. */
export const DEFAULT_SHARE_LEVEL: ShareLevel = "DIMENSIONS";

export type SharedDimensions = Pick<AssessmentResult, "instrumentVersion" | "dimensionScores" | "dimensionBands"> & {
  level: "DIMENSIONS";
};

export type SharedEverything = Pick<
  AssessmentResult,
  "instrumentVersion" | "dimensionScores" | "dimensionBands" | "facetScores" | "facetBands" | "strengths"
> & {
  level: "EVERYTHING";
  /** Blind spots without tips: tips are instrument text, the same for everyone, not part of a result. */
  blindSpots: FacetHighlight[];
};

export type SharedResult = SharedDimensions | SharedEverything;

/** The part of a result that teammates may see; null when the member shares nothing. */
export function sharedView(result: AssessmentResult, level: ShareLevel): SharedResult | null {
  switch (level) {
    case "NONE":
      return null;
    case "DIMENSIONS":
      return {
        level,
        instrumentVersion: result.instrumentVersion,
        dimensionScores: { ...result.dimensionScores },
        dimensionBands: { ...result.dimensionBands },
      };
    case "EVERYTHING":
      return {
        level,
        instrumentVersion: result.instrumentVersion,
        dimensionScores: { ...result.dimensionScores },
        dimensionBands: { ...result.dimensionBands },
        facetScores: { ...result.facetScores },
        facetBands: { ...result.facetBands },
        strengths: result.strengths.map((s) => ({ ...s })),
        blindSpots: result.blindSpots.map(({ facet, dimension, score, band }) => ({ facet, dimension, score, band })),
      };
  }
}
