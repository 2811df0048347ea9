import { describe, expect, it } from "vitest";
import { FACETS, type FacetId, type FacetProfile } from "@/server/assessment/facets";
import { seededRandom } from "@/server/assessment/simulate-respondents";
import { FACTORS, STAGES, type FactorScores } from "./dataset-schema";
import {
  ESTIMATE_SCALE,
  FACTOR_DEMANDS,
  FEASIBILITY_WEIGHTS,
  STAGE_VALUE,
  VALUE_WEIGHTS,
  feasibilityScore,
  fitScore,
  normalisePriorityWeights,
  priorityScore,
  scoreOpportunity,
  valueScore,
  type Contribution,
  type PriorityWeights,
  type ScorableOpportunity,
} from "./scoring";

// ------------------------------------------------------------------------------------------
// Seeded generators: the property tests run many random cases, reproducibly.

type Rng = () => number;
const CASES = 2000;

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, 0, xs.length - 1)]!;

function randomFactors(rng: Rng): FactorScores {
  return Object.fromEntries(FACTORS.map((f) => [f, int(rng, 1, 5)])) as FactorScores;
}

function randomOpportunity(rng: Rng): ScorableOpportunity {
  const facets = [...FACETS].sort(() => rng() - 0.5).slice(0, int(rng, 3, 5));
  const raw = facets.map(() => 0.05 + rng());
  const total = raw.reduce((s, w) => s + w, 0);
  const low = 10 ** (-2 + rng() * 5); // $0.01 bn to $1,000 bn, beyond the scale on both ends
  return {
    stage: pick(rng, STAGES),
    factors: randomFactors(rng),
    value: rng() < 0.15 ? null : { low, high: low * (1 + rng() * 10) },
    requiredProfile: Object.fromEntries(facets.map((f, i) => [f, raw[i]! / total])),
  };
}

function randomProfile(rng: Rng): FacetProfile {
  // Mix of extremes and interior values, integers and fractions.
  return Object.fromEntries(
    FACETS.map((f) => [f, rng() < 0.1 ? pick(rng, [0, 100]) : rng() < 0.5 ? int(rng, 0, 100) : rng() * 100]),
  ) as FacetProfile;
}

const uniform = (score: number): FacetProfile => Object.fromEntries(FACETS.map((f) => [f, score])) as FacetProfile;
const allFactors = (level: number, overrides: Partial<FactorScores> = {}): FactorScores =>
  ({ ...Object.fromEntries(FACTORS.map((f) => [f, level])), ...overrides }) as FactorScores;
const signedSum = (cs: Contribution[]) => cs.reduce((s, c) => s + (c.direction === "+" ? c.size : -c.size), 0);
const BURDENS = ["regulatoryBurden", "technicalDifficulty", "capitalIntensity", "timeToFirstRevenue", "competitionIntensity"] as const;

// ------------------------------------------------------------------------------------------

