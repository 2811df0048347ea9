/**
 * Two classifiers scored on the SAME images: by how much is the first more accurate, and how sure is that?
 *
 * Comparing the two accuracies' separate Wilson intervals answers the wrong question: the images that
 * are hard for one model tend to be hard for the other, so the two accuracies are correlated, and
 * separate intervals that overlap can still hide a clear difference. What carries the evidence are the
 * discordant images, the ones only one of the two got right. Hence Newcombe's score interval for a
 * difference of paired proportions (Statistics in Medicine 17:2635–2650, 1998, method 10: the two
 * Wilson intervals combined with the pairs' correlation) and McNemar's exact test on the discordant images.
 */
import { Z95, wilsonInterval } from "./interval";

/** The 2 × 2 table of a paired comparison, one count per kind of image. */
export interface PairedCounts {
  bothRight: number;
  /** Images the first model got right and the second wrong. */
  onlyFirstRight: number;
  /** Images the second model got right and the first wrong. */
  onlySecondRight: number;
  bothWrong: number;
}

export interface PairedDifference extends PairedCounts {
  n: number;
  /** First accuracy minus second (−1..1), and its 95 % interval; null when n is 0. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  /** McNemar's exact two-sided p-value for "both models are equally accurate"; 1 without discordant images. */
  mcnemarP: number;
}

/** Counts the four kinds of image from each model's right/wrong answer on the same images, in the same order. */
export function pairedCounts(firstRight: ArrayLike<boolean>, secondRight: ArrayLike<boolean>): PairedCounts {
  if (firstRight.length !== secondRight.length) {
    throw new Error(`paired answers need the same images: ${firstRight.length} against ${secondRight.length}`);
  }
  const counts: PairedCounts = { bothRight: 0, onlyFirstRight: 0, onlySecondRight: 0, bothWrong: 0 };
  for (let i = 0; i < firstRight.length; i++) {
    if (firstRight[i] && secondRight[i]) counts.bothRight++;
    else if (firstRight[i]) counts.onlyFirstRight++;
    else if (secondRight[i]) counts.onlySecondRight++;
    else counts.bothWrong++;
  }
  return counts;
}

function checkCounts(counts: PairedCounts): number {
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${value}`);
  }
  return counts.bothRight + counts.onlyFirstRight + counts.onlySecondRight + counts.bothWrong;
}

/**
 * Newcombe's method 10: the difference of the two accuracies with a 95 % (by default) interval built from
 * each accuracy's Wilson interval and the correlation between the paired answers (φ, shrunk towards 0 by
 * n/2 when positive, as Newcombe specifies). Never wider than [−1, 1]; symmetric when the models swap.
 */
export function pairedDifferenceInterval(
  counts: PairedCounts,
  z: number = Z95,
): { estimate: number | null; low: number | null; high: number | null } {
  const n = checkCounts(counts);
  if (n === 0) return { estimate: null, low: null, high: null };
  const { bothRight: a, onlyFirstRight: b, onlySecondRight: c, bothWrong: d } = counts;
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const first = wilsonInterval(a + b, n, z);
  const second = wilsonInterval(a + c, n, z);
  const marginals = (a + b) * (c + d) * (a + c) * (b + d);
  const cross = a * d - b * c;
  let phi = 0;
  if (marginals > 0) {
    if (cross > n / 2) phi = (cross - n / 2) / Math.sqrt(marginals);
    else if (cross < 0) phi = cross / Math.sqrt(marginals);
  }
  // Distances from each accuracy to its own Wilson limits, combined as for correlated estimates.
  const combine = (x: number, y: number) => Math.sqrt(Math.max(0, x * x - 2 * phi * x * y + y * y));
  const below = combine(p1 - first.low!, second.high! - p2);
  const above = combine(first.high! - p1, p2 - second.low!);
  const estimate = p1 - p2;
  return { estimate, low: Math.max(-1, estimate - below), high: Math.min(1, estimate + above) };
}

/**
 * McNemar's exact test: under "equally accurate" each discordant image is a fair coin between the two
 * models, so the two-sided p-value is twice the binomial tail of the smaller count (at most 1).
 * Summed in log space: the binomial coefficients overflow doubles beyond about a thousand images.
 */
export function mcnemarExactP(onlyFirstRight: number, onlySecondRight: number): number {
  for (const value of [onlyFirstRight, onlySecondRight]) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`discordant counts must be non-negative integers, got ${value}`);
  }
  const m = onlyFirstRight + onlySecondRight;
  const smaller = Math.min(onlyFirstRight, onlySecondRight);
  let logChoose = 0;
  let tail = 0;
  for (let k = 0; k <= smaller; k++) {
    if (k > 0) logChoose += Math.log(m - k + 1) - Math.log(k);
    tail += Math.exp(logChoose - m * Math.LN2);
  }
  return Math.min(1, 2 * tail);
}

/** Everything a report needs about "is the first model more accurate than the second on these images?". */
export function comparePaired(firstRight: ArrayLike<boolean>, secondRight: ArrayLike<boolean>): PairedDifference {
  const counts = pairedCounts(firstRight, secondRight);
  return {
    ...counts,
    n: firstRight.length,
    ...pairedDifferenceInterval(counts),
    mcnemarP: mcnemarExactP(counts.onlyFirstRight, counts.onlySecondRight),
  };
}
