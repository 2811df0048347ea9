// @ts-check
// Trains from image files, batch by batch: the path for augmentation (the
// backbone stays frozen, the head sees freshly augmented images every epoch) and
// for trainable backbones (the compact CNN, trained end to end). Images are read
// from disk per batch; only the validation set may be kept decoded, within a budget.
// Plain JavaScript: runs in the training worker.
import * as tf from "@tensorflow/tfjs";
import { preprocessBatch } from "../preprocess.mjs";
import { instantiateModel } from "../tf-runtime.mjs";
import { AUGMENT_DECODE_SCALE, augmentBatch } from "./augment.mjs";
import { gatherLabels, sampleWeights } from "./embeddings-trainer.mjs";
import { fitEpochs, scoreLogits, trainStep, TrainingCancelledError, yieldToEventLoop } from "./fit.mjs";
import { buildHead, inferenceLogits, trainableVariables, trainingLogits } from "./head.mjs";
import { foldIntoHidden } from "./embeddings-trainer.mjs";
import { statsFromSums } from "./standardise.mjs";
import { deriveSeed, mulberry32, shuffleInPlace } from "./prng.mjs";
import { attachHead } from "./serialize.mjs";

const DEFAULT_VALIDATION_CACHE_BYTES = 128 * 1024 * 1024;
const EVAL_BATCH = 32;

/**
 * @typedef {import("../../types").TrainSettings} TrainSettings
 * @typedef {import("../../types").BackboneSpec} BackboneSpec
 * @typedef {import("../../types").SerializedModel} SerializedModel
 */

/**
 * @param {{
 *   paths: string[],
 *   labels: Int32Array,
 *   classCount: number,
 *   train: number[],
 *   validation: number[],
 *   test?: number[],
 *   classWeights: number[],
 *   settings: TrainSettings,
 *   backbone: { spec: BackboneSpec, model: SerializedModel },
 *   trainBackbone: boolean,
 *   validationCacheBytes?: number,
 *   onEpoch?: (log: import("../../types").EpochLog) => void,
 *   onBatch?: (done: number, total: number) => void,
 *   isCancelled?: () => boolean,
 * }} job
 */
