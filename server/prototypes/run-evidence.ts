import { wilsonInterval, type ProportionInterval } from "@/ml/metrics/interval";
import type { RunMetrics } from "./run-json";

/** What a run's figures rest on: how many images, which ones, and how sure the figures are (95 % Wilson). */
export interface RunEvidence {
  /** "test": images nothing trained or chose on. "validation": they also chose the epoch (older runs). */
  evaluatedOn: "test" | "validation";
  accuracy: ProportionInterval;
  /** Recall of each class with its interval: how often an image of that class is recognised. */
  perClass: Array<{ label: string; recall: ProportionInterval }>;
}

/** Derived from the stored confusion matrix, so runs from before intervals were shown get them too. */
export function runEvidence(metrics: Pick<RunMetrics, "confusion" | "classes" | "evaluatedOn">): RunEvidence {
  let correct = 0;
  let total = 0;
  const perClass = metrics.classes.map((label, i) => {
    const row = metrics.confusion[i] ?? [];
    const support = row.reduce((sum, n) => sum + n, 0);
    const hits = row[i] ?? 0;
    correct += hits;
    total += support;
    return { label, recall: wilsonInterval(hits, support) };
  });
  return { evaluatedOn: metrics.evaluatedOn ?? "validation", accuracy: wilsonInterval(correct, total), perClass };
}
