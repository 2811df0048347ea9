/**
 * The stable identifiers of the assessment's dimensions and facets. Other domains (the
 * opportunity fit score, idea validation) refer to facets by these ids, so they never change;
 * texts live in the versioned instrument data.
 */
export const DIMENSIONS = ["technical_vision", "business_acumen", "leadership"] as const;
export type DimensionId = (typeof DIMENSIONS)[number];

export const FACETS_BY_DIMENSION = {
  technical_vision: ["ai_data_literacy", "trend_sensing", "learning_agility", "technical_judgement"],
  business_acumen: ["market_sensing", "customer_insight", "monetisation", "financial_discipline", "opportunity_recognition"],
  leadership: ["vision_communication", "talent_building", "delegation", "decisions_uncertainty", "resilience"],
} as const satisfies Record<DimensionId, readonly string[]>;

export type FacetId = (typeof FACETS_BY_DIMENSION)[DimensionId][number];
export const FACETS: readonly FacetId[] = DIMENSIONS.flatMap((d) => FACETS_BY_DIMENSION[d]);

/** A facet profile: 0–100 per facet (a founder's scores, or a team's coverage). */
export type FacetProfile = Record<FacetId, number>;
