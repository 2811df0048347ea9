import { FACETS, type FacetId, type FacetProfile } from "@/server/assessment/facets";
import {
  FACTOR_MAX,
  FACTOR_MIN,
  type FactorKey,
  type FactorScores,
  type Opportunity,
  type RequiredProfile,
  type Stage,
} from "./dataset-schema";

/**
 * Value, feasibility, fit and priority of an opportunity, each 0–100, with an explanation.
 *
 * Every score is a weighted mean of terms in [0, 1], written as 50 + Σ contributions, where a
 * contribution is how many points one term moves the score away from a neutral 50 (a factor at 3
 * of 5, a facet at 50 of 100). The contributions therefore add up exactly to the score, and the
 * UI can name what raised and what lowered it. Formulas and the reasons for the weights are in
 * docs/OPPORTUNITIES.md. Pure: no I/O, no clock, no randomness.
 */

/** What scoring needs from an opportunity; curated and workspace-made ones alike. */
export interface ScorableOpportunity {
  stage: Stage;
  factors: FactorScores;
  /** The value estimate in USD billions, or null when none is known (custom opportunities). */
  value: { low: number; high: number } | null;
  requiredProfile: RequiredProfile;
}

export function toScorable(o: Opportunity): ScorableOpportunity {
  const factors = Object.fromEntries(Object.entries(o.factors).map(([k, f]) => [k, f.score])) as FactorScores;
  return { stage: o.stage, factors, value: { low: o.value.low, high: o.value.high }, requiredProfile: o.requiredProfile };
}

// ---------------------------------------------------------------------------------------------
// Constants (documented in docs/OPPORTUNITIES.md; tests read them instead of repeating numbers)

export const VALUE_WEIGHTS = { marketSize: 0.35, growth: 0.25, estimate: 0.25, stage: 0.15 } as const;

/**
 * How much of an opportunity's value is still there to take, by stage: a growing market has
 * proven demand and is still open; an emerging one has unproven demand; in a mainstream one
 * incumbents already capture much of the value.
 */
export const STAGE_VALUE: Record<Stage, number> = { emerging: 0.55, growing: 1, mainstream: 0.7 };

/** The value estimate is scored on a log scale: $0.1 bn → 0, $1,000 bn → 1. */
export const ESTIMATE_SCALE = { minUsdBn: 0.1, maxUsdBn: 1000 } as const;

/** Feasibility weights; every factor here except dataAvailability is a burden (higher = harder). */
export const FEASIBILITY_WEIGHTS = {
  regulatoryBurden: 0.2,
  dataAvailability: 0.2,
  technicalDifficulty: 0.2,
  capitalIntensity: 0.15,
  timeToFirstRevenue: 0.15,
  competitionIntensity: 0.1,
} as const satisfies Partial<Record<FactorKey, number>>;
export type FeasibilityFactor = keyof typeof FEASIBILITY_WEIGHTS;
const FEASIBILITY_FACTORS = Object.keys(FEASIBILITY_WEIGHTS) as FeasibilityFactor[];

/**
 * Factor–facet interactions: a demanding factor asks for particular facets on top of the
 * opportunity's own required profile. `when` says which end of the 1–5 scale is demanding.
 */
export const FACTOR_DEMANDS = {
  regulatoryBurden: { when: "high", facets: { financial_discipline: 0.7, decisions_uncertainty: 0.3 } },
  competitionIntensity: { when: "high", facets: { market_sensing: 0.6, customer_insight: 0.4 } },
  technicalDifficulty: { when: "high", facets: { technical_judgement: 0.6, ai_data_literacy: 0.4 } },
  capitalIntensity: { when: "high", facets: { financial_discipline: 0.5, vision_communication: 0.5 } },
  timeToFirstRevenue: { when: "high", facets: { resilience: 0.6, financial_discipline: 0.4 } },
  dataAvailability: { when: "low", facets: { ai_data_literacy: 0.5, customer_insight: 0.5 } },
  growth: { when: "high", facets: { trend_sensing: 0.5, learning_agility: 0.5 } },
} as const satisfies Partial<Record<FactorKey, { when: "high" | "low"; facets: Partial<Record<FacetId, number>> }>>;
export type DemandingFactor = keyof typeof FACTOR_DEMANDS;
const DEMANDING_FACTORS = Object.keys(FACTOR_DEMANDS) as DemandingFactor[];

