// Runs the exported model in Node.js with plain @tensorflow/tfjs and sharp (`npm i @tensorflow/tfjs sharp`),
// preparing pixels exactly as the VentureLens server does (the same sharp calls; see
// preprocessing.json). TF.js has no file loader without @tensorflow/tfjs-node, so the model's files
// are read here and handed to TF.js from memory.
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import sharp from "sharp";

/**
 * @param {string} dir the unzipped export folder
 */
export async function loadClassifier(dir) {
  const json = async (name) => JSON.parse(await readFile(path.join(dir, name), "utf8"));
  const [modelJson, labels, preprocessing] = await Promise.all([json("model.json"), json("labels.json"), json("preprocessing.json")]);
  const weights = await readFile(path.join(dir, modelJson.weightsManifest[0].paths[0]));
  const handler = tf.io.fromMemory({
    modelTopology: modelJson.modelTopology,
    weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    ...(modelJson.signature ? { signature: modelJson.signature } : {}),
    ...(modelJson.userDefinedMetadata ? { userDefinedMetadata: modelJson.userDefinedMetadata } : {}),
  });
  const model = modelJson.format === "layers-model" ? await tf.loadLayersModel(handler) : await tf.loadGraphModel(handler);
  const { height, width, inputRange, background } = preprocessing;
  const [min, max] = inputRange;

  return {
    /**
     * Every class with its probability, most likely first.
     * @param {string | Buffer} image a file path or the file's bytes
     */
    async classify(image) {
      const rgb = await sharp(image)
        .rotate()
        .flatten({ background })
        .resize(width, height, { fit: "fill", kernel: preprocessing.resizeKernel })
        .toColourspace("srgb")
        .removeAlpha()
        .raw()
        .toBuffer();
      const input = new Float32Array(rgb.length);
      for (let i = 0; i < rgb.length; i++) input[i] = (rgb[i] / 255) * (max - min) + min;
      const probabilities = tf.tidy(() => model.predict(tf.tensor4d(input, [1, height, width, 3])).dataSync());
      return labels.map((label, i) => ({ label, probability: probabilities[i] })).sort((a, b) => b.probability - a.probability);
    },
  };
}