describe("scoring properties (seeded random cases)", () => {
  it("raising a facet never lowers fit, and raising one the opportunity requires raises it", () => {
    const rng = seededRandom(101);
    for (let i = 0; i < CASES; i++) {
      const o = randomOpportunity(rng);
      const profile = randomProfile(rng);
      const facet = pick(rng, FACETS);
      const raised = { ...profile, [facet]: profile[facet] + (100 - profile[facet]) * rng() };
      const before = fitScore(profile, o).score;
      const after = fitScore(raised, o).score;
      expect(after).toBeGreaterThanOrEqual(before - 1e-9);

      const required = Object.keys(o.requiredProfile) as FacetId[];
      const needed = pick(rng, required);
      if (profile[needed] < 100) {
        const up = { ...profile, [needed]: Math.min(100, profile[needed] + 1 + rng() * 20) };
        expect(fitScore(up, o).score).toBeGreaterThan(before);
      }
    }
  });

  it("raising regulatory burden never raises feasibility (nor does raising any other burden, or lowering data)", () => {
    const rng = seededRandom(202);
    for (let i = 0; i < CASES; i++) {
      const o = randomOpportunity(rng);
      for (const factor of BURDENS) {
        if (o.factors[factor] === 5) continue;
        const harder = { ...o, factors: { ...o.factors, [factor]: o.factors[factor] + 1 } };
        expect(feasibilityScore(harder).score).toBeLessThan(feasibilityScore(o).score);
      }
      if (o.factors.dataAvailability > 1) {
        const scarcer = { ...o, factors: { ...o.factors, dataAvailability: o.factors.dataAvailability - 1 } };
        expect(feasibilityScore(scarcer).score).toBeLessThan(feasibilityScore(o).score);
      }
    }
  });

  it("keeps every score within 0–100, with or without a profile, under any non-negative weights", () => {
    const rng = seededRandom(303);
    for (let i = 0; i < CASES; i++) {
      const o = randomOpportunity(rng);
      const weights: PriorityWeights = {
        value: rng() < 0.2 ? 0 : rng() * 100,
        feasibility: rng() < 0.2 ? 0 : rng() * 100,
        fit: rng() < 0.2 ? 0 : rng() * 100,
      };
      const s = scoreOpportunity(o, { profile: rng() < 0.3 ? null : randomProfile(rng), weights });
      for (const score of [s.value.score, s.feasibility.score, s.fit?.score ?? 50, s.priority.score]) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }
    }
  });

  it("gives equal scores for equal inputs, however they were built", () => {
    const rng = seededRandom(404);
    for (let i = 0; i < CASES / 4; i++) {
      const o = randomOpportunity(rng);
      const profile = randomProfile(rng);
      const copy: ScorableOpportunity = JSON.parse(JSON.stringify(o));
      // Same data, keys inserted in reverse order.
      const reordered: ScorableOpportunity = {
        requiredProfile: Object.fromEntries(Object.entries(o.requiredProfile).reverse()),
        value: o.value,
        factors: Object.fromEntries(Object.entries(o.factors).reverse()) as FactorScores,
        stage: o.stage,
      };
      const profileCopy = Object.fromEntries(Object.entries(profile).reverse()) as FacetProfile;
      const a = scoreOpportunity(o, { profile });
      expect(scoreOpportunity(copy, { profile: profileCopy })).toEqual(a);
      expect(scoreOpportunity(reordered, { profile }).priority.score).toBeCloseTo(a.priority.score, 10);
      expect(scoreOpportunity(o, { profile })).toEqual(a);
    }
  });

  it("explains every score exactly: 50 plus the signed contributions is the score", () => {
    const rng = seededRandom(505);
    for (let i = 0; i < CASES / 2; i++) {
      const o = randomOpportunity(rng);
      const s = scoreOpportunity(o, { profile: randomProfile(rng) });
      expect(50 + signedSum(s.value.contributions)).toBeCloseTo(s.value.score, 9);
      expect(50 + signedSum(s.feasibility.contributions)).toBeCloseTo(s.feasibility.score, 9);
      expect(50 + signedSum(s.fit!.contributions)).toBeCloseTo(s.fit!.score, 9);
      for (const c of [...s.value.contributions, ...s.feasibility.contributions, ...s.fit!.contributions]) {
        expect(c.size).toBeGreaterThan(0);
      }
    }
  });

  it("makes a demanding factor weigh its facets more: gaps there cost more as the factor gets more demanding", () => {
    // The facets a factor asks for gain weight together; one of them alone can be diluted by its
    // partner when it already dominates the profile, so the property is stated for the set.
    const rng = seededRandom(606);
    for (let i = 0; i < CASES / 2; i++) {
      const o = randomOpportunity(rng);
      const base = randomProfile(rng);
      for (const factor of Object.keys(FACTOR_DEMANDS) as (keyof typeof FACTOR_DEMANDS)[]) {
        const facets = Object.keys(FACTOR_DEMANDS[factor].facets) as FacetId[];
        const set = (score: number) => ({ ...base, ...Object.fromEntries(facets.map((f) => [f, score])) }) as FacetProfile;
        const gap = (level: number) => {
          const at = { ...o, factors: { ...o.factors, [factor]: level } };
          return fitScore(set(90), at).score - fitScore(set(10), at).score;
        };
        const levels = FACTOR_DEMANDS[factor].when === "high" ? [1, 2, 3, 4, 5] : [5, 4, 3, 2, 1];
        for (let k = 0; k < 4; k++) expect(gap(levels[k + 1]!)).toBeGreaterThanOrEqual(gap(levels[k]!) - 1e-9);
        expect(gap(levels[4]!)).toBeGreaterThan(gap(levels[2]!));
      }
    }
  });

  it("never lets the fit weight move priority when there is no profile", () => {
    const rng = seededRandom(707);
    for (let i = 0; i < CASES / 4; i++) {
      const o = randomOpportunity(rng);
      const w = { value: 1 + rng() * 9, feasibility: 1 + rng() * 9 };
      const a = scoreOpportunity(o, { weights: { ...w, fit: 0 } });
      const b = scoreOpportunity(o, { weights: { ...w, fit: 1 + rng() * 99 } });
      expect(a.fit).toBeNull();
      expect(b.priority.score).toBeCloseTo(a.priority.score, 10);
      expect(a.priority.score).toBeCloseTo((w.value * a.value.score + w.feasibility * a.feasibility.score) / (w.value + w.feasibility), 10);
    }
  });
});

