/** Precision, recall and F1 for one class; null where the ratio has a zero denominator. */
export interface ClassMetrics {
  label: string;
  /** Samples whose true class is this one. */
  support: number;
  /** Samples predicted as this class. */
  predicted: number;
  truePositives: number;
  /** tp / predicted; null when the model never predicted this class. */
  precision: number | null;
  /** tp / support; null when no sample of this class was evaluated. */
  recall: number | null;
  /** Harmonic mean; 0 when either side is 0 or undefined while the class was seen or predicted; null when neither. */
  f1: number | null;
}

export interface ClassificationReport {
  classes: string[];
  total: number;
  /** Share of samples predicted correctly; null for an empty evaluation set. */
  accuracy: number | null;
  /** Accuracy of always answering the most frequent true class: the bar a model must clear. */
  majorityBaseline: number | null;
  perClass: ClassMetrics[];
  /**
   * Unweighted means over the classes present in the evaluation set (support > 0).
   * A present class that was never predicted counts with precision 0: ignoring it
   * would reward a model that drops a class. Macro recall is balanced accuracy.
   */
  macro: { precision: number | null; recall: number | null; f1: number | null };
  /** confusion[true][predicted] = number of samples. */
  confusion: number[][];
  /** cells[true][predicted] = the indices (into the evaluated samples) behind each count, ascending. */
  cells: number[][][];
}

/**
 * Scores predictions against the truth. `predicted` holds class indices (see
 * argmaxRows to get them from probabilities). Indices outside 0..classes-1 throw:
 * they mean the caller mixed up label lists, which must not pass silently.
 */
export function classificationReport(args: {
  classes: string[];
  truth: ArrayLike<number>;
  predicted: ArrayLike<number>;
}): ClassificationReport {
  const { classes, truth, predicted } = args;
  const k = classes.length;
  if (truth.length !== predicted.length) {
    throw new Error(`truth has ${truth.length} labels but predicted has ${predicted.length}`);
  }
  const confusion = classes.map(() => new Array<number>(k).fill(0));
  const cells = classes.map(() => classes.map(() => [] as number[]));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = checkIndex(truth[i]!, k, "truth", i);
    const p = checkIndex(predicted[i]!, k, "predicted", i);
    confusion[t]![p]! += 1;
    cells[t]![p]!.push(i);
    if (t === p) correct += 1;
  }
  const total = truth.length;
  const perClass = classes.map((label, c): ClassMetrics => {
    const truePositives = confusion[c]![c]!;
    const support = confusion[c]!.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((sum, row) => sum + row[c]!, 0);
    const precision = predictedCount > 0 ? truePositives / predictedCount : null;
    const recall = support > 0 ? truePositives / support : null;
    let f1: number | null;
    if (precision !== null && recall !== null) f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    else f1 = support > 0 || predictedCount > 0 ? 0 : null;
    return { label, support, predicted: predictedCount, truePositives, precision, recall, f1 };
  });
  const present = perClass.filter((m) => m.support > 0);
  const mean = (values: number[]) => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null);
  return {
    classes: [...classes],
    total,
    accuracy: total > 0 ? correct / total : null,
    majorityBaseline: total > 0 ? Math.max(...perClass.map((m) => m.support)) / total : null,
    perClass,
    macro: {
      precision: mean(present.map((m) => m.precision ?? 0)),
      recall: mean(present.map((m) => m.recall ?? 0)),
      f1: mean(present.map((m) => m.f1 ?? 0)),
    },
    confusion,
    cells,
  };
}

/** Row-wise argmax of an n×k probability matrix stored row-major; ties go to the lower index. */
export function argmaxRows(probabilities: ArrayLike<number>, k: number): Int32Array {
  if (k <= 0 || probabilities.length % k !== 0) throw new Error(`${probabilities.length} values do not make rows of ${k}`);
  const n = probabilities.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probabilities[i * k + j]! > probabilities[i * k + best]!) best = j;
    out[i] = best;
  }
  return out;
}

function checkIndex(value: number, k: number, what: string, i: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= k) throw new Error(`${what}[${i}] = ${value} is not a class index 0..${k - 1}`);
  return value;
}
