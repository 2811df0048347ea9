import { z } from "zod";
import { DIMENSIONS, FACETS } from "./facets";
import { ZLocalizedText } from "./instrument-schema";
import type { AssessmentResult } from "./scoring";

/**
 * The AssessmentResult snapshot stored with a completed attempt (AssessmentAttempt.scores).
 * Read back through this schema so a malformed row fails loudly instead of rendering NaN.
 */
const ZScore = z.number().min(0).max(100);
const ZBand = z.enum(["low", "moderate", "high"]);
const ZFacet = z.enum(FACETS);
const ZDimension = z.enum(DIMENSIONS);
const ZHighlight = z.object({ facet: ZFacet, dimension: ZDimension, score: ZScore, band: ZBand });

const ZStoredResult = z.object({
  instrumentVersion: z.number().int().min(1),
  facetScores: z.record(ZFacet, ZScore),
  facetItems: z.record(ZFacet, z.object({ scored: z.number().int().min(0), total: z.number().int().min(1) })).optional(),
  facetBands: z.record(ZFacet, ZBand),
  dimensionScores: z.record(ZDimension, ZScore),
  dimensionBands: z.record(ZDimension, ZBand),
  strengths: z.array(ZHighlight),
  blindSpots: z.array(ZHighlight.extend({ tips: z.array(ZLocalizedText) })),
});

export function readStoredResult(json: unknown): AssessmentResult {
  const result: AssessmentResult = ZStoredResult.parse(json);
  return result;
}
