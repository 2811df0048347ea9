// @ts-check
// Standardisation of a feature matrix with the training rows' statistics, and its folding into
// the first dense layer of a model, so the stored model takes raw features: every path that runs
// the model (Try it, REST, batch, the export on TF.js or ONNX Runtime) applies it by construction.
// Plain JavaScript: runs in the training worker.

/**
 * How far a column's own scale is pulled towards the shared scale: σⱼ = √(sⱼ² + SHRINK · s²),
 * s the root mean square of the columns' deviations. Per-column scaling is what lets a linear
 * model or the MLP use an intermediate block's pooled activations, whose channels differ in scale
 * by orders of magnitude (measured: docs/PROTOTYPES.md, "Which features?"); the shrinkage bounds
 * 1/σⱼ, so a channel that barely varied in training cannot get a huge folded weight that a tiny
 * difference in preprocessing (another resizer) would turn into a different answer.
 */
export const STANDARDISE_SHRINK = 0.01;

/**
 * @typedef {{ mean: Float64Array, std: Float64Array }} ColumnStats
 */

/**
 * Per-column means and scales over `rows` of the row-major n × d matrix `x`.
 * "per-column": σⱼ as above (backbone features). "shared": one scale s for every column
 * (pixels, which share one scale already).
 * @param {Float32Array} x
 * @param {number} d
 * @param {number[]} rows
 * @param {"per-column" | "shared"} [scaling]
 * @returns {ColumnStats}
 */
export function columnStats(x, d, rows, scaling = "per-column") {
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  for (const row of rows) {
    const offset = row * d;
    for (let j = 0; j < d; j++) {
      const v = /** @type {number} */ (x[offset + j]);
      sum[j] = /** @type {number} */ (sum[j]) + v;
      sumSq[j] = /** @type {number} */ (sumSq[j]) + v * v;
    }
  }
  return statsFromSums(sum, sumSq, rows.length, scaling);
}

/**
 * The same statistics from per-column sums and sums of squares over `count` rows (for features
 * that arrive batch by batch).
 * @param {Float64Array} sum
 * @param {Float64Array} sumSq
 * @param {number} count
 * @param {"per-column" | "shared"} [scaling]
 * @returns {ColumnStats}
 */
export function statsFromSums(sum, sumSq, count, scaling = "per-column") {
  const d = sum.length;
  const n = Math.max(1, count);
  const mean = Float64Array.from(sum, (s) => s / n);
  const variance = Float64Array.from(sumSq, (s, j) => Math.max(0, s / n - /** @type {number} */ (mean[j]) ** 2));
  let total = 0;
  for (const v of variance) total += v;
  const shared = Math.sqrt(total / Math.max(1, d));
  // A matrix that does not vary at all (one training image) keeps its raw scale.
  if (!(shared > 1e-12)) return { mean, std: new Float64Array(d).fill(1) };
  if (scaling === "shared") return { mean, std: new Float64Array(d).fill(shared) };
  const floor = STANDARDISE_SHRINK * shared * shared;
  return { mean, std: Float64Array.from(variance, (v) => Math.sqrt(v + floor)) };
}

/**
 * The given rows of x, standardised with `stats`, row-major rows.length × d.
 * @param {Float32Array} x
 * @param {number} d
 * @param {number[]} rows
 * @param {ColumnStats} stats
 */
export function standardRows(x, d, rows, stats) {
  const out = new Float32Array(rows.length * d);
  rows.forEach((row, i) => {
    const from = row * d;
    const to = i * d;
    for (let j = 0; j < d; j++) {
      const value = /** @type {number} */ (x[from + j]);
      out[to + j] = (value - /** @type {number} */ (stats.mean[j])) / /** @type {number} */ (stats.std[j]);
    }
  });
  return out;
}

/**
 * Folds the standardisation into a dense layer (kernel d × units, row-major, and bias), so it
 * takes raw features: W'ⱼ = Wⱼ / σⱼ and b' = b − Σⱼ μⱼ Wⱼ / σⱼ. Exact up to float rounding
 * (the sums run in float64).
 * @param {ArrayLike<number>} kernel
 * @param {ArrayLike<number>} bias
 * @param {ColumnStats} stats
 * @returns {{ kernel: Float32Array, bias: Float32Array }}
 */
export function foldIntoDense(kernel, bias, stats) {
  const d = stats.mean.length;
  const units = bias.length;
  if (kernel.length !== d * units) throw new Error(`a ${kernel.length}-value kernel is not ${d} × ${units}`);
  const out = new Float32Array(d * units);
  const b = Float64Array.from(bias);
  for (let j = 0; j < d; j++) {
    const sigma = /** @type {number} */ (stats.std[j]);
    const mu = /** @type {number} */ (stats.mean[j]);
    for (let u = 0; u < units; u++) {
      const scaled = /** @type {number} */ (kernel[j * units + u]) / sigma;
      out[j * units + u] = scaled;
      b[u] = /** @type {number} */ (b[u]) - mu * scaled;
    }
  }
  return { kernel: out, bias: Float32Array.from(b) };
}
