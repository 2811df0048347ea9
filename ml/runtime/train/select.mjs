// @ts-check
// The optimise step: choose among candidate models by stratified k-fold
// cross-validation on the training rows only, then train the winner on all of
// them. Plain JavaScript: runs in the training worker.
import * as tf from "@tensorflow/tfjs";
import { trainHeadOnEmbeddings } from "./embeddings-trainer.mjs";
import { stratifiedFolds } from "./folds.mjs";
import { HEAD_LAYERS } from "./head.mjs";
import { columnStats, foldStandardisation, logisticProbabilities, logisticProblem, standardRows } from "./logistic.mjs";

/**
 * Candidates in the order ties are broken (first wins an exact tie): a linear model on the
 * backbone's features (one dense layer; pretrained features cope better with new lighting and
 * backgrounds than raw pixels), a linear model on pixels (one dense layer, no pretrained
 * knowledge), the MLP head (the most parameters).
 */
const CANDIDATE_ORDER = /** @type {const} */ (["logistic", "pixels", "mlp"]);

/** L2 strengths tried (on standardised inputs, loss averaged per image), strongest first: warm starts run downhill. */
const LAMBDA_GRID = [1, 1e-1, 1e-2, 1e-3];

/** Inside the folds a looser stop (largest gradient entry) suffices to rank λ; the final fit goes to 1e-5. */
const CV_TOLERANCE = 1e-4;

/** Epochs of the MLP head are chosen from 1..settings.epochs by the same folds. */

/**
 * @typedef {"logistic" | "pixels" | "mlp"} CandidateKind
 * @typedef {{
 *   kind: CandidateKind,
 *   correct: number,
 *   n: number,
 *   cvAccuracy: number,
 *   foldAccuracies: number[],
 *   spread: number,
 *   params: { lambda?: number, epochs?: number, inputSize?: number },
 *   grid: Array<{ lambda?: number, epochs?: number, correct: number }>,
 *   durationMs: number,
 * }} CandidateResult
 * @typedef {{ x: Float32Array, d: number }} FeatureMatrix
 * @typedef {{ x: Float32Array, d: number, height: number, width: number, pool: number }} PixelMatrix
 */

/**
 * Balanced class weights n / (k · n_c) over the given rows (as class-weights.ts, for the worker).
 * @param {ArrayLike<number>} labels
 * @param {number[]} rows
 * @param {number} classCount
 */
function rowClassWeights(labels, rows, classCount) {
  const counts = new Array(classCount).fill(0);
  for (const row of rows) counts[/** @type {number} */ (labels[row])] += 1;
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? rows.length / (present * c) : 0));
}

/**
 * Cross-validates every candidate on `train` (sample rows) and names the winner: the highest
 * pooled out-of-fold accuracy, an exact tie going to the earlier candidate in CANDIDATE_ORDER.
 * Only rows in `train` are ever read, by construction: folds are drawn from them.
 * @param {{
 *   labels: Int32Array,
 *   classCount: number,
 *   train: number[],
 *   features: FeatureMatrix,
 *   pixels?: PixelMatrix,
 *   folds: number,
 *   seed: number,
 *   settings: import("../../types").TrainSettings,
 *   candidates?: CandidateKind[],
 *   isCancelled?: () => boolean,
 *   onStep?: (step: { candidate: CandidateKind, fold: number, folds: number }) => void,
 * }} input
 * @returns {Promise<{ folds: number, candidates: CandidateResult[], winner: CandidateKind }>}
 */
export async function selectModel(input) {
  const { labels, classCount, train } = input;
  const folds = stratifiedFolds(labels, train, Math.min(input.folds, train.length), input.seed);
  const wanted = input.candidates ?? [...CANDIDATE_ORDER];
  /** @type {CandidateResult[]} */
  const candidates = [];
  for (const kind of CANDIDATE_ORDER) {
    if (!wanted.includes(kind)) continue;
    if (kind === "pixels" && !input.pixels) continue;
    const started = performance.now();
    const onFold = (/** @type {number} */ fold) => input.onStep?.({ candidate: kind, fold, folds: folds.length });
    const result =
      kind === "mlp"
        ? await crossValidateMlp(input, folds, onFold)
        : crossValidateLogistic(
            labels,
            classCount,
            folds,
            kind === "pixels" ? /** @type {PixelMatrix} */ (input.pixels) : input.features,
            scalingFor(kind),
            input.isCancelled,
            onFold,
          );
    candidates.push({ kind, ...result, durationMs: Math.round(performance.now() - started) });
  }
  if (candidates.length === 0) throw new Error("no candidate model to cross-validate");
  let best = /** @type {CandidateResult} */ (candidates[0]);
  for (const candidate of candidates) if (candidate.correct > best.correct) best = candidate;
  return { folds: folds.length, candidates, winner: best.kind };
}

