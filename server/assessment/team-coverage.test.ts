import { describe, expect, it } from "vitest";
import { FACETS, type FacetId, type FacetProfile } from "./facets";
import { teamCoverage } from "./team-coverage";

const profile = (base: number, overrides: Partial<FacetProfile> = {}): FacetProfile =>
  ({ ...Object.fromEntries(FACETS.map((f) => [f, base])), ...overrides }) as FacetProfile;

describe("teamCoverage", () => {
  it("takes the best score per facet and names who holds it", () => {
    const coverage = teamCoverage([
      { memberId: "ana", facetScores: profile(50, { ai_data_literacy: 90, resilience: 75 }) },
      { memberId: "bo", facetScores: profile(30, { monetisation: 80, resilience: 75 }) },
      { memberId: "cy", facetScores: profile(60, { ai_data_literacy: 20 }) },
    ]);
    expect(coverage.memberCount).toBe(3);
    expect(coverage.facets.ai_data_literacy).toEqual({ best: 90, band: "high", memberIds: ["ana"] });
    expect(coverage.facets.monetisation).toEqual({ best: 80, band: "high", memberIds: ["bo"] });
    expect(coverage.facets.resilience).toEqual({ best: 75, band: "high", memberIds: ["ana", "bo"] });
    expect(coverage.facets.delegation).toEqual({ best: 60, band: "moderate", memberIds: ["cy"] });
  });

  it("lists as gaps the facets where nobody is high, in facet order", () => {
    const covered: FacetId[] = ["ai_data_literacy", "monetisation", "resilience"];
    const coverage = teamCoverage([
      { memberId: "ana", facetScores: profile(69.9, { ai_data_literacy: 70 }) },
      { memberId: "bo", facetScores: profile(10, { monetisation: 100, resilience: 70 }) },
    ]);
    expect(coverage.gaps).toEqual(FACETS.filter((f) => !covered.includes(f)));
  });

  it("claims no gaps when no member's facets are visible: there is nothing to compare yet", () => {
    const coverage = teamCoverage([]);
    expect(coverage.memberCount).toBe(0);
    expect(coverage.gaps).toEqual([]);
    expect(coverage.facets.resilience).toEqual({ best: null, band: null, memberIds: [] });
  });
});
