import { wilsonInterval, type ProportionInterval } from "@/ml/metrics/interval";
import { fitLearningCurve, imagesPerClassFor } from "@/ml/metrics/learning-curve";
import type { RunMetrics } from "./run-json";

/** What a run's figures rest on: how many images, which ones, and how sure the figures are (95 % Wilson). */
export interface RunEvidence {
  /** "test": images nothing trained or chose on. "validation": they also chose the epoch (older runs). */
  evaluatedOn: "test" | "validation";
  accuracy: ProportionInterval;
  /** Recall of each class with its interval: how often an image of that class is recognised. */
  perClass: Array<{ label: string; recall: ProportionInterval }>;
  /** Test accuracy with a share of the training images, and what the fitted curve forecasts (an estimate). */
  learningCurve: LearningCurveEvidence | null;
}

export interface LearningCurveEvidence {
  points: Array<{ fraction: number; imagesPerClass: number; accuracy: ProportionInterval }>;
  /** "About `morePerClass` more images per class to reach `target`"; null when no forecast can be made. */
  forecast: { target: number; morePerClass: number } | null;
}

/** Targets a forecast aims at: the first one above the run's accuracy. */
const TARGETS = [0.9, 0.95, 0.98, 0.99];

/** Derived from the stored confusion matrix, so runs from before intervals were shown get them too. */
export function runEvidence(metrics: Pick<RunMetrics, "confusion" | "classes" | "evaluatedOn" | "learningCurve">): RunEvidence {
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
  return {
    evaluatedOn: metrics.evaluatedOn ?? "validation",
    accuracy: wilsonInterval(correct, total),
    perClass,
    learningCurve: curveEvidence(metrics.learningCurve),
  };
}

function curveEvidence(curve: RunMetrics["learningCurve"]): LearningCurveEvidence | null {
  if (!curve || curve.length < 2) return null;
  const points = curve.map((p) => ({ fraction: p.fraction, imagesPerClass: p.imagesPerClass, accuracy: wilsonInterval(p.correct, p.n) }));
  const last = points.at(-1)!;
  const fit = fitLearningCurve(points.map((p) => ({ imagesPerClass: p.imagesPerClass, accuracy: p.accuracy.estimate ?? 0 })));
  const target = TARGETS.find((t) => t > (last.accuracy.estimate ?? 1));
  const needed = fit && target !== undefined ? imagesPerClassFor(fit, target, last.imagesPerClass) : null;
  return {
    points,
    forecast: needed !== null && target !== undefined ? { target, morePerClass: Math.ceil(needed - last.imagesPerClass) } : null,
  };
}
