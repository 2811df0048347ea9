// Classical baselines for the quality benchmarks, on any feature matrix (raw pixels or
// embeddings), trained on given rows and scored on others: nearest centroid, k-nearest
// neighbours and an L2-regularised multinomial logistic regression (the "linear probe").
// Plain loops over Float64Array: the sets here are a few thousand rows.
import sharp from "sharp";
import { mulberry32, shuffleInPlace } from "../../ml/runtime/train/prng.mjs";

export interface Features {
  /** Row-major rows × dim. */
  data: Float32Array;
  dim: number;
}

/** Each image decoded as the server decodes it (EXIF, white behind transparency), resized to size × size RGB, in [0, 1]. */
export async function pixelFeatures(paths: string[], size = 32): Promise<Features> {
  const dim = size * size * 3;
  const data = new Float32Array(paths.length * dim);
  for (const [i, file] of paths.entries()) {
    const raw = await sharp(file)
      .rotate()
      .flatten({ background: "#ffffff" })
      .resize(size, size, { fit: "fill" })
      .removeAlpha()
      .toColourspace("srgb")
      .raw()
      .toBuffer();
    for (let j = 0; j < dim; j++) data[i * dim + j] = raw[j]! / 255;
  }
  return { data, dim };
}

export function rows(features: Features, indices: number[]): Float64Array {
  const out = new Float64Array(indices.length * features.dim);
  indices.forEach((r, i) => {
    for (let j = 0; j < features.dim; j++) out[i * features.dim + j] = features.data[r * features.dim + j]!;
  });
  return out;
}

/** Columns scaled to zero mean and unit variance with the training rows' statistics. */
export function standardise(train: Float64Array, others: Float64Array[], dim: number): void {
  const n = train.length / dim;
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j]! += train[i * dim + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) sq[j]! += (train[i * dim + j]! - mean[j]!) ** 2 / n;
  const scale = sq.map((v) => (v > 1e-12 ? 1 / Math.sqrt(v) : 0));
  for (const m of [train, ...others]) {
    for (let i = 0; i < m.length / dim; i++) for (let j = 0; j < dim; j++) m[i * dim + j] = (m[i * dim + j]! - mean[j]!) * scale[j]!;
  }
}

/** Each row divided by its Euclidean length. */
export function l2NormaliseRows(m: Float64Array | Float32Array, dim: number): void {
  for (let i = 0; i < m.length / dim; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += m[i * dim + j]! ** 2;
    const k = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dim; j++) m[i * dim + j]! *= k;
  }
}

function sqDistance(a: Float64Array, ai: number, b: Float64Array, bi: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) {
    const d = a[ai * dim + j]! - b[bi * dim + j]!;
    s += d * d;
  }
  return s;
}

export function nearestCentroid(train: Float64Array, trainLabels: number[], test: Float64Array, dim: number, classes: number): number[] {
  const centroids = new Float64Array(classes * dim);
  const counts = new Array<number>(classes).fill(0);
  trainLabels.forEach((c, i) => {
    counts[c]!++;
    for (let j = 0; j < dim; j++) centroids[c * dim + j]! += train[i * dim + j]!;
  });
  for (let c = 0; c < classes; c++) for (let j = 0; j < dim; j++) centroids[c * dim + j]! /= Math.max(1, counts[c]!);
  return Array.from({ length: test.length / dim }, (_, i) => {
    let best = -1;
    let bestD = Infinity;
    for (let c = 0; c < classes; c++) {
      if (counts[c] === 0) continue;
      const d = sqDistance(test, i, centroids, c, dim);
      if (d < bestD) [best, bestD] = [c, d];
    }
    return best;
  });
}

/** Majority vote of the k nearest training rows (Euclidean); ties go to the nearest of the tied classes. */
export function kNearest(train: Float64Array, trainLabels: number[], test: Float64Array, dim: number, classes: number, k = 5): number[] {
  const n = trainLabels.length;
  return Array.from({ length: test.length / dim }, (_, i) => {
    const d = Array.from({ length: n }, (_, t) => [sqDistance(test, i, train, t, dim), trainLabels[t]!] as const);
    d.sort((a, b) => a[0] - b[0]);
    const votes = new Array<number>(classes).fill(0);
    const first = new Array<number>(classes).fill(Infinity);
    d.slice(0, k).forEach(([, c], rank) => {
      votes[c]!++;
      first[c] = Math.min(first[c]!, rank);
    });
    let best = 0;
    for (let c = 1; c < classes; c++) if (votes[c]! > votes[best]! || (votes[c] === votes[best] && first[c]! < first[best]!)) best = c;
    return best;
  });
}

