/**
 * How accuracy grows with training images, and a rough forecast of how many more would reach a target.
 *
 * Model: error(n) = b · n^(−c), the inverse power law learning curves of classifiers follow over the range
 * a small project sees (Cortes et al. 1994; Hestness et al. 2017), fitted by least squares on
 * log(error) against log(n). It assumes the curve keeps its shape past the last point, which it often
 * does not (errors flatten at the data's noise level), so the forecast is an estimate and says so.
 */
export interface CurvePoint {
  /** Training images per class at this point (on average). */
  imagesPerClass: number;
  /** Accuracy on the same held-out images. */
  accuracy: number;
}

export interface CurveFit {
  /** error(n) = scale · n^(−exponent). */
  scale: number;
  exponent: number;
  /** Accuracy the fitted curve gives at n images per class. */
  accuracyAt(imagesPerClass: number): number;
}

/** Error floors at this much: a point at 100 % would otherwise have log(0). */
const MIN_ERROR = 0.005;

/**
 * Least-squares fit of log(error) = log(scale) − exponent · log(n). Null when there are fewer than
 * two distinct sizes, or when accuracy does not rise with more images (no forecast can be made).
 */
export function fitLearningCurve(points: readonly CurvePoint[]): CurveFit | null {
  const usable = points.filter((p) => p.imagesPerClass > 0 && Number.isFinite(p.accuracy));
  if (new Set(usable.map((p) => p.imagesPerClass)).size < 2) return null;
  const xs = usable.map((p) => Math.log(p.imagesPerClass));
  const ys = usable.map((p) => Math.log(Math.max(MIN_ERROR, 1 - p.accuracy)));
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxy / sxx;
  if (!(slope < 0)) return null;
  const exponent = -slope;
  const scale = Math.exp(my - slope * mx);
  return { scale, exponent, accuracyAt: (n) => 1 - Math.min(1, scale * n ** -exponent) };
}

/**
 * Images per class the fitted curve needs to reach `target` accuracy; null when the target is not
 * above what the curve already gives at `current`, or beyond reach (more than 100× the current size).
 */
export function imagesPerClassFor(fit: CurveFit, target: number, current: number): number | null {
  if (!(target > 0 && target < 1)) throw new Error(`target must be in (0, 1), got ${target}`);
  if (fit.accuracyAt(current) >= target) return null;
  const needed = Math.ceil((fit.scale / (1 - target)) ** (1 / fit.exponent));
  return needed > current * 100 ? null : needed;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
