// @ts-check
// Trains the head on cached embeddings: the fast path, used when the backbone is
// pretrained and augmentation is off. Plain JavaScript: runs in the training worker.
import * as tf from "@tensorflow/tfjs";
import { fitEpochs, scoreLogits, trainStep, TrainingCancelledError, yieldToEventLoop } from "./fit.mjs";
import { buildHead, HEAD_LAYERS, inferenceLogits, trainableVariables, trainingLogits } from "./head.mjs";
import { deriveSeed, mulberry32, shuffleInPlace } from "./prng.mjs";
import { columnStats, foldIntoDense, standardRows } from "./standardise.mjs";

const EVAL_CHUNK = 512;

/**
 * @param {{
 *   embeddings: Float32Array,
 *   dim: number,
 *   labels: Int32Array,
 *   classCount: number,
 *   train: number[],
 *   validation: number[],
 *   test?: number[],
 *   classWeights: number[],
 *   settings: import("../../types").TrainSettings,
 *   onEpoch?: (log: import("../../types").EpochLog) => void,
 *   onBatch?: (done: number, total: number) => void,
 *   isCancelled?: () => boolean,
 * }} job
 */
export async function trainHeadOnEmbeddings(job) {
  const { embeddings: raw, dim, labels, classCount, train, validation, classWeights, settings } = job;
  if (raw.length !== labels.length * dim) throw new Error(`${raw.length} values are not ${labels.length} embeddings of ${dim}`);
  // The head learns on features standardised with the training rows' statistics (an
  // intermediate block's channels differ in scale by orders of magnitude, and the MLP is not
  // scale-invariant); the statistics are folded into its first layer once it is trained.
  const stats = columnStats(raw, dim, train);
  const embeddings = standardRows(
    raw,
    dim,
    Array.from({ length: labels.length }, (_, i) => i),
    stats,
  );
  const random = mulberry32(deriveSeed(settings.seed, "train"));
  const head = buildHead({ inputSize: dim, classCount, hiddenUnits: settings.hiddenUnits, dropout: settings.dropout, seed: settings.seed });
  const optimizer = tf.train.adam(settings.learningRate);
  const variables = trainableVariables(head);
  const batchesPerEpoch = Math.ceil(train.length / settings.batchSize);
  try {
    const fit = await fitEpochs({
      epochs: settings.epochs,
      patience: settings.patience,
      models: [head],
      isCancelled: job.isCancelled,
      onEpoch: job.onEpoch,
      runEpoch: async () => {
        const order = shuffleInPlace([...train], random);
        let lossSum = 0;
        let weightSum = 0;
        let correct = 0;
        for (let b = 0; b < batchesPerEpoch; b++) {
          if (job.isCancelled?.()) throw new TrainingCancelledError();
          const rows = order.slice(b * settings.batchSize, (b + 1) * settings.batchSize);
          const x = tf.tensor2d(gatherRows(embeddings, dim, rows), [rows.length, dim]);
          const step = await trainStep(
            optimizer,
            variables,
            () => trainingLogits(head, x, settings.dropout, random),
            gatherLabels(labels, rows),
            sampleWeights(labels, rows, classWeights),
            classCount,
          );
          x.dispose();
          lossSum += step.loss;
          weightSum += step.weightSum;
          correct += step.correct;
          job.onBatch?.(b + 1, batchesPerEpoch);
          await yieldToEventLoop();
        }
        return { loss: weightSum > 0 ? lossSum / weightSum : 0, acc: train.length > 0 ? correct / train.length : 0 };
      },
      evaluate: async () => {
        if (validation.length === 0) return null;
        const score = await scoreRows(head, embeddings, dim, labels, validation, classWeights, classCount);
        return { loss: score.loss, acc: score.acc };
      },
    });
    foldIntoHidden(head, stats);
    // Scored as it will answer: the folded head on raw features.
    const finalScore = validation.length > 0 ? await scoreRows(head, raw, dim, labels, validation, classWeights, classCount) : null;
    const test = job.test ?? [];
    const testScore = test.length > 0 ? await scoreRows(head, raw, dim, labels, test, classWeights, classCount) : null;
    return {
      head,
      ...fit,
      validationProbabilities: finalScore ? finalScore.probabilities : new Float32Array(0),
      testProbabilities: testScore ? testScore.probabilities : new Float32Array(0),
    };
  } catch (err) {
    head.dispose();
    throw err;
  } finally {
    optimizer.dispose();
  }
}

/**
 * Makes the head take raw features: the standardisation goes into its hidden layer's weights.
 * @param {tf.LayersModel} head
 * @param {import("./standardise.mjs").ColumnStats} stats
 */
export function foldIntoHidden(head, stats) {
  const layer = head.getLayer(HEAD_LAYERS.hidden);
  const [kernel, bias] = layer.getWeights();
  if (!kernel || !bias) throw new Error("the head's hidden layer has no kernel and bias");
  const folded = foldIntoDense(/** @type {Float32Array} */ (kernel.dataSync()), /** @type {Float32Array} */ (bias.dataSync()), stats);
  const next = [tf.tensor2d(folded.kernel, /** @type {[number, number]} */ (kernel.shape)), tf.tensor1d(folded.bias)];
  layer.setWeights(next);
  next.forEach((t) => t.dispose());
}

/**
 * @param {tf.LayersModel} head
 * @param {Float32Array} embeddings
 * @param {number} dim
 * @param {Int32Array} labels
 * @param {number[]} rows
 * @param {number[]} classWeights
 * @param {number} classCount
 */
async function scoreRows(head, embeddings, dim, labels, rows, classWeights, classCount) {
  let lossSum = 0;
  let weightCount = 0;
  let correct = 0;
  const probabilities = new Float32Array(rows.length * classCount);
  for (let start = 0; start < rows.length; start += EVAL_CHUNK) {
    const chunk = rows.slice(start, start + EVAL_CHUNK);
    const logits = tf.tidy(() => inferenceLogits(head, tf.tensor2d(gatherRows(embeddings, dim, chunk), [chunk.length, dim])));
    const score = await scoreLogits(logits, gatherLabels(labels, chunk), sampleWeights(labels, chunk, classWeights), classCount);
    logits.dispose();
    lossSum += score.lossSum;
    weightCount += score.weightCount;
    correct += score.correct;
    probabilities.set(score.probabilities, start * classCount);
  }
  return { loss: weightCount > 0 ? lossSum / weightCount : 0, acc: rows.length > 0 ? correct / rows.length : 0, probabilities };
}

/**
 * @param {Float32Array} matrix
 * @param {number} dim
 * @param {number[]} rows
 */
export function gatherRows(matrix, dim, rows) {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => out.set(matrix.subarray(row * dim, (row + 1) * dim), i * dim));
  return out;
}

/**
 * @param {Int32Array} labels
 * @param {number[]} rows
 */
export function gatherLabels(labels, rows) {
  return Int32Array.from(rows, (row) => /** @type {number} */ (labels[row]));
}

/**
 * @param {Int32Array} labels
 * @param {number[]} rows
 * @param {number[]} classWeights
 */
export function sampleWeights(labels, rows, classWeights) {
  return Float32Array.from(rows, (row) => classWeights[/** @type {number} */ (labels[row])] ?? 0);
}