interface LogisticModel {
  weights: Float64Array; // dim × classes
  bias: Float64Array;
  dim: number;
  classes: number;
}

/** Softmax regression with penalty λ‖W‖², full-batch Adam; expects standardised (or normalised) inputs. */
function fitLogistic(
  x: Float64Array,
  labels: number[],
  dim: number,
  classes: number,
  { lambda, iterations = 200, learningRate = 0.05 }: { lambda: number; iterations?: number; learningRate?: number },
): LogisticModel {
  const n = labels.length;
  const w = new Float64Array(dim * classes);
  const b = new Float64Array(classes);
  const gw = new Float64Array(dim * classes);
  const gb = new Float64Array(classes);
  const mw = new Float64Array(dim * classes);
  const vw = new Float64Array(dim * classes);
  const mb = new Float64Array(classes);
  const vb = new Float64Array(classes);
  const p = new Float64Array(classes);
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  for (let t = 1; t <= iterations; t++) {
    gw.fill(0);
    gb.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * dim;
      for (let c = 0; c < classes; c++) p[c] = b[c]!;
      for (let j = 0; j < dim; j++) {
        const v = x[row + j]!;
        if (v === 0) continue;
        const wr = j * classes;
        for (let c = 0; c < classes; c++) p[c]! += v * w[wr + c]!;
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, p[c]!);
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += p[c] = Math.exp(p[c]! - max);
      for (let c = 0; c < classes; c++) p[c] = (p[c]! / sum - (c === labels[i] ? 1 : 0)) / n;
      for (let c = 0; c < classes; c++) gb[c]! += p[c]!;
      for (let j = 0; j < dim; j++) {
        const v = x[row + j]!;
        if (v === 0) continue;
        const wr = j * classes;
        for (let c = 0; c < classes; c++) gw[wr + c]! += v * p[c]!;
      }
    }
    const lr = (learningRate * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (let k = 0; k < w.length; k++) {
      const g = gw[k]! + 2 * lambda * w[k]!;
      mw[k] = b1 * mw[k]! + (1 - b1) * g;
      vw[k] = b2 * vw[k]! + (1 - b2) * g * g;
      w[k]! -= (lr * mw[k]!) / (Math.sqrt(vw[k]!) + eps);
    }
    for (let c = 0; c < classes; c++) {
      mb[c] = b1 * mb[c]! + (1 - b1) * gb[c]!;
      vb[c] = b2 * vb[c]! + (1 - b2) * gb[c]! * gb[c]!;
      b[c]! -= (lr * mb[c]!) / (Math.sqrt(vb[c]!) + eps);
    }
  }
  return { weights: w, bias: b, dim, classes };
}

function predictLogistic(model: LogisticModel, x: Float64Array): number[] {
  const { dim, classes, weights, bias } = model;
  return Array.from({ length: x.length / dim }, (_, i) => {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = bias[c]!;
      for (let j = 0; j < dim; j++) s += x[i * dim + j]! * weights[j * classes + c]!;
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    return best;
  });
}

const LAMBDAS = [1e-4, 1e-3, 1e-2, 1e-1];

/**
 * Splits training rows for choosing a penalty: a random quarter of each class (rounded down) is held out as
 * `inner`, the rest is `fit`. Reproducible for a given seed; never touches the test rows.
 */
export function stratifiedQuarter(labels: readonly number[], classes: number, seed: number): { inner: number[]; fit: number[] } {
  const random = mulberry32(seed);
  const inner: number[] = [];
  const fit: number[] = [];
  for (let c = 0; c < classes; c++) {
    const members = shuffleInPlace(
      labels.flatMap((l, i) => (l === c ? [i] : [])),
      random,
    );
    const held = Math.floor(members.length / 4);
    inner.push(...members.slice(0, held));
    fit.push(...members.slice(held));
  }
  return { inner, fit };
}

/**
 * Chooses λ on a stratified quarter of the training rows (never the test rows), then
 * refits on all of them. Returns the test predictions and the λ chosen.
 */
export function logisticWithChosenLambda(
  train: Float64Array,
  trainLabels: number[],
  test: Float64Array,
  dim: number,
  classes: number,
  { seed = 1, iterations = 200 }: { seed?: number; iterations?: number } = {},
): { predictions: number[]; lambda: number } {
  const { inner, fit } = stratifiedQuarter(trainLabels, classes, seed);
  const pick = (m: Float64Array, idx: number[]) => {
    const out = new Float64Array(idx.length * dim);
    idx.forEach((r, i) => out.set(m.subarray(r * dim, (r + 1) * dim), i * dim));
    return out;
  };
  let lambda = LAMBDAS[0]!;
  let bestCorrect = -1;
  const fitX = pick(train, fit);
  const innerX = pick(train, inner);
  for (const candidate of LAMBDAS) {
    const model = fitLogistic(
      fitX,
      fit.map((i) => trainLabels[i]!),
      dim,
      classes,
      { lambda: candidate, iterations },
    );
    const correct = predictLogistic(model, innerX).filter((p, i) => p === trainLabels[inner[i]!]).length;
    if (correct > bestCorrect) [lambda, bestCorrect] = [candidate, correct];
  }
  const model = fitLogistic(train, trainLabels, dim, classes, { lambda, iterations });
  return { predictions: predictLogistic(model, test), lambda };
}

