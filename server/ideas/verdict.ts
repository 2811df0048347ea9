import type { FacetId } from "@/server/assessment/facets";

/**
 * Idea validation: joins who the team is (fit with the opportunity), where the opportunity
 * stands (value and feasibility) and what the prototype proved (lift over chance on held-out
 * images) into go / validate further / park, with every reason spelled out.
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

export type Verdict = "go" | "validate" | "park";

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

export interface VerdictInput {
  team: TeamEvidence | null;
  opportunity: OpportunityEvidence | null;
  prototype: PrototypeEvidence | null;
}

// "proof" = what the prototype proved. (Not "prototype": superjson refuses that object key.)
export type Pillar = "team" | "opportunity" | "proof";
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
  scores: Record<Pillar, number | null>;
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
    const lift = liftOverChance(p.accuracy, p.classes);
    // Weigh lift and macro-F1 so a model that ignores a minority class is not rewarded.
    prototype = round(clamp(0.6 * lift + 0.4 * p.macroF1 * 100));
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

  const scores = { team, opportunity, proof: prototype };
  const present = Object.values(scores).filter((s): s is number => s !== null);
  const readiness = present.length ? round(present.reduce((a, b) => a + b, 0) / present.length) : null;
  const confidence = present.length / 3;

  // A red flag parks the idea — but a prototype red flag only counts on enough held-out data.
  const redFlag =
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

  const verdict: Verdict = redFlag ? "park" : allStrong ? "go" : "validate";
  if (verdict === "go") steps.push({ pillar: "opportunity", tone: "strength", key: "step_go", params: {} });
  if (verdict === "park") steps.unshift({ pillar: "opportunity", tone: "redFlag", key: "step_park", params: {} });
  return { verdict, scores, readiness, confidence, reasons, nextSteps: steps };
}