/** Weight a fully demanding factor (5 of 5, or 1 of 5 for data) adds, against the required profile's total of 1. */
export const INTERACTION_WEIGHT = 0.2;

/** Facet bands used to word the explanation; 40 matches the gap threshold of the idea verdict. */
export const FACET_BANDS = { blindSpotBelow: 40, neutral: 50, strengthFrom: 70 } as const;

export interface PriorityWeights {
  value: number;
  feasibility: number;
  fit: number;
}
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { value: 1, feasibility: 1, fit: 1 };

// ---------------------------------------------------------------------------------------------
// Explanation types

export type Direction = "+" | "-";
export type FacetBand = "blindSpot" | "below" | "above" | "strength";

interface ContributionBase {
  direction: Direction;
  /** Points (0–100 scale) this term moves the score away from the neutral 50; always ≥ 0. */
  size: number;
}
export type ValueContribution = ContributionBase &
  (
    | { score: "value"; kind: "factor"; factor: "marketSize" | "growth"; level: number }
    | { score: "value"; kind: "estimate"; usdBillions: number }
    | { score: "value"; kind: "stage"; stage: Stage }
  );
export type FeasibilityContribution = ContributionBase & { score: "feasibility"; kind: "factor"; factor: FeasibilityFactor; level: number };
export type FitContribution = ContributionBase & {
  score: "fit";
  kind: "facet";
  facet: FacetId;
  facetScore: number;
  band: FacetBand;
  /** Why the facet counts: the opportunity's required profile, or a demanding factor. */
  via: "required" | DemandingFactor;
  /** The demanding factor's 1–5 score when `via` is a factor. */
  factorLevel?: number;
};
export type Contribution = ValueContribution | FeasibilityContribution | FitContribution;

export interface Scored<C extends Contribution> {
  score: number;
  /** Largest first; terms that sit exactly at neutral are left out. */
  contributions: C[];
}

// ---------------------------------------------------------------------------------------------
// Helpers

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const EPS = 1e-9;

function checkFactor(name: string, x: number): number {
  if (!Number.isFinite(x) || x < FACTOR_MIN || x > FACTOR_MAX) {
    throw new RangeError(`${name} must be a number from ${FACTOR_MIN} to ${FACTOR_MAX}, got ${x}`);
  }
  return x;
}

function checkFacet(facet: string, x: number): number {
  if (!Number.isFinite(x) || x < 0 || x > 100) throw new RangeError(`facet ${facet} must be 0–100, got ${x}`);
  return x;
}

/** (x − 1) / 4: 1 → 0, 5 → 1. */
const goodness = (x: number) => (x - FACTOR_MIN) / (FACTOR_MAX - FACTOR_MIN);
/** (5 − x) / 4 for burdens: 1 → 1, 5 → 0. */
const ease = (x: number) => 1 - goodness(x);

function term<T extends object>(weight: number, t: number, rest: T): (T & ContributionBase) | null {
  const points = weight * (t - 0.5) * 100;
  if (Math.abs(points) < EPS) return null;
  return { ...rest, direction: points > 0 ? "+" : "-", size: Math.abs(points) };
}

const bySize = <C extends Contribution>(a: C, b: C) => b.size - a.size;
const signed = (c: Contribution) => (c.direction === "+" ? c.size : -c.size);
/** 50 + Σ signed contributions, clamped against floating-point drift. */
const fromContributions = (cs: Contribution[]) => Math.min(100, Math.max(0, 50 + cs.reduce((s, c) => s + signed(c), 0)));