export async function trainOnImages(job) {
  const { paths, labels, classCount, train, validation, classWeights, settings, trainBackbone } = job;
  const { spec } = job.backbone;
  if (trainBackbone && spec.format !== "layers-model") {
    throw new Error(`${spec.id} is a graph model: its weights are constants in TF.js and cannot be trained`);
  }
  const backbone = await instantiateModel(job.backbone.model);
  const batchNorms = trainBackbone ? batchNormLayers(/** @type {tf.LayersModel} */ (/** @type {unknown} */ (backbone))) : [];
  let steps = 0;
  const random = mulberry32(deriveSeed(settings.seed, "train"));
  const head = buildHead({
    inputSize: spec.embeddingSize,
    classCount,
    hiddenUnits: settings.hiddenUnits,
    dropout: settings.dropout,
    seed: settings.seed,
  });
  const optimizer = tf.train.adam(settings.learningRate);
  const backboneLayers = /** @type {tf.LayersModel} */ (/** @type {unknown} */ (backbone));
  const variables = trainBackbone ? [...trainableVariables(backboneLayers), ...trainableVariables(head)] : trainableVariables(head);
  /** @type {Map<number, string>} */
  const skipped = new Map();

  /** @param {tf.Tensor4D} x @param {boolean} training */
  const embed = (x, training) => {
    if (spec.format === "graph-model") {
      const out = /** @type {tf.Tensor} */ (/** @type {tf.GraphModel} */ (backbone).execute(x, spec.embeddingNode));
      return tf.reshape(out, [x.shape[0], -1]);
    }
    const out = /** @type {tf.Tensor} */ (backboneLayers.apply(x, { training }));
    return tf.reshape(out, [x.shape[0], -1]);
  };

  const inputSpec = { ...spec.preprocess };
  const decodeSpec = settings.augment
    ? {
        ...spec.preprocess,
        height: Math.round(spec.preprocess.height * AUGMENT_DECODE_SCALE),
        width: Math.round(spec.preprocess.width * AUGMENT_DECODE_SCALE),
      }
    : inputSpec;

  /**
   * Decodes one batch; files that no longer decode are left out and remembered.
   * @param {number[]} rows
   * @param {typeof inputSpec} at
   */
  const load = async (rows, at) => {
    const { data, okIndices, errors } = await preprocessBatch(
      rows.map((row) => /** @type {string} */ (paths[row])),
      at,
    );
    errors.forEach((error, i) => {
      if (error) skipped.set(/** @type {number} */ (rows[i]), error);
    });
    return { data, rows: okIndices.map((i) => /** @type {number} */ (rows[i])) };
  };

  // A frozen backbone's features are standardised with the training images' statistics (one
  // pass, without augmentation), as on the cached-embeddings path; the head is trained on them and
  // the statistics are folded into its first layer at the end. A trained backbone learns its scale.
  const stats = trainBackbone
    ? null
    : await featureStats(
        train,
        (rows) => load(rows, inputSpec),
        inputSpec,
        (x) => embed(x, false),
        job.isCancelled,
      );
  const shift = stats ? tf.tensor1d(Float32Array.from(stats.mean)) : null;
  const scale = stats ? tf.tensor1d(Float32Array.from(stats.std)) : null;
  /** @param {tf.Tensor4D} x @param {boolean} training */
  const features = (x, training) => (shift && scale ? tf.div(tf.sub(embed(x, training), shift), scale) : embed(x, training));

  const validationSet = await prepareValidation({
    rows: validation,
    load: (rows) => load(rows, inputSpec),
    budget: job.validationCacheBytes ?? DEFAULT_VALIDATION_CACHE_BYTES,
    spec: inputSpec,
    // A frozen backbone gives the same embedding every epoch: compute it once.
    embedOnce: trainBackbone ? null : (x) => features(x, false),
    isCancelled: job.isCancelled,
  });

  /** @param {Awaited<ReturnType<typeof prepareValidation>>} set @param {number} size */
  const evaluateOn = async (set, size) => {
    if (size === 0) return null;
    let lossSum = 0;
    let weightCount = 0;
    let correct = 0;
    const probabilities = new Float32Array(size * classCount);
    /** @type {number[]} */
    const rows = [];
    for await (const chunk of set.chunks()) {
      const logits = tf.tidy(() => inferenceLogits(head, chunk.embeddings ?? features(/** @type {tf.Tensor4D} */ (chunk.images), false)));
      const score = await scoreLogits(
        logits,
        gatherLabels(labels, chunk.rows),
        sampleWeights(labels, chunk.rows, classWeights),
        classCount,
      );
      logits.dispose();
      chunk.dispose();
      lossSum += score.lossSum;
      weightCount += score.weightCount;
      correct += score.correct;
      probabilities.set(score.probabilities, rows.length * classCount);
      rows.push(...chunk.rows);
    }
    if (rows.length === 0) return null;
    return {
      loss: weightCount > 0 ? lossSum / weightCount : 0,
      acc: correct / rows.length,
      probabilities: probabilities.slice(0, rows.length * classCount),
      rows,
    };
  };
  const evaluate = () => evaluateOn(validationSet, validation.length);

  const batchesPerEpoch = Math.ceil(train.length / settings.batchSize);
  try {
    const fit = await fitEpochs({
      epochs: settings.epochs,
      patience: settings.patience,
      models: trainBackbone ? [backboneLayers, head] : [head],
      isCancelled: job.isCancelled,
      onEpoch: job.onEpoch,
      runEpoch: async () => {
        const order = shuffleInPlace([...train], random);
        const batchRows = Array.from({ length: batchesPerEpoch }, (_, b) =>
          order.slice(b * settings.batchSize, (b + 1) * settings.batchSize),
        );
        let lossSum = 0;
        let weightSum = 0;
        let correct = 0;
        let seen = 0;
        // The next batch decodes (on libuv threads) while this one trains.
        let next = batchRows.length > 0 ? load(/** @type {number[]} */ (batchRows[0]), decodeSpec) : null;
        for (let b = 0; b < batchesPerEpoch; b++) {
          if (job.isCancelled?.()) throw new TrainingCancelledError();
          const current = await /** @type {ReturnType<typeof load>} */ (next);
          next = b + 1 < batchesPerEpoch ? load(/** @type {number[]} */ (batchRows[b + 1]), decodeSpec) : null;
          if (current.rows.length === 0) continue;
          const n = current.rows.length;
          const raw = tf.tensor4d(current.data, [n, decodeSpec.height, decodeSpec.width, 3]);
          const x = settings.augment ? augmentBatch(raw, inputSpec, random) : raw;
          if (x !== raw) raw.dispose();
          steps += 1;
          for (const bn of batchNorms) bn.momentum = Math.min(0.9, (steps - 1) / steps);
          // With a frozen backbone only the head is differentiated; the embedding is a constant.
          const frozen = trainBackbone ? null : tf.tidy(() => features(x, false));
          const step = await trainStep(
            optimizer,
            variables,
            () => trainingLogits(head, frozen ?? embed(x, true), settings.dropout, random),
            gatherLabels(labels, current.rows),
            sampleWeights(labels, current.rows, classWeights),
            classCount,
          );
          tf.dispose([x, ...(frozen ? [frozen] : [])]);
          lossSum += step.loss;
          weightSum += step.weightSum;
          correct += step.correct;
          seen += n;
          job.onBatch?.(b + 1, batchesPerEpoch);
          await yieldToEventLoop();
        }
        return { loss: weightSum > 0 ? lossSum / weightSum : 0, acc: seen > 0 ? correct / seen : 0 };
      },
      evaluate: async () => {
        const score = await evaluate();
        return score ? { loss: score.loss, acc: score.acc } : null;
      },
    });
    const final = await evaluate();
    // The test images are read once, with the final weights, and never cached: nothing chooses on them.
    const testRowsAsked = job.test ?? [];
    const testSet = await prepareValidation({
      rows: testRowsAsked,
      load: (rows) => load(rows, inputSpec),
      budget: 0,
      spec: inputSpec,
      embedOnce: null,
      isCancelled: job.isCancelled,
    });
    const tested = await evaluateOn(testSet, testRowsAsked.length);
    testSet.dispose();
    // Everything above was scored on standardised features; the stored head takes raw ones.
    if (stats) foldIntoHidden(head, stats);
    const model = trainBackbone ? attachHead(backboneLayers, head) : head;
    return {
      model,
      modelKind: trainBackbone ? "full" : "head",
      ...fit,
      validationRows: final ? final.rows : [],
      validationProbabilities: final ? final.probabilities : new Float32Array(0),
      testRows: tested ? tested.rows : [],
      testProbabilities: tested ? tested.probabilities : new Float32Array(0),
      skipped: [...skipped].map(([index, error]) => ({ index, error })),
    };
  } catch (err) {
    head.dispose();
    throw err;
  } finally {
    optimizer.dispose();
    validationSet.dispose();
    tf.dispose([...(shift ? [shift] : []), ...(scale ? [scale] : [])]);
    if (!trainBackbone) backbone.dispose();
  }
}

