// @ts-check
// Models in memory in TF.js's artifact form (the SerializedModel of ml/types.ts),
// for handing trained models between threads. Plain JavaScript for the worker.
import * as tf from "@tensorflow/tfjs";

/**
 * @param {tf.LayersModel} model
 * @returns {Promise<import("../../types").SerializedModel>}
 */
export async function serializeModel(model) {
  /** @type {tf.io.ModelArtifacts | undefined} */
  let captured;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  if (!captured || !captured.weightSpecs || captured.weightData === undefined)
    throw new Error("TF.js did not hand over the model's weights");
  return {
    format: "layers-model",
    modelTopology: captured.modelTopology,
    weightSpecs: captured.weightSpecs,
    weightData: tf.io.CompositeArrayBuffer.join(captured.weightData),
    generatedBy: captured.generatedBy,
    convertedBy: captured.convertedBy ?? null,
  };
}

/**
 * One model from a backbone (whose output is the embedding) and a head: the
 * head's layers are applied to the backbone's output, so the result takes an
 * image and returns class probabilities.
 * @param {tf.LayersModel} backbone
 * @param {tf.LayersModel} head
 * @returns {tf.LayersModel}
 */
export function attachHead(backbone, head) {
  let y = /** @type {tf.SymbolicTensor} */ (backbone.outputs[0]);
  if (y.shape.length > 2) y = /** @type {tf.SymbolicTensor} */ (tf.layers.flatten({ name: "vl_embedding_flatten" }).apply(y));
  for (const layer of head.layers) y = /** @type {tf.SymbolicTensor} */ (layer.apply(y));
  return tf.model({ inputs: backbone.inputs, outputs: y, name: "vl_classifier" });
}
