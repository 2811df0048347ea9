import type { FacetId } from "@/server/assessment/facets";
import { riskiestOpen, type AssumptionStatus, type EvidenceStrength, type Importance } from "./assumption-status";

/**
 * Idea validation: joins who the team is (fit with the opportunity), where the opportunity
 * stands (value and feasibility), what the prototype proved (lift over chance on held-out
 * images, counted only through an experiment of this idea), what the experiments did to the
 * assumptions, and the unit economics into go / validate further / park — or "no evidence yet"
 * when nothing is linked at all — with every reason spelled out.
 *
 * Pure and deterministic; thresholds are named constants documented in docs/IDEAS.md.
 */
export const THRESHOLDS = {
  /** Evidence at or above this (0–100) counts as strong. */
  strong: 60,
  /** Evidence below this counts as a red flag that parks the idea. */
  weak: 35,
  /**
   * The opportunity's own red-flag line is lower: hard, regulated markets (radiology, autonomous
   * trucking) score 29–34 and deserve "validate further", not "park", for a team that chose them.
   */
  opportunityWeak: 25,
  /** Held-out images needed before prototype metrics are trusted. */
  minValidationImages: 30,
  /** Facet coverage below this on a facet the opportunity needs is a gap. */
  gapBelow: 40,
} as const;

export type Verdict = "go" | "validate" | "park" | "noEvidence";

/** How optimistic a verdict is, for "a better result never worsens it" (no evidence sits with validate). */
export const VERDICT_RANK: Record<Verdict, number> = { park: 0, noEvidence: 1, validate: 1, go: 2 };

export interface TeamEvidence {
  /** Fit (0–100) of the team's coverage profile with the opportunity's required profile. */
  fit: number;
  /** Facets the opportunity weights that nobody on the team covers (coverage < gapBelow). */
  gaps: FacetId[];
  /** How many members' facet scores the coverage is built from. */
  membersAssessed: number;
}

export interface OpportunityEvidence {
  title: string;
  /** 0–100 */
  value: number;
  /** 0–100 */
  feasibility: number;
}

export interface PrototypeEvidence {
  name: string;
  version: number;
  accuracy: number; // 0–1
  macroF1: number; // 0–1
  classes: number;
  validationImages: number;
}

export interface AssumptionEvidence {
  id: string;
  statement: string;
  importance: Importance;
  evidence: EvidenceStrength;
  status: AssumptionStatus;
}

export interface EconomicsEvidence {
  positive: boolean;
  grossMarginPct: number | null;
  paybackMonths: number | null;
}

export interface VerdictInput {
  team: TeamEvidence | null;
  opportunity: OpportunityEvidence | null;
  /** The weakest run among the prototypes this idea's experiments link; never the idea's bare prototype link. */
  prototype: PrototypeEvidence | null;
  assumptions?: AssumptionEvidence[];
  economics?: EconomicsEvidence | null;
}

// "proof" = what the prototype proved. (Not "prototype": superjson refuses that object key.)
export type Pillar = "team" | "opportunity" | "proof" | "assumptions" | "economics";
export type Tone = "strength" | "concern" | "redFlag" | "missing";

/** One explained finding; `key` is a message key (ideas.reasons.*), `params` fill it. */
export interface Reason {
  pillar: Pillar;
  tone: Tone;
  key: string;
  params: Record<string, string | number>;
}

export interface VerdictReport {
  verdict: Verdict;
  /** Per pillar 0–100, or null when that evidence is missing. */
  scores: Record<"team" | "opportunity" | "proof", number | null>;
  /** The assumption the next experiment should test (riskiest untested first); null when none is open. */
  nextAssumptionId: string | null;
  /** Overall readiness: mean of the present pillars (null when none). */
  readiness: number | null;
  /** Share of the three pillars that have evidence (0, 1/3, 2/3, 1). */
  confidence: number;
  reasons: Reason[];
  /** What to do next, most important first (message keys in ideas.steps.*). */
  nextSteps: Reason[];
}

const clamp = (x: number) => Math.max(0, Math.min(100, x));
const round = (x: number) => Math.round(x);