/**
 * Per-column statistics of the frozen backbone's features over the training images.
 * @param {number[]} rows
 * @param {(rows: number[]) => Promise<{ data: Float32Array, rows: number[] }>} load
 * @param {{ height: number, width: number }} spec
 * @param {(x: tf.Tensor4D) => tf.Tensor} embed
 * @param {(() => boolean) | undefined} isCancelled
 */
async function featureStats(rows, load, spec, embed, isCancelled) {
  /** @type {Float64Array | null} */
  let sum = null;
  /** @type {Float64Array | null} */
  let sumSq = null;
  let count = 0;
  for (let start = 0; start < rows.length; start += EVAL_BATCH) {
    if (isCancelled?.()) throw new TrainingCancelledError();
    const batch = await load(rows.slice(start, start + EVAL_BATCH));
    const n = batch.rows.length;
    if (n === 0) continue;
    const out = tf.tidy(() => embed(tf.tensor4d(batch.data, [n, spec.height, spec.width, 3])));
    const values = /** @type {Float32Array} */ (await out.data());
    out.dispose();
    const d = values.length / n;
    sum ??= new Float64Array(d);
    sumSq ??= new Float64Array(d);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < d; j++) {
        const v = /** @type {number} */ (values[i * d + j]);
        sum[j] = /** @type {number} */ (sum[j]) + v;
        sumSq[j] = /** @type {number} */ (sumSq[j]) + v * v;
      }
    count += n;
    await yieldToEventLoop();
  }
  return sum && sumSq ? statsFromSums(sum, sumSq, count) : null;
}

