import { describe, expect, it } from "vitest";
import { FACETS, type FacetProfile } from "./facets";
import { MIN_REFERENCE_POOL, percentileRank, referenceGroup } from "./reference-group";

const profile = (score: number) => Object.fromEntries(FACETS.map((f) => [f, score])) as FacetProfile;

describe("reference group", () => {
  it("ranks with ties counted half", () => {
    expect(percentileRank(50, [10, 20, 50, 80])).toBe(63); // (2 + 0.5) / 4
    expect(percentileRank(50, [50, 50])).toBe(50);
    expect(percentileRank(0, [10, 20])).toBe(0);
    expect(percentileRank(100, [10, 20])).toBe(100);
  });

  it("gives no percentiles below the minimum pool, however close", () => {
    const pool = Array.from({ length: MIN_REFERENCE_POOL - 1 }, (_, i) => profile(i));
    expect(MIN_REFERENCE_POOL).toBe(30);
    expect(referenceGroup(profile(50), pool)).toEqual({ n: 29, minPool: 30, percentiles: null });
  });

  it("gives a percentile per facet from the minimum pool on", () => {
    const pool = Array.from({ length: 40 }, (_, i) => ({ ...profile(i * 2.5), delegation: 100 - i * 2.5 }));
    const group = referenceGroup({ ...profile(50), delegation: 90 }, pool);
    expect(group.n).toBe(40);
    // 50 on facets spread 0–97.5 in steps of 2.5: 20 below, 1 equal → 51.25 → 51.
    expect(group.percentiles?.ai_data_literacy).toBe(51);
    // delegation: 100 − 2.5i; 90 is beaten by i = 0..3 (100, 97.5, 95, 92.5), equal at i = 4: (35 + 0.5) / 40 → 89.
    expect(group.percentiles?.delegation).toBe(89);
  });
});