/** The estimate's 0–1 term: the geometric midpoint of the range on the log scale. */
export function estimateTerm(low: number, high: number): number {
  if (!(low > 0) || !(high >= low)) throw new RangeError(`value estimate must satisfy 0 < low ≤ high, got ${low}–${high}`);
  const mid = Math.sqrt(low * high);
  const { minUsdBn, maxUsdBn } = ESTIMATE_SCALE;
  return clamp01((Math.log10(mid) - Math.log10(minUsdBn)) / (Math.log10(maxUsdBn) - Math.log10(minUsdBn)));
}

// ---------------------------------------------------------------------------------------------
// Scores

export function valueScore(o: ScorableOpportunity): Scored<ValueContribution> {
  const m = goodness(checkFactor("marketSize", o.factors.marketSize));
  const g = goodness(checkFactor("growth", o.factors.growth));
  const s = STAGE_VALUE[o.stage];
  // Without an estimate its weight is shared out so the remaining terms still sum to 1.
  const total = VALUE_WEIGHTS.marketSize + VALUE_WEIGHTS.growth + VALUE_WEIGHTS.stage + (o.value ? VALUE_WEIGHTS.estimate : 0);
  const w = (x: number) => x / total;

  const terms: (ValueContribution | null)[] = [
    term(w(VALUE_WEIGHTS.marketSize), m, { score: "value", kind: "factor", factor: "marketSize", level: o.factors.marketSize } as const),
    term(w(VALUE_WEIGHTS.growth), g, { score: "value", kind: "factor", factor: "growth", level: o.factors.growth } as const),
    term(w(VALUE_WEIGHTS.stage), s, { score: "value", kind: "stage", stage: o.stage } as const),
  ];
  if (o.value) {
    const usdBillions = Math.sqrt(o.value.low * o.value.high);
    terms.push(
      term(w(VALUE_WEIGHTS.estimate), estimateTerm(o.value.low, o.value.high), { score: "value", kind: "estimate", usdBillions } as const),
    );
  }
  const contributions = terms.filter((c): c is ValueContribution => c !== null).sort(bySize);
  return { score: fromContributions(contributions), contributions };
}

export function feasibilityScore(o: ScorableOpportunity): Scored<FeasibilityContribution> {
  const contributions = FEASIBILITY_FACTORS.map((factor) => {
    const level = checkFactor(factor, o.factors[factor]);
    const t = factor === "dataAvailability" ? goodness(level) : ease(level);
    return term(FEASIBILITY_WEIGHTS[factor], t, { score: "feasibility", kind: "factor", factor, level } as const);
  })
    .filter((c): c is FeasibilityContribution => c !== null)
    .sort(bySize);
  return { score: fromContributions(contributions), contributions };
}

/** How demanding a factor is, 0–1: nothing at 3 or on the easy side, 1 at the demanding extreme. */
function demandLevel(factor: DemandingFactor, level: number): number {
  const x = checkFactor(factor, level);
  return FACTOR_DEMANDS[factor].when === "high" ? clamp01((x - 3) / 2) : clamp01((3 - x) / 2);
}

function facetBand(score: number): FacetBand {
  if (score < FACET_BANDS.blindSpotBelow) return "blindSpot";
  if (score < FACET_BANDS.neutral) return "below";
  if (score < FACET_BANDS.strengthFrom) return "above";
  return "strength";
}

interface WeightSource {
  facet: FacetId;
  via: "required" | DemandingFactor;
  weight: number;
  factorLevel?: number;
}

/**
 * The weights fit gives each facet, split by where they come from: the required profile
 * (normalised to sum 1) plus, for each demanding factor, INTERACTION_WEIGHT × how demanding it is,
 * spread over that factor's facets. Weights never depend on the profile, so fit is a weighted
 * mean of facet scores: raising any facet can only raise it, and it stays within 0–100.
 */
