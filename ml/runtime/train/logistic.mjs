// @ts-check
// Multinomial logistic regression with an L2 penalty, fitted by full-batch L-BFGS.
// The two matrix products per evaluation (X·W and Xᵀ·R) run as TF.js ops on the
// active backend (WASM SIMD in the training worker),
// the L-BFGS bookkeeping in plain Float64Arrays. Plain JavaScript: runs in the
// training worker. Objective (what `loss` reports):
//   Σᵢ wᵢ · CEᵢ / Σᵢ wᵢ + λ/2 · ‖W‖²    (the biases are not penalised)
import * as tf from "@tensorflow/tfjs";
import { TrainingCancelledError } from "./fit.mjs";
import { foldIntoDense } from "./standardise.mjs";

export { columnStats, standardRows } from "./standardise.mjs";

const HISTORY = 10;

/**
 * @typedef {{ W: Float32Array, b: Float32Array }} LogisticParams  W is d × C row-major, b has C values.
 * @typedef {{ W: Float32Array, b: Float32Array, loss: number, iterations: number, converged: boolean, gradientNorm: number }} LogisticFit
 */

/**
 * A fitting problem bound to one design matrix: fit it at several λ (warm starts) without
 * uploading X again. Call dispose() when done.
 * @param {{ x: Float32Array, n: number, d: number, labels: ArrayLike<number>, classCount: number, weights?: ArrayLike<number> }} data
 */
export function logisticProblem({ x, n, d, labels, classCount, weights }) {
  if (x.length !== n * d) throw new Error(`${x.length} values are not ${n} rows of ${d}`);
  const C = classCount;
  const w = Float32Array.from({ length: n }, (_, i) => (weights ? Number(weights[i]) : 1));
  const weightSum = w.reduce((a, v) => a + v, 0);
  if (!(weightSum > 0)) throw new Error("logistic regression needs samples with positive weight");
  const X = tf.tensor2d(x, [n, d]);
  // Xᵀ kept once: WASM's transposed product transposes X on every call (10 MB at 2,000 × 1,280).
  const XT = tf.transpose(X);
  const Y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(labels), "int32"), C).toFloat());
  const scaledW = tf.tidy(() => tf.tensor2d(w, [n, 1]).div(weightSum));

  /**
   * Loss and gradient at θ = [W (d·C), b (C)].
   * @param {Float64Array} theta
   * @param {number} lambda
   */
  function evaluate(theta, lambda) {
    const Wv = Float32Array.from(theta.subarray(0, d * C));
    const bv = Float32Array.from(theta.subarray(d * C));
    const [lossT, gW, gb] = tf.tidy(() => {
      const Wt = tf.tensor2d(Wv, [d, C]);
      const logits = tf.add(tf.matMul(X, Wt), tf.tensor1d(bv));
      const logp = tf.logSoftmax(logits);
      const data = tf.neg(tf.sum(tf.mul(tf.mul(logp, Y), scaledW)));
      const R = tf.mul(tf.sub(tf.exp(logp), Y), scaledW);
      return [data, tf.matMul(XT, R), tf.sum(R, 0)];
    });
    const gradient = new Float64Array(d * C + C);
    const gWv = /** @type {Float32Array} */ (gW.dataSync());
    const gbv = /** @type {Float32Array} */ (gb.dataSync());
    let penalty = 0;
    for (let i = 0; i < d * C; i++) {
      const value = /** @type {number} */ (theta[i]);
      penalty += value * value;
      gradient[i] = /** @type {number} */ (gWv[i]) + lambda * value;
    }
    gradient.set(gbv, d * C);
    const loss = /** @type {number} */ (lossT.dataSync()[0]) + (lambda / 2) * penalty;
    lossT.dispose();
    gW.dispose();
    gb.dispose();
    return { loss, gradient };
  }

  return {
    d,
    classCount: C,
    /**
     * @param {{ lambda: number, init?: LogisticParams, maxIterations?: number, tolerance?: number, isCancelled?: () => boolean }} options
     * @returns {LogisticFit}
     */
    fit(options) {
      const theta = new Float64Array(d * C + C);
      if (options.init) {
        theta.set(options.init.W);
        theta.set(options.init.b, d * C);
      }
      const result = lbfgs((t) => evaluate(t, options.lambda), theta, {
        maxIterations: options.maxIterations ?? 300,
        tolerance: options.tolerance ?? 1e-5,
        isCancelled: options.isCancelled,
      });
      return {
        W: Float32Array.from(result.theta.subarray(0, d * C)),
        b: Float32Array.from(result.theta.subarray(d * C)),
        loss: result.loss,
        iterations: result.iterations,
        converged: result.converged,
        gradientNorm: result.gradientNorm,
      };
    },
    dispose() {
      X.dispose();
      XT.dispose();
      Y.dispose();
      scaledW.dispose();
    },
  };
}

/**
 * Limited-memory BFGS (two-loop recursion) with a backtracking Armijo line search.
 * Stops when the largest gradient entry is below `tolerance`, when the loss stops
 * moving (relative change below 1e-10), or after `maxIterations`.
 * @param {(theta: Float64Array) => { loss: number, gradient: Float64Array }} evaluate
 * @param {Float64Array} theta0
 * @param {{ maxIterations: number, tolerance: number, isCancelled?: () => boolean }} options
 */