/** Lift over guessing, 0–100: 0 = no better than chance (1/classes), 100 = perfect. */
export function liftOverChance(accuracy: number, classes: number): number {
  const chance = 1 / Math.max(2, classes);
  return clamp(((accuracy - chance) / (1 - chance)) * 100);
}

/** The prototype pillar, 0–100. Weighs lift and macro-F1 so a model that ignores a minority class is not rewarded. */
export function proofScore(p: PrototypeEvidence): number {
  return round(clamp(0.6 * liftOverChance(p.accuracy, p.classes) + 0.4 * p.macroF1 * 100));
}

export function evaluateIdea(input: VerdictInput): VerdictReport {
  const reasons: Reason[] = [];
  const steps: Reason[] = [];
  const { strong, weak } = THRESHOLDS;

  let team: number | null = null;
  if (input.team) {
    team = round(clamp(input.team.fit));
    const tone: Tone = team >= strong ? "strength" : team < weak ? "redFlag" : "concern";
    reasons.push({ pillar: "team", tone, key: `team_${tone}`, params: { fit: team, members: input.team.membersAssessed } });
    for (const facet of input.team.gaps) {
      reasons.push({ pillar: "team", tone: "concern", key: "team_gap", params: { facet } });
    }
    if (input.team.gaps.length)
      steps.push({ pillar: "team", tone: "concern", key: "step_hire", params: { facets: input.team.gaps.join(", ") } });
  } else {
    reasons.push({ pillar: "team", tone: "missing", key: "team_missing", params: {} });
    steps.push({ pillar: "team", tone: "missing", key: "step_assess", params: {} });
  }

  let opportunity: number | null = null;
  if (input.opportunity) {
    const { value, feasibility, title } = input.opportunity;
    // Both matter: a valuable but infeasible market and a feasible but small one are both weak.
    opportunity = round(clamp(Math.sqrt(clamp(value) * clamp(feasibility))));
    const tone: Tone = opportunity >= strong ? "strength" : opportunity < THRESHOLDS.opportunityWeak ? "redFlag" : "concern";
    reasons.push({
      pillar: "opportunity",
      tone,
      key: `opportunity_${tone}`,
      params: { title, value: round(value), feasibility: round(feasibility) },
    });
    if (feasibility < weak) steps.push({ pillar: "opportunity", tone: "concern", key: "step_feasibility", params: { title } });
  } else {
    reasons.push({ pillar: "opportunity", tone: "missing", key: "opportunity_missing", params: {} });
    steps.push({ pillar: "opportunity", tone: "missing", key: "step_opportunity", params: {} });
  }

  let prototype: number | null = null;
  let prototypeTrusted = false;
  if (input.prototype) {
    const p = input.prototype;
    prototype = proofScore(p);
    prototypeTrusted = p.validationImages >= THRESHOLDS.minValidationImages;
    const params = {
      name: p.name,
      version: p.version,
      accuracy: round(p.accuracy * 100),
      chance: round(100 / Math.max(2, p.classes)),
      f1: round(p.macroF1 * 100),
      n: p.validationImages,
    };
    const tone: Tone = prototype >= strong ? "strength" : prototype < weak ? "redFlag" : "concern";
    reasons.push({ pillar: "proof", tone, key: `proof_${tone}`, params });
    if (!prototypeTrusted) {
      reasons.push({
        pillar: "proof",
        tone: "concern",
        key: "proof_small",
        params: { n: p.validationImages, min: THRESHOLDS.minValidationImages },
      });
      steps.push({ pillar: "proof", tone: "concern", key: "step_more_data", params: { min: THRESHOLDS.minValidationImages } });
    } else if (prototype < strong) {
      steps.push({ pillar: "proof", tone: "concern", key: "step_improve_model", params: {} });
    }
  } else {
    reasons.push({ pillar: "proof", tone: "missing", key: "proof_missing", params: {} });
    steps.push({ pillar: "proof", tone: "missing", key: "step_prototype", params: {} });
  }

  const assumptions = input.assumptions ?? [];
  const critical = assumptions.filter((a) => a.importance === "critical");
  const invalidated = critical.filter((a) => a.status === "invalidated");
  for (const a of invalidated)
    reasons.push({ pillar: "assumptions", tone: "redFlag", key: "assumption_invalidated", params: { statement: a.statement } });
  for (const a of assumptions.filter((x) => x.status === "validated"))
    reasons.push({ pillar: "assumptions", tone: "strength", key: "assumption_validated", params: { statement: a.statement } });
  const criticalOpen = critical.filter((a) => a.status === "untested" || a.status === "testing");
  if (!assumptions.length) {
    reasons.push({ pillar: "assumptions", tone: "missing", key: "assumptions_missing", params: {} });
    steps.push({ pillar: "assumptions", tone: "missing", key: "step_assumptions", params: {} });
  } else if (!critical.length) {
    reasons.push({ pillar: "assumptions", tone: "concern", key: "assumptions_no_critical", params: {} });
  } else if (criticalOpen.length) {
    reasons.push({ pillar: "assumptions", tone: "concern", key: "assumptions_open", params: { open: criticalOpen.length } });
  }
  const next = riskiestOpen(assumptions);
  if (next) steps.unshift({ pillar: "assumptions", tone: "concern", key: "step_next_experiment", params: { statement: next.statement } });

  const economics = input.economics ?? null;
  if (!economics) {
    reasons.push({ pillar: "economics", tone: "missing", key: "economics_missing", params: {} });
    steps.push({ pillar: "economics", tone: "missing", key: "step_economics", params: {} });
  } else {
    const params = {
      margin: economics.grossMarginPct === null ? "—" : round(economics.grossMarginPct * 100),
      payback: economics.paybackMonths === null ? "—" : Math.round(economics.paybackMonths * 10) / 10,
    };
    reasons.push({
      pillar: "economics",
      tone: economics.positive ? "strength" : "concern",
      key: economics.positive ? "economics_positive" : "economics_negative",
      params,
    });
    if (!economics.positive) steps.push({ pillar: "economics", tone: "concern", key: "step_fix_economics", params: {} });
  }

  const scores = { team, opportunity, proof: prototype };
  const present = Object.values(scores).filter((s): s is number => s !== null);
  const readiness = present.length ? round(present.reduce((a, b) => a + b, 0) / present.length) : null;
  const confidence = present.length / 3;

  // A red flag parks the idea — but a prototype red flag only counts on enough held-out data.
  const redFlag =
    invalidated.length > 0 ||
    (team !== null && team < weak) ||
    (opportunity !== null && opportunity < THRESHOLDS.opportunityWeak) ||
    (prototype !== null && prototype < weak && prototypeTrusted);
  const allStrong =
    team !== null &&
    opportunity !== null &&
    prototype !== null &&
    team >= strong &&
    opportunity >= strong &&
    prototype >= strong &&
    prototypeTrusted &&
    (input.team?.gaps.length ?? 0) === 0;
  const provenByExperiments = critical.length > 0 && critical.every((a) => a.status === "validated");
  // Nothing linked at all: no opportunity (hence no team fit), no assumption, no economics.
  const nothingLinked = input.opportunity === null && !assumptions.length && !economics && input.prototype === null;

  const verdict: Verdict = redFlag
    ? "park"
    : allStrong && provenByExperiments && economics?.positive
      ? "go"
      : nothingLinked
        ? "noEvidence"
        : "validate";
  if (verdict === "go") steps.push({ pillar: "opportunity", tone: "strength", key: "step_go", params: {} });
  if (verdict === "park") steps.unshift({ pillar: "opportunity", tone: "redFlag", key: "step_park", params: {} });
  return { verdict, scores, readiness, confidence, reasons, nextSteps: dedupe(steps), nextAssumptionId: next?.id ?? null };
}

/** The same step twice (two pillars can ask for the same action) is listed once, where it first appears. */
export function dedupe(steps: Reason[]): Reason[] {
  const seen = new Set<string>();
  return steps.filter((s) => {
    const id = `${s.key}|${JSON.stringify(s.params)}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