function fitWeights(o: ScorableOpportunity): WeightSource[] {
  const required = Object.entries(o.requiredProfile) as [FacetId, number][];
  const requiredTotal = required.reduce((s, [, w]) => s + w, 0);
  if (!(requiredTotal > 0) || required.some(([, w]) => !(w >= 0))) throw new RangeError("required profile needs positive weights");
  const sources: WeightSource[] = required.map(([facet, w]) => ({ facet, via: "required", weight: w / requiredTotal }));
  for (const factor of DEMANDING_FACTORS) {
    const d = demandLevel(factor, o.factors[factor]);
    if (d === 0) continue;
    for (const [facet, share] of Object.entries(FACTOR_DEMANDS[factor].facets) as [FacetId, number][]) {
      sources.push({ facet, via: factor, weight: INTERACTION_WEIGHT * d * share, factorLevel: o.factors[factor] });
    }
  }
  return sources;
}

export interface FitResult extends Scored<FitContribution> {
  /** Facets this opportunity weights (directly or through a demanding factor) where the profile is below 40. */
  blindSpots: FacetId[];
  /** Facets it weights where the profile is 70 or more. */
  strengths: FacetId[];
}

export function fitScore(profile: FacetProfile, o: ScorableOpportunity): FitResult {
  for (const facet of FACETS) checkFacet(facet, profile[facet]);
  const sources = fitWeights(o);
  const total = sources.reduce((s, x) => s + x.weight, 0);
  const contributions = sources
    .map(({ facet, via, weight, factorLevel }) => {
      const facetScore = profile[facet];
      return term(weight / total, facetScore / 100, {
        score: "fit",
        kind: "facet",
        facet,
        facetScore,
        band: facetBand(facetScore),
        via,
        ...(factorLevel === undefined ? {} : { factorLevel }),
      } as const);
    })
    .filter((c): c is FitContribution => c !== null)
    .sort(bySize);
  const weighted = [...new Set(sources.map((s) => s.facet))];
  return {
    score: fromContributions(contributions),
    contributions,
    blindSpots: FACETS.filter((f) => weighted.includes(f) && profile[f] < FACET_BANDS.blindSpotBelow),
    strengths: FACETS.filter((f) => weighted.includes(f) && profile[f] >= FACET_BANDS.strengthFrom),
  };
}

/**
 * Normalised priority weights. Without a fit score, fit's weight is dropped and the other two
 * are renormalised; if everything left is zero, the remaining scores count equally.
 */
export function normalisePriorityWeights(weights: PriorityWeights, hasFit: boolean): PriorityWeights {
  for (const [k, w] of Object.entries(weights)) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`priority weight ${k} must be a finite number ≥ 0, got ${w}`);
  }
  const used = { value: weights.value, feasibility: weights.feasibility, fit: hasFit ? weights.fit : 0 };
  const sum = used.value + used.feasibility + used.fit;
  if (sum === 0) return hasFit ? { value: 1 / 3, feasibility: 1 / 3, fit: 1 / 3 } : { value: 0.5, feasibility: 0.5, fit: 0 };
  return { value: used.value / sum, feasibility: used.feasibility / sum, fit: used.fit / sum };
}

export function priorityScore(
  scores: { value: number; feasibility: number; fit: number | null },
  weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
): { score: number; weights: PriorityWeights } {
  const w = normalisePriorityWeights(weights, scores.fit !== null);
  const score = w.value * scores.value + w.feasibility * scores.feasibility + w.fit * (scores.fit ?? 0);
  return { score: Math.min(100, Math.max(0, score)), weights: w };
}

export interface OpportunityScores {
  value: Scored<ValueContribution>;
  feasibility: Scored<FeasibilityContribution>;
  /** Null without a facet profile: the UI then says how to get one instead of showing a number. */
  fit: FitResult | null;
  priority: { score: number; weights: PriorityWeights };
}

export function scoreOpportunity(
  o: ScorableOpportunity,
  options: { profile?: FacetProfile | null; weights?: PriorityWeights } = {},
): OpportunityScores {
  const value = valueScore(o);
  const feasibility = feasibilityScore(o);
  const fit = options.profile ? fitScore(options.profile, o) : null;
  const priority = priorityScore({ value: value.score, feasibility: feasibility.score, fit: fit?.score ?? null }, options.weights);
  return { value, feasibility, fit, priority };
}
