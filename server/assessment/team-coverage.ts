import { FACETS, type FacetId, type FacetProfile } from "./facets";
import { bandFor, type Band } from "./scoring";

/** A member's facet scores, included only when that member shares everything (see sharing.ts). */
export interface MemberFacetProfile {
  memberId: string;
  facetScores: FacetProfile;
}

export interface FacetCoverage {
  /** The best score among the members, or null when no member's facet scores are visible. */
  best: number | null;
  band: Band | null;
  /** Who holds the best score (several on a tie), in input order. */
  memberIds: string[];
}

export interface TeamCoverage {
  memberCount: number;
  facets: Record<FacetId, FacetCoverage>;
  /** Facets on which no member is in the high band, in facet order; none when no member's scores are visible (nothing to compare). */
  gaps: FacetId[];
}

/** The team's coverage: on each facet, the best score any member reaches, and where nobody is high. */
export function teamCoverage(profiles: readonly MemberFacetProfile[]): TeamCoverage {
  const facets = Object.fromEntries(
    FACETS.map((facet): [FacetId, FacetCoverage] => {
      if (profiles.length === 0) return [facet, { best: null, band: null, memberIds: [] }];
      const best = Math.max(...profiles.map((p) => p.facetScores[facet]));
      return [
        facet,
        { best, band: bandFor(best), memberIds: profiles.filter((p) => p.facetScores[facet] === best).map((p) => p.memberId) },
      ];
    }),
  ) as Record<FacetId, FacetCoverage>;

  return {
    memberCount: profiles.length,
    facets,
    gaps: profiles.length === 0 ? [] : FACETS.filter((facet) => facets[facet].band !== "high"),
  };
}