function lbfgs(evaluate, theta0, { maxIterations, tolerance, isCancelled }) {
  let theta = Float64Array.from(theta0);
  let { loss, gradient } = evaluate(theta);
  /** @type {Array<{ s: Float64Array, y: Float64Array, rho: number }>} */
  const memory = [];
  let iterations = 0;
  let converged = maxAbs(gradient) < tolerance;
  while (!converged && iterations < maxIterations) {
    // The trainers' own cancellation error, so a run cancelled mid-selection ends CANCELLED, not FAILED.
    if (isCancelled?.()) throw new TrainingCancelledError();
    iterations++;
    const direction = twoLoop(gradient, memory);
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information gone stale): restart from steepest descent.
      memory.length = 0;
      for (let i = 0; i < direction.length; i++) direction[i] = -(/** @type {number} */ (gradient[i]));
      slope = dot(direction, gradient);
    }
    // The first step has no curvature estimate: keep it small relative to the gradient.
    let step = memory.length === 0 ? Math.min(1, 1 / Math.max(1e-12, Math.sqrt(dot(gradient, gradient)))) : 1;
    let next = null;
    for (let tries = 0; tries < 40; tries++) {
      const candidate = new Float64Array(theta.length);
      for (let i = 0; i < theta.length; i++) candidate[i] = /** @type {number} */ (theta[i]) + step * /** @type {number} */ (direction[i]);
      const evaluated = evaluate(candidate);
      if (Number.isFinite(evaluated.loss) && evaluated.loss <= loss + 1e-4 * step * slope) {
        next = { theta: candidate, ...evaluated };
        break;
      }
      step *= 0.5;
    }
    if (!next) break; // no decrease along the direction: as close as float arithmetic gets
    const s = new Float64Array(theta.length);
    const y = new Float64Array(theta.length);
    for (let i = 0; i < theta.length; i++) {
      s[i] = /** @type {number} */ (next.theta[i]) - /** @type {number} */ (theta[i]);
      y[i] = /** @type {number} */ (next.gradient[i]) - /** @type {number} */ (gradient[i]);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      memory.push({ s, y, rho: 1 / sy });
      if (memory.length > HISTORY) memory.shift();
    }
    const change = Math.abs(loss - next.loss);
    theta = next.theta;
    loss = next.loss;
    gradient = next.gradient;
    converged = maxAbs(gradient) < tolerance || change <= 1e-10 * Math.max(1, Math.abs(loss));
  }
  return { theta, loss, iterations, converged, gradientNorm: maxAbs(gradient) };
}

/**
 * @param {Float64Array} gradient
 * @param {Array<{ s: Float64Array, y: Float64Array, rho: number }>} memory
 */
function twoLoop(gradient, memory) {
  const q = Float64Array.from(gradient);
  const alphas = new Float64Array(memory.length);
  for (let k = memory.length - 1; k >= 0; k--) {
    const { s, y, rho } = /** @type {(typeof memory)[number]} */ (memory[k]);
    const alpha = rho * dot(s, q);
    alphas[k] = alpha;
    for (let i = 0; i < q.length; i++) q[i] = /** @type {number} */ (q[i]) - alpha * /** @type {number} */ (y[i]);
  }
  if (memory.length > 0) {
    const { s, y } = /** @type {(typeof memory)[number]} */ (memory[memory.length - 1]);
    const gamma = dot(s, y) / dot(y, y);
    for (let i = 0; i < q.length; i++) q[i] = /** @type {number} */ (q[i]) * gamma;
  }
  for (let k = 0; k < memory.length; k++) {
    const { s, y, rho } = /** @type {(typeof memory)[number]} */ (memory[k]);
    const beta = rho * dot(y, q);
    const alpha = /** @type {number} */ (alphas[k]);
    for (let i = 0; i < q.length; i++) q[i] = /** @type {number} */ (q[i]) + /** @type {number} */ (s[i]) * (alpha - beta);
  }
  for (let i = 0; i < q.length; i++) q[i] = -(/** @type {number} */ (q[i]));
  return q;
}

/** @param {Float64Array} a @param {Float64Array} b */
function dot(a, b) {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += /** @type {number} */ (a[i]) * /** @type {number} */ (b[i]);
  return sum;
}

/** @param {Float64Array} a */
function maxAbs(a) {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(/** @type {number} */ (a[i])));
  return m;
}

/**
 * Folds the standardisation into the weights, so the model takes raw features:
 * W'ⱼ = Wⱼ / σⱼ and b' = b − Σⱼ μⱼ Wⱼ / σⱼ. Exact up to float rounding.
 * @param {LogisticParams} params
 * @param {import("./standardise.mjs").ColumnStats} stats
 * @param {number} _classCount
 * @returns {LogisticParams}
 */
export function foldStandardisation(params, stats, _classCount) {
  const folded = foldIntoDense(params.W, params.b, stats);
  return { W: folded.kernel, b: folded.bias };
}

/**
 * Class probabilities for raw rows (n × d) under folded parameters, row-major n × C.
 * @param {Float32Array} x
 * @param {number} d
 * @param {LogisticParams} params
 * @param {number} classCount
 */
export function logisticProbabilities(x, d, params, classCount) {
  const n = x.length / d;
  const probabilities = tf.tidy(() =>
    tf.softmax(tf.add(tf.matMul(tf.tensor2d(x, [n, d]), tf.tensor2d(params.W, [d, classCount])), tf.tensor1d(params.b))),
  );
  const values = /** @type {Float32Array} */ (probabilities.dataSync());
  probabilities.dispose();
  return values;
}