/**
 * @param {Int32Array} labels
 * @param {number} classCount
 * @param {number[][]} folds
 * @param {FeatureMatrix} matrix
 * @param {"per-column" | "shared"} scaling
 * @param {(() => boolean) | undefined} isCancelled
 * @param {(fold: number) => void} onFold
 */
function crossValidateLogistic(labels, classCount, folds, matrix, scaling, isCancelled, onFold) {
  const { x, d } = matrix;
  const correctByLambda = LAMBDA_GRID.map(() => 0);
  const perFold = folds.map(() => LAMBDA_GRID.map(() => 0));
  folds.forEach((heldOut, f) => {
    onFold(f + 1);
    const fit = folds.filter((_, g) => g !== f).flat();
    const stats = columnStats(x, d, fit, scaling);
    const classWeights = rowClassWeights(labels, fit, classCount);
    const problem = logisticProblem({
      x: standardRows(x, d, fit, stats),
      n: fit.length,
      d,
      labels: fit.map((r) => /** @type {number} */ (labels[r])),
      classCount,
      weights: fit.map((r) => /** @type {number} */ (classWeights[/** @type {number} */ (labels[r])])),
    });
    try {
      const held = standardRows(x, d, heldOut, stats);
      /** @type {import("./logistic.mjs").LogisticParams | undefined} */
      let init;
      LAMBDA_GRID.forEach((lambda, l) => {
        const params = problem.fit({ lambda, tolerance: CV_TOLERANCE, ...(init ? { init } : {}), isCancelled });
        init = params;
        const correct = countCorrect(logisticProbabilities(held, d, params, classCount), heldOut, labels, classCount);
        correctByLambda[l] = /** @type {number} */ (correctByLambda[l]) + correct;
        /** @type {number[]} */ (perFold[f])[l] = correct;
      });
    } finally {
      problem.dispose();
    }
  });
  // Ties go to the stronger penalty (the simpler model): the grid runs strongest first.
  let bestL = 0;
  correctByLambda.forEach((c, l) => {
    if (c > /** @type {number} */ (correctByLambda[bestL])) bestL = l;
  });
  return summarise(
    folds,
    perFold.map((row) => /** @type {number} */ (row[bestL])),
    { lambda: LAMBDA_GRID[bestL], inputSize: d },
    LAMBDA_GRID.map((lambda, l) => ({ lambda, correct: /** @type {number} */ (correctByLambda[l]) })),
  );
}

/**
 * The MLP head in every fold, trained up to settings.epochs with early stopping on the fold's
 * held-out loss; the epoch count is then chosen where the pooled held-out accuracy peaks (a fold
 * that stopped earlier counts with its last epoch's accuracy).
 * @param {Parameters<typeof selectModel>[0]} input
 * @param {number[][]} folds
 * @param {(fold: number) => void} onFold
 */
async function crossValidateMlp(input, folds, onFold) {
  const { labels, classCount, features, settings } = input;
  /** @type {number[][]} correct held-out images per fold per epoch */
  const curves = [];
  for (let f = 0; f < folds.length; f++) {
    onFold(f + 1);
    const heldOut = /** @type {number[]} */ (folds[f]);
    const fit = folds.filter((_, g) => g !== f).flat();
    const result = await trainHeadOnEmbeddings({
      embeddings: features.x,
      dim: features.d,
      labels,
      classCount,
      train: fit,
      validation: heldOut,
      classWeights: rowClassWeights(labels, fit, classCount),
      settings,
      isCancelled: input.isCancelled,
    });
    result.head.dispose();
    curves.push(result.history.map((h) => Math.round((h.valAcc ?? 0) * heldOut.length)));
  }
  const longest = Math.max(...curves.map((c) => c.length));
  const pooled = Array.from({ length: longest }, (_, e) => curves.reduce((sum, c) => sum + (c[Math.min(e, c.length - 1)] ?? 0), 0));
  // Ties go to fewer epochs.
  let bestE = 0;
  pooled.forEach((c, e) => {
    if (c > /** @type {number} */ (pooled[bestE])) bestE = e;
  });
  return summarise(
    folds,
    curves.map((c) => c[Math.min(bestE, c.length - 1)] ?? 0),
    { epochs: bestE + 1, inputSize: features.d },
    pooled.map((correct, e) => ({ epochs: e + 1, correct })),
  );
}

/**
 * @param {number[][]} folds
 * @param {number[]} correctPerFold
 * @param {CandidateResult["params"]} params
 * @param {CandidateResult["grid"]} grid
 */