describe("value", () => {
  it("sits at 50 plus the stage's share when every factor is neutral and no estimate is known", () => {
    for (const stage of STAGES) {
      const o: ScorableOpportunity = { stage, factors: allFactors(3), value: null, requiredProfile: { resilience: 1 } };
      const stageShare = VALUE_WEIGHTS.stage / (1 - VALUE_WEIGHTS.estimate);
      expect(valueScore(o).score).toBeCloseTo(50 + 100 * stageShare * (STAGE_VALUE[stage] - 0.5), 9);
    }
  });

  it("ranks a growing market above an emerging one and a larger estimate above a smaller one", () => {
    const base: ScorableOpportunity = {
      stage: "growing",
      factors: allFactors(3),
      value: { low: 1, high: 2 },
      requiredProfile: { resilience: 1 },
    };
    expect(valueScore(base).score).toBeGreaterThan(valueScore({ ...base, stage: "emerging" }).score);
    expect(valueScore({ ...base, value: { low: 10, high: 20 } }).score).toBeGreaterThan(valueScore(base).score);
  });

  it("caps the estimate term at the ends of its log scale", () => {
    const at = (low: number) =>
      valueScore({ stage: "growing", factors: allFactors(3), value: { low, high: low }, requiredProfile: { resilience: 1 } }).score;
    expect(at(ESTIMATE_SCALE.maxUsdBn * 10)).toBeCloseTo(at(ESTIMATE_SCALE.maxUsdBn), 9);
    expect(at(ESTIMATE_SCALE.minUsdBn / 10)).toBeCloseTo(at(ESTIMATE_SCALE.minUsdBn), 9);
    expect(at(ESTIMATE_SCALE.maxUsdBn)).toBeGreaterThan(at(ESTIMATE_SCALE.minUsdBn));
  });

  it("rejects factor scores outside 1–5 and impossible estimates", () => {
    const o: ScorableOpportunity = { stage: "growing", factors: allFactors(3), value: null, requiredProfile: { resilience: 1 } };
    expect(() => valueScore({ ...o, factors: allFactors(3, { marketSize: 6 }) })).toThrow(RangeError);
    expect(() => valueScore({ ...o, value: { low: 5, high: 2 } })).toThrow(RangeError);
    expect(() => feasibilityScore({ ...o, factors: allFactors(3, { regulatoryBurden: 0 }) })).toThrow(RangeError);
  });
});

describe("feasibility", () => {
  it("is 100 when every burden is lowest and data plentiful, 0 at the opposite end", () => {
    const o = (factors: FactorScores): ScorableOpportunity => ({
      stage: "growing",
      factors,
      value: null,
      requiredProfile: { resilience: 1 },
    });
    expect(feasibilityScore(o(allFactors(1, { dataAvailability: 5 }))).score).toBeCloseTo(100, 9);
    expect(feasibilityScore(o(allFactors(5, { dataAvailability: 1 }))).score).toBeCloseTo(0, 9);
  });

  it("names the heaviest burden first in its explanation", () => {
    const o: ScorableOpportunity = {
      stage: "growing",
      factors: allFactors(3, { regulatoryBurden: 5, competitionIntensity: 4 }),
      value: null,
      requiredProfile: { resilience: 1 },
    };
    const [first] = feasibilityScore(o).contributions;
    expect(first).toMatchObject({ factor: "regulatoryBurden", direction: "-", level: 5 });
    expect(first!.size).toBeCloseTo(100 * FEASIBILITY_WEIGHTS.regulatoryBurden * 0.5, 9);
  });
});

