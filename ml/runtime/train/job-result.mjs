// @ts-check
// A trained model leaves a training job as plain data: serialised, then freed from
// TF.js memory whether or not serialising succeeded. Plain JavaScript for the worker.
import { serializeModel } from "./serialize.mjs";

/**
 * @param {import("@tensorflow/tfjs").LayersModel} model
 * @param {Omit<import("./run-job.mjs").TrainingJobResult, "model">} figures Everything the result says besides the model.
 * @returns {Promise<import("./run-job.mjs").TrainingJobResult>}
 */
export async function serializedJobResult(model, figures) {
  try {
    return { model: await serializeModel(model), ...figures };
  } finally {
    model.dispose();
  }
}