function summarise(folds, correctPerFold, params, grid) {
  const n = folds.reduce((sum, f) => sum + f.length, 0);
  const correct = correctPerFold.reduce((a, b) => a + b, 0);
  const foldAccuracies = folds.map((fold, f) => (fold.length > 0 ? /** @type {number} */ (correctPerFold[f]) / fold.length : 0));
  const mean = foldAccuracies.reduce((a, b) => a + b, 0) / foldAccuracies.length;
  const variance = foldAccuracies.reduce((sum, a) => sum + (a - mean) ** 2, 0) / Math.max(1, foldAccuracies.length - 1);
  return { correct, n, cvAccuracy: n > 0 ? correct / n : 0, foldAccuracies, spread: Math.sqrt(variance), params, grid };
}

/**
 * @param {Float32Array} probabilities
 * @param {number[]} rows
 * @param {ArrayLike<number>} labels
 * @param {number} classCount
 */
function countCorrect(probabilities, rows, labels, classCount) {
  let correct = 0;
  rows.forEach((row, i) => {
    let best = 0;
    for (let c = 1; c < classCount; c++)
      if (/** @type {number} */ (probabilities[i * classCount + c]) > /** @type {number} */ (probabilities[i * classCount + best]))
        best = c;
    if (best === labels[row]) correct++;
  });
  return correct;
}

/**
 * How a candidate's inputs are standardised: backbone features per column (their channels differ
 * in scale by orders of magnitude), pixels with one shared scale (they share one already).
 * @param {CandidateKind} kind
 * @returns {"per-column" | "shared"}
 */
export function scalingFor(kind) {
  return kind === "pixels" ? "shared" : "per-column";
}

/**
 * A linear model fitted on all of `train` at the chosen λ, with the standardisation folded in.
 * @param {{ labels: Int32Array, classCount: number, train: number[], matrix: FeatureMatrix, lambda: number, scaling?: "per-column" | "shared", isCancelled?: () => boolean }} input
 */
export function fitLinear({ labels, classCount, train, matrix, lambda, scaling = "per-column", isCancelled }) {
  const { x, d } = matrix;
  const stats = columnStats(x, d, train, scaling);
  const weights = rowClassWeights(labels, train, classCount);
  const problem = logisticProblem({
    x: standardRows(x, d, train, stats),
    n: train.length,
    d,
    labels: train.map((r) => /** @type {number} */ (labels[r])),
    classCount,
    weights: train.map((r) => /** @type {number} */ (weights[/** @type {number} */ (labels[r])])),
  });
  try {
    const params = problem.fit({ lambda, ...(isCancelled ? { isCancelled } : {}) });
    return { params: foldStandardisation(params, stats, classCount), iterations: params.iterations, converged: params.converged };
  } finally {
    problem.dispose();
  }
}

/**
 * The logistic-regression head as a layers model: one dense layer + softmax, named like the MLP
 * head's last two layers, so export and ONNX conversion need nothing new.
 * @param {import("./logistic.mjs").LogisticParams} params
 * @param {number} inputSize
 * @param {number} classCount
 */
export function buildLinearHead(params, inputSize, classCount) {
  const dense = tf.layers.dense({ name: HEAD_LAYERS.logits, inputShape: [inputSize], units: classCount });
  const model = tf.sequential({
    name: "vl_head",
    layers: [dense, tf.layers.activation({ name: HEAD_LAYERS.probabilities, activation: "softmax" })],
  });
  dense.setWeights([tf.tensor2d(params.W, [inputSize, classCount]), tf.tensor1d(params.b)]);
  return model;
}

/**
 * The pixel model as one layers model from the preprocessed image: average pooling in
 * pool × pool blocks (exactly the thumbnail the features were made of), flatten, dense, softmax.
 * @param {import("./logistic.mjs").LogisticParams} params
 * @param {{ height: number, width: number, pool: number }} shape
 * @param {number} classCount
 */
export function buildPixelModel(params, { height, width, pool }, classCount) {
  const inputSize = (height / pool) * (width / pool) * 3;
  const dense = tf.layers.dense({ name: HEAD_LAYERS.logits, units: classCount });
  const model = tf.sequential({
    name: "vl_pixel_model",
    layers: [
      tf.layers.averagePooling2d({
        name: "vl_pixel_thumbnail",
        inputShape: [height, width, 3],
        poolSize: pool,
        strides: pool,
        padding: "valid",
      }),
      tf.layers.flatten({ name: "vl_pixel_flatten" }),
      dense,
      tf.layers.activation({ name: HEAD_LAYERS.probabilities, activation: "softmax" }),
    ],
  });
  dense.setWeights([tf.tensor2d(params.W, [inputSize, classCount]), tf.tensor1d(params.b)]);
  return model;
}