/** X·Yᵀ for row-major a (na × dim) and b (nb × dim). */
function gram(a: Float64Array, b: Float64Array, dim: number): Float64Array {
  const na = a.length / dim;
  const nb = b.length / dim;
  const out = new Float64Array(na * nb);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += a[i * dim + k]! * b[j * dim + k]!;
      out[i * nb + j] = s;
    }
  }
  return out;
}

/** Solves (K + ridge·I) A = Y in place by Cholesky; K is n × n, Y n × m. */
function solveRidge(kernel: Float64Array, n: number, ridge: number, y: Float64Array, m: number): Float64Array {
  const l = Float64Array.from(kernel);
  for (let i = 0; i < n; i++) l[i * n + i]! += ridge;
  for (let j = 0; j < n; j++) {
    let d = l[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    const root = Math.sqrt(Math.max(d, 1e-12));
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = l[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / root;
    }
  }
  const a = Float64Array.from(y);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < n; i++) {
      let s = a[i * m + c]!;
      for (let k = 0; k < i; k++) s -= l[i * n + k]! * a[k * m + c]!;
      a[i * m + c] = s / l[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = a[i * m + c]!;
      for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * a[k * m + c]!;
      a[i * m + c] = s / l[i * n + i]!;
    }
  }
  return a;
}

/**
 * A fast linear probe: ridge regression onto one-hot targets (a linear classifier with an
 * L2 penalty), solved in closed form through the n × n Gram matrix, so its cost does not grow
 * with the feature width. The penalty is chosen on a stratified quarter of the training rows.
 * Expects standardised (centred) inputs.
 */
export function ridgeProbe(
  train: Float64Array,
  trainLabels: number[],
  test: Float64Array,
  dim: number,
  classes: number,
  seed = 1,
): { predictions: number[]; penalty: number } {
  const n = trainLabels.length;
  const k = gram(train, train, dim);
  const { inner, fit } = stratifiedQuarter(trainLabels, classes, seed);
  const oneHot = (idx: number[]) => {
    const y = new Float64Array(idx.length * classes).fill(-1 / classes);
    idx.forEach((r, i) => (y[i * classes + trainLabels[r]!]! += 1));
    return y;
  };
  const sub = (rowsIdx: number[], colsIdx: number[]) => {
    const out = new Float64Array(rowsIdx.length * colsIdx.length);
    rowsIdx.forEach((r, i) => colsIdx.forEach((c, j) => (out[i * colsIdx.length + j] = k[r * n + c]!)));
    return out;
  };
  const argmaxScores = (cross: Float64Array, alpha: Float64Array, rowsCount: number, inner: number) =>
    Array.from({ length: rowsCount }, (_, i) => {
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < classes; c++) {
        let s = 0;
        for (let j = 0; j < inner; j++) s += cross[i * inner + j]! * alpha[j * classes + c]!;
        if (s > bestScore) [best, bestScore] = [c, s];
      }
      return best;
    });
  // Penalties relative to the kernel's scale (its mean diagonal), so one grid fits every feature width.
  let trace = 0;
  for (let i = 0; i < n; i++) trace += k[i * n + i]!;
  const scale = trace / n;
  const grid = [0.01, 0.1, 1, 10].map((g) => g * scale);
  const fitKernel = sub(fit, fit);
  const innerCross = sub(inner, fit);
  const fitY = oneHot(fit);
  let penalty = grid[0]!;
  let bestCorrect = -1;
  for (const candidate of grid) {
    const alpha = solveRidge(fitKernel, fit.length, candidate, fitY, classes);
    const correct = argmaxScores(innerCross, alpha, inner.length, fit.length).filter((p, i) => p === trainLabels[inner[i]!]).length;
    if (correct > bestCorrect) [penalty, bestCorrect] = [candidate, correct];
  }
  const alpha = solveRidge(k, n, penalty, oneHot(trainLabels.map((_, i) => i)), classes);
  return { predictions: argmaxScores(gram(test, train, dim), alpha, test.length / dim, n), penalty: penalty / scale };
}
