import { wilsonInterval, type ProportionInterval } from "@/ml/metrics/interval";
import type { RunEvidence } from "./run-evidence";

/**
 * Whether an experiment met the pass criterion fixed when it was planned. Pure.
 *
 * A prototype experiment passes only when the 95 % interval's LOWER bound is above the threshold
 * and the run was measured on at least the required number of held-out images: a lucky 10/10
 * does not prove "≥ 90 % recall". It fails when even the interval's upper bound is below the
 * threshold; in between the evidence is inconclusive and the experiment stays open.
 */
export type Outcome = "passed" | "failed" | "pending";

export interface PrototypeTarget {
  metric: "recall" | "precision" | "accuracy";
  /** Class name for recall and precision. */
  targetClass: string | null;
  /** 0–1 */
  threshold: number;
  minSamples: number;
}

export type PendingWhy = "noRun" | "noConfusion" | "unknownClass" | "tooFewImages" | "inconclusive" | "noResult" | "prototypeDeleted";

export interface ExperimentResult {
  outcome: Outcome;
  why: PendingWhy | null;
  /** Prototype experiments: the measured proportion with its interval. */
  interval: ProportionInterval | null;
  run: { runId: string; version: number; heldOut: number } | null;
}

/** successes / n for the metric, read from the confusion matrix (rows = truth, columns = prediction). */
export function metricCounts(confusion: number[][], classes: string[], target: PrototypeTarget): { successes: number; n: number } | null {
  if (target.metric === "accuracy") {
    const n = confusion.flat().reduce((a, b) => a + b, 0);
    return { successes: confusion.reduce((a, row, i) => a + (row[i] ?? 0), 0), n };
  }
  const c = target.targetClass === null ? -1 : classes.indexOf(target.targetClass);
  if (c < 0) return null;
  const tp = confusion[c]?.[c] ?? 0;
  if (target.metric === "recall") return { successes: tp, n: (confusion[c] ?? []).reduce((a, b) => a + b, 0) };
  return { successes: tp, n: confusion.reduce((a, row) => a + (row[c] ?? 0), 0) };
}

export function prototypeResult(run: RunEvidence | null, target: PrototypeTarget): ExperimentResult {
  if (!run) return { outcome: "pending", why: "noRun", interval: null, run: null };
  const ref = { runId: run.runId, version: run.version, heldOut: run.heldOut };
  if (!run.confusion) return { outcome: "pending", why: "noConfusion", interval: null, run: ref };
  const counts = metricCounts(run.confusion, run.classes, target);
  if (!counts) return { outcome: "pending", why: "unknownClass", interval: null, run: ref };
  const interval = wilsonInterval(counts.successes, counts.n);
  if (run.heldOut < target.minSamples) return { outcome: "pending", why: "tooFewImages", interval, run: ref };
  if (interval.low !== null && interval.low > target.threshold) return { outcome: "passed", why: null, interval, run: ref };
  if (interval.high !== null && interval.high < target.threshold) return { outcome: "failed", why: null, interval, run: ref };
  return { outcome: "pending", why: "inconclusive", interval, run: ref };
}

/** A manual experiment (interviews, landing page, pre-orders, pilot): the observed number must reach the threshold. */
export function manualResult(resultValue: number | null, threshold: number): ExperimentResult {
  if (resultValue === null) return { outcome: "pending", why: "noResult", interval: null, run: null };
  return { outcome: resultValue >= threshold ? "passed" : "failed", why: null, interval: null, run: null };
}
