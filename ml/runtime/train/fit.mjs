// @ts-check
// The epoch loop shared by both trainers: early stopping on validation loss with
// the best weights restored, per-epoch logs, cancellation between batches.
import * as tf from "@tensorflow/tfjs";

/** Thrown when a run is cancelled: between batches in the trainers, and by trainClassifier on abort. */
export class TrainingCancelledError extends Error {
  constructor() {
    super("Training was cancelled");
    this.name = "TrainingCancelledError";
  }
}

/**
 * Lets other work run between batches: messages in a worker, requests on a web
 * server when training runs in-process (libtensorflow backends).
 */
export function yieldToEventLoop() {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * @typedef {{ loss: number, acc: number }} Score
 * @typedef {import("../../types").EpochLog} EpochLog
 */

/**
 * @param {{
 *   epochs: number,
 *   patience: number,
 *   minDelta?: number,
 *   models: tf.LayersModel[],
 *   runEpoch: (epoch: number) => Promise<Score>,
 *   evaluate: () => Promise<Score | null>,
 *   onEpoch?: (log: EpochLog) => void,
 *   isCancelled?: () => boolean,
 * }} options
 * @returns {Promise<{ history: EpochLog[], bestEpoch: number, stoppedEarly: boolean, monitored: "valLoss" | "loss" }>}
 */
export async function fitEpochs(options) {
  const { epochs, patience, models, runEpoch, evaluate, onEpoch, isCancelled } = options;
  const minDelta = options.minDelta ?? 1e-4;
  /** @type {EpochLog[]} */
  const history = [];
  let best = Infinity;
  let bestEpoch = 0;
  /** @type {tf.Tensor[][] | null} */
  let bestWeights = null;
  let stoppedEarly = false;
  /** @type {"valLoss" | "loss"} */
  let monitored = "loss";
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      if (isCancelled?.()) throw new TrainingCancelledError();
      const started = performance.now();
      const train = await runEpoch(epoch);
      const validation = await evaluate();
      /** @type {EpochLog} */
      const log = {
        epoch,
        loss: train.loss,
        acc: train.acc,
        valLoss: validation ? validation.loss : null,
        valAcc: validation ? validation.acc : null,
        durationMs: Math.round(performance.now() - started),
      };
      history.push(log);
      onEpoch?.(log);
      // Without a validation set (tiny classes) the training loss is all there is.
      monitored = validation ? "valLoss" : "loss";
      const current = validation ? validation.loss : train.loss;
      if (current < best - minDelta) {
        best = current;
        bestEpoch = epoch;
        disposeAll(bestWeights);
        bestWeights = models.map((m) => m.getWeights().map((w) => w.clone()));
      } else if (epoch - bestEpoch >= patience) {
        stoppedEarly = true;
        break;
      }
      await yieldToEventLoop();
    }
    if (bestWeights) models.forEach((m, i) => m.setWeights(/** @type {tf.Tensor[]} */ (bestWeights?.[i])));
    return { history, bestEpoch, stoppedEarly, monitored };
  } finally {
    disposeAll(bestWeights);
  }
}

/** @param {tf.Tensor[][] | null} groups */
function disposeAll(groups) {
  if (groups) for (const group of groups) tf.dispose(group);
}

/**
 * One optimiser step on weighted softmax cross-entropy.
 * @param {tf.Optimizer} optimizer
 * @param {tf.Variable[]} variables
 * @param {() => tf.Tensor2D} logitsFn
 * @param {Int32Array} labels
 * @param {Float32Array} weights per-sample weights (the class weights)
 * @param {number} classCount
 * @returns {Promise<{ loss: number, correct: number, weightSum: number }>}
 */
export async function trainStep(optimizer, variables, logitsFn, labels, weights, classCount) {
  /** @type {tf.Tensor | undefined} */
  let predicted;
  const { value, grads } = tf.tidy(() => {
    const onehot = tf.oneHot(tf.tensor1d(labels, "int32"), classCount);
    const w = tf.tensor1d(weights);
    return tf.variableGrads(() => {
      const logits = logitsFn();
      predicted = tf.keep(tf.argMax(logits, 1));
      return /** @type {tf.Scalar} */ (tf.losses.softmaxCrossEntropy(onehot, logits, w));
    }, variables);
  });
  optimizer.applyGradients(grads);
  tf.dispose(grads);
  const [loss] = await value.data();
  value.dispose();
  const guesses = await /** @type {tf.Tensor} */ (predicted).data();
  /** @type {tf.Tensor} */ (predicted).dispose();
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (guesses[i] === labels[i]) correct++;
  // softmaxCrossEntropy divides by the number of non-zero weights; undo that for epoch means.
  let nonZero = 0;
  for (const w of weights) if (w !== 0) nonZero++;
  return { loss: /** @type {number} */ (loss) * nonZero, correct, weightSum: nonZero };
}

/**
 * Weighted loss, accuracy and softmax probabilities of logits against labels.
 * @param {tf.Tensor2D} logits
 * @param {Int32Array} labels
 * @param {Float32Array} weights
 * @param {number} classCount
 * @returns {Promise<{ lossSum: number, weightCount: number, correct: number, probabilities: Float32Array }>}
 */
export async function scoreLogits(logits, labels, weights, classCount) {
  const [perSample, probs] = tf.tidy(() => {
    const onehot = tf.oneHot(tf.tensor1d(labels, "int32"), classCount);
    const losses = tf.losses.softmaxCrossEntropy(onehot, logits, undefined, 0, tf.Reduction.NONE);
    return [tf.mul(losses, tf.tensor1d(weights)), tf.softmax(logits)];
  });
  const lossValues = await perSample.data();
  const probabilities = /** @type {Float32Array} */ (await probs.data());
  tf.dispose([perSample, probs]);
  let lossSum = 0;
  let weightCount = 0;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    lossSum += /** @type {number} */ (lossValues[i]);
    if (/** @type {number} */ (weights[i]) !== 0) weightCount++;
    let best = 0;
    for (let c = 1; c < classCount; c++)
      if (/** @type {number} */ (probabilities[i * classCount + c]) > /** @type {number} */ (probabilities[i * classCount + best]))
        best = c;
    if (best === labels[i]) correct++;
  }
  return { lossSum, weightCount, correct, probabilities };
}
