// @ts-check
// The classification head: dense (ReLU) → dropout → dense logits → softmax.
// Plain JavaScript: the training worker builds and trains it.
import * as tf from "@tensorflow/tfjs";
import { deriveSeed } from "./prng.mjs";

/** Fixed names: the export finds the head's weights by them, and they never clash with a backbone's auto-named layers. */
export const HEAD_LAYERS = {
  hidden: "vl_head_hidden",
  dropout: "vl_head_dropout",
  logits: "vl_head_logits",
  probabilities: "vl_head_probabilities",
};

/**
 * @param {{ inputSize: number, classCount: number, hiddenUnits: number, dropout: number, seed: number }} options
 * @returns {tf.Sequential}
 */
export function buildHead({ inputSize, classCount, hiddenUnits, dropout, seed }) {
  return tf.sequential({
    name: "vl_head",
    layers: [
      tf.layers.dense({
        name: HEAD_LAYERS.hidden,
        inputShape: [inputSize],
        units: hiddenUnits,
        activation: "relu",
        kernelInitializer: tf.initializers.heNormal({ seed: deriveSeed(seed, "head", "hidden") }),
      }),
      // At inference a no-op. In training the seeded masks of `trainingLogits`
      // take its place: TF.js's own dropout with a seed repeats one mask forever.
      tf.layers.dropout({ name: HEAD_LAYERS.dropout, rate: dropout }),
      tf.layers.dense({
        name: HEAD_LAYERS.logits,
        units: classCount,
        kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, "head", "logits") }),
      }),
      tf.layers.activation({ name: HEAD_LAYERS.probabilities, activation: "softmax" }),
    ],
  });
}

/**
 * Logits for training: dropout with a mask drawn from `random`, so a run is
 * repeatable from its seed.
 * @param {tf.LayersModel} head
 * @param {tf.Tensor} x [batch, inputSize]
 * @param {number} rate
 * @param {() => number} random
 * @returns {tf.Tensor2D}
 */
export function trainingLogits(head, x, rate, random) {
  const hidden = /** @type {tf.Tensor2D} */ (head.getLayer(HEAD_LAYERS.hidden).apply(x));
  let dropped = hidden;
  if (rate > 0) {
    const [batch, units] = hidden.shape;
    const keep = 1 / (1 - rate);
    const mask = new Float32Array(batch * units);
    for (let i = 0; i < mask.length; i++) mask[i] = random() < rate ? 0 : keep;
    dropped = tf.mul(hidden, tf.tensor2d(mask, [batch, units]));
  }
  return /** @type {tf.Tensor2D} */ (head.getLayer(HEAD_LAYERS.logits).apply(dropped));
}

/**
 * Logits without dropout (evaluation).
 * @param {tf.LayersModel} head
 * @param {tf.Tensor} x
 * @returns {tf.Tensor2D}
 */
export function inferenceLogits(head, x) {
  const hidden = head.getLayer(HEAD_LAYERS.hidden).apply(x);
  return /** @type {tf.Tensor2D} */ (head.getLayer(HEAD_LAYERS.logits).apply(hidden));
}

/**
 * The tf.Variables behind a model's trainable weights (what the optimiser updates).
 * @param {tf.LayersModel} model
 * @returns {tf.Variable[]}
 */
export function trainableVariables(model) {
  return model.trainableWeights.map((w) => /** @type {tf.Variable} */ (w.read()));
}