describe("fit", () => {
  const o: ScorableOpportunity = {
    stage: "growing",
    factors: allFactors(3, { competitionIntensity: 5, regulatoryBurden: 5 }),
    value: null,
    requiredProfile: { market_sensing: 0.4, customer_insight: 0.3, monetisation: 0.3 },
  };

  it("is 0, 50 and 100 for uniform profiles at 0, 50 and 100", () => {
    expect(fitScore(uniform(0), o).score).toBeCloseTo(0, 9);
    expect(fitScore(uniform(50), o).score).toBeCloseTo(50, 9);
    expect(fitScore(uniform(100), o).score).toBeCloseTo(100, 9);
  });

  it("credits market sensing for a crowded market and flags a risk blind spot under heavy regulation", () => {
    const fit = fitScore({ ...uniform(50), market_sensing: 90, financial_discipline: 20 }, o);
    expect(fit.contributions).toContainEqual(
      expect.objectContaining({ facet: "market_sensing", via: "competitionIntensity", direction: "+", band: "strength" }),
    );
    expect(fit.contributions).toContainEqual(
      expect.objectContaining({ facet: "financial_discipline", via: "regulatoryBurden", direction: "-", band: "blindSpot" }),
    );
    expect(fit.blindSpots).toEqual(["financial_discipline"]);
    expect(fit.strengths).toEqual(["market_sensing"]);
  });

  it("ignores facets that neither the profile nor a demanding factor asks for", () => {
    const a = fitScore({ ...uniform(60), talent_building: 0 }, o).score;
    const b = fitScore({ ...uniform(60), talent_building: 100 }, o).score;
    expect(a).toBe(b);
  });

  it("rejects facet scores outside 0–100", () => {
    expect(() => fitScore({ ...uniform(50), resilience: 101 }, o)).toThrow(RangeError);
    expect(() => fitScore({ ...uniform(50), resilience: Number.NaN }, o)).toThrow(RangeError);
  });
});

describe("priority", () => {
  it("normalises workspace weights, and drops fit's weight when there is no fit", () => {
    expect(normalisePriorityWeights({ value: 2, feasibility: 1, fit: 1 }, true)).toEqual({ value: 0.5, feasibility: 0.25, fit: 0.25 });
    expect(normalisePriorityWeights({ value: 2, feasibility: 2, fit: 4 }, false)).toEqual({ value: 0.5, feasibility: 0.5, fit: 0 });
    expect(normalisePriorityWeights({ value: 0, feasibility: 0, fit: 0 }, true)).toEqual({ value: 1 / 3, feasibility: 1 / 3, fit: 1 / 3 });
    expect(normalisePriorityWeights({ value: 0, feasibility: 0, fit: 5 }, false)).toEqual({ value: 0.5, feasibility: 0.5, fit: 0 });
  });

  it("is the weighted mean of the scores it has", () => {
    expect(priorityScore({ value: 80, feasibility: 40, fit: 20 }, { value: 1, feasibility: 1, fit: 2 }).score).toBeCloseTo(
      (80 + 40 + 2 * 20) / 4,
      9,
    );
    expect(priorityScore({ value: 80, feasibility: 40, fit: null }).score).toBeCloseTo(60, 9);
  });

  it("rejects negative or non-finite weights", () => {
    expect(() => normalisePriorityWeights({ value: -1, feasibility: 1, fit: 1 }, true)).toThrow(RangeError);
    expect(() => normalisePriorityWeights({ value: Number.POSITIVE_INFINITY, feasibility: 1, fit: 1 }, true)).toThrow(RangeError);
  });
});