/**
 * Batch normalisation keeps running averages of its statistics for inference.
 * TF.js starts them at mean 0, variance 1 and moves 1 % per step (momentum
 * 0.99), while a fresh network's activations have variances near 0.01: after the
 * few dozen steps a small project trains, inference still used the initial values
 * and every validation prediction was the same class (seen: validation accuracy
 * stuck at chance, inference embeddings constant to 1e-5, while training accuracy
 * rose). The trainer therefore sets the momentum per step to (t − 1)/t, capped at
 * 0.9: the first steps average their batches exactly, later ones move 10 % a step.
 * @param {tf.LayersModel} model
 * @returns {Array<{ momentum: number }>}
 */
function batchNormLayers(model) {
  return model.layers
    .filter((layer) => layer.getClassName() === "BatchNormalization")
    .map((layer) => /** @type {{ momentum: number }} */ (/** @type {unknown} */ (layer)));
}

/**
 * The validation images as chunks ready for the head: embeddings computed once
 * (frozen backbone), or decoded pixels kept within a memory budget (trainable
 * backbone), re-decoded from disk beyond it.
 * @param {{
 *   rows: number[],
 *   load: (rows: number[]) => Promise<{ data: Float32Array, rows: number[] }>,
 *   budget: number,
 *   spec: { height: number, width: number },
 *   embedOnce: ((x: tf.Tensor4D) => tf.Tensor) | null,
 *   isCancelled?: () => boolean,
 * }} options
 */
async function prepareValidation({ rows, load, budget, spec, embedOnce, isCancelled }) {
  const perImage = spec.height * spec.width * 3;
  /** @type {Array<{ rows: number[], embeddings?: tf.Tensor, images?: Float32Array }>} */
  const cached = [];
  let cachedBytes = 0;
  /** @type {number[][]} */
  const uncached = [];
  for (let start = 0; start < rows.length; start += EVAL_BATCH) {
    if (isCancelled?.()) throw new TrainingCancelledError();
    const chunkRows = rows.slice(start, start + EVAL_BATCH);
    if (!embedOnce && cachedBytes + chunkRows.length * perImage * 4 > budget) {
      uncached.push(chunkRows);
      continue;
    }
    const batch = await load(chunkRows);
    if (batch.rows.length === 0) continue;
    if (embedOnce) {
      const embeddings = tf.tidy(() => embedOnce(tf.tensor4d(batch.data, [batch.rows.length, spec.height, spec.width, 3])));
      cached.push({ rows: batch.rows, embeddings });
    } else {
      cached.push({ rows: batch.rows, images: batch.data });
      cachedBytes += batch.data.byteLength;
    }
    await yieldToEventLoop();
  }
  return {
    async *chunks() {
      for (const chunk of cached) {
        const images = chunk.images ? tf.tensor4d(chunk.images, [chunk.rows.length, spec.height, spec.width, 3]) : undefined;
        yield { rows: chunk.rows, embeddings: chunk.embeddings, images, dispose: () => images?.dispose() };
      }
      for (const chunkRows of uncached) {
        const batch = await load(chunkRows);
        if (batch.rows.length === 0) continue;
        const images = tf.tensor4d(batch.data, [batch.rows.length, spec.height, spec.width, 3]);
        yield { rows: batch.rows, embeddings: undefined, images, dispose: () => images.dispose() };
      }
    },
    dispose() {
      for (const chunk of cached) chunk.embeddings?.dispose();
    },
  };
}
