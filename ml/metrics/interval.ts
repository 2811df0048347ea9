/**
 * Uncertainty of a proportion measured on n samples (accuracy, recall, agreement).
 *
 * Wilson's score interval rather than the textbook normal ("Wald") one: with the small
 * held-out sets founders have (tens of images) and accuracies near 100 %, Wald's interval
 * collapses to zero width at 12/12 — exactly the false certainty we must not show.
 */
export interface ProportionInterval {
  /** successes / n; null when n is 0. */
  estimate: number | null;
  /** Lower and upper bound of the 95 % interval (0..1); null when n is 0. */
  low: number | null;
  high: number | null;
  successes: number;
  n: number;
  /** Fewer than ROUGH_BELOW samples: the page must say the estimate is rough. */
  rough: boolean;
}

/** Below this many evaluated samples an estimate is labelled rough everywhere. */
export const ROUGH_BELOW = 30;

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export function wilsonInterval(successes: number, n: number, z: number = Z95): ProportionInterval {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new Error(`successes must be an integer in 0..${n}, got ${successes}`);
  }
  if (n === 0) return { estimate: null, low: null, high: null, successes, n, rough: true };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    estimate: p,
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
    successes,
    n,
    rough: n < ROUGH_BELOW,
  };
}
