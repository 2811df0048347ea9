import { wilsonInterval, type ProportionInterval } from "@/ml/metrics/interval";
import type { Candidate, CandidateKindName, Selection } from "@/server/prototypes/run-json";

export interface CandidateRow {
  kind: CandidateKindName;
  winner: boolean;
  /** Out-of-fold accuracy over the training images, with its 95 % Wilson interval. */
  cv: ProportionInterval;
  /** Standard deviation of the per-fold accuracies. */
  spread: number;
  candidate: Candidate;
}

/**
 * What the results page says about the optimise step: the candidates in the order they were
 * tried, the winner, and why it won — against the best of the others: "lower" by so many
 * points, or "tied" (an exact tie goes to the simpler model).
 */
export function selectionSummary(selection: Selection): {
  rows: CandidateRow[];
  winner: CandidateRow;
  /** The best candidate that did not win; absent when only one was tried. */
  runnerUp?: CandidateRow;
  /** Winner minus runner-up, in percentage points (rounded to one decimal). */
  points: number;
  reason: "higher" | "tie" | "alone";
} {
  const rows = selection.candidates.map((candidate) => ({
    kind: candidate.kind,
    winner: candidate.kind === selection.winner,
    cv: wilsonInterval(candidate.correct, candidate.n),
    spread: candidate.spread,
    candidate,
  }));
  const winner = rows.find((r) => r.winner) ?? rows[0]!;
  const others = rows.filter((r) => r !== winner).sort((a, b) => b.candidate.correct - a.candidate.correct);
  const runnerUp = others[0];
  if (!runnerUp) return { rows, winner, points: 0, reason: "alone" };
  const points = Math.round((winner.candidate.cvAccuracy - runnerUp.candidate.cvAccuracy) * 100 * 10) / 10;
  return { rows, winner, runnerUp, points, reason: winner.candidate.correct === runnerUp.candidate.correct ? "tie" : "higher" };
}
