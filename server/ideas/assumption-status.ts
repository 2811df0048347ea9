import type { Outcome } from "./experiment-result";

/**
 * An assumption's status follows from its experiments, never from a field someone sets: any
 * failed experiment invalidates it (a later pass does not erase a failure — delete or replan
 * the failed test if it was flawed), a pass with no failure validates it.
 */
export type AssumptionStatus = "untested" | "testing" | "validated" | "invalidated";
export type Importance = "critical" | "high" | "low";
export type EvidenceStrength = "none" | "weak" | "moderate" | "strong";

export function assumptionStatus(outcomes: Outcome[]): AssumptionStatus {
  if (outcomes.includes("failed")) return "invalidated";
  if (outcomes.includes("passed")) return "validated";
  return outcomes.length ? "testing" : "untested";
}

const IMPORTANCE_WEIGHT: Record<Importance, number> = { critical: 3, high: 2, low: 1 };
const UNPROVEN_WEIGHT: Record<EvidenceStrength, number> = { none: 3, weak: 2, moderate: 1, strong: 0 };

/** The 2×2: important (critical or high) × unproven (no or weak evidence, and not validated). */
export function quadrant(a: { importance: Importance; evidence: EvidenceStrength; status: AssumptionStatus }) {
  const important = a.importance !== "low";
  const unproven = a.status !== "validated" && (a.evidence === "none" || a.evidence === "weak");
  return { important, unproven };
}

/** Higher = riskier: importance × how little is known. A validated assumption carries no risk. */
export function riskScore(a: { importance: Importance; evidence: EvidenceStrength; status: AssumptionStatus }): number {
  if (a.status === "validated") return 0;
  return IMPORTANCE_WEIGHT[a.importance] * (UNPROVEN_WEIGHT[a.evidence] + 1);
}

/**
 * The assumption to test next: the riskiest one nobody is testing yet, else the riskiest still
 * being tested. Invalidated and validated ones are settled. Ties go to the oldest (input order).
 */
export function riskiestOpen<T extends { importance: Importance; evidence: EvidenceStrength; status: AssumptionStatus }>(
  assumptions: T[],
): T | null {
  for (const status of ["untested", "testing"] as const) {
    let best: T | null = null;
    for (const a of assumptions) if (a.status === status && (!best || riskScore(a) > riskScore(best))) best = a;
    if (best) return best;
  }
  return null;
}

/**
 * Where the idea stands in its validation, for the board: still framing (no assumptions written
 * down), testing (a critical assumption is still open, or none is marked critical), or with its
 * evidence in (every critical assumption settled by an experiment, either way).
 */
export type ValidationStage = "framing" | "testing" | "decided";
export function validationStage(assumptions: { importance: Importance; status: AssumptionStatus }[]): ValidationStage {
  if (!assumptions.length) return "framing";
  const critical = assumptions.filter((a) => a.importance === "critical");
  return critical.length && critical.every((a) => a.status === "validated" || a.status === "invalidated") ? "decided" : "testing";
}
