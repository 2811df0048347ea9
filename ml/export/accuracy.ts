import * as tf from "@tensorflow/tfjs";
import { preprocessBatch } from "../runtime/preprocess.mjs";
import { instantiateModel } from "../runtime/tf-runtime.mjs";
import { buildExportZip, readExportZip, type ExportInput } from "./bundle";

/**
 * Accuracy of the exported model (image in, probabilities out, read back from
 * its zip) on labelled image files it has never seen: what quality tests and
 * benchmarks measure, through the same path a user's download takes.
 */
export async function exportedAccuracy(
  input: Omit<ExportInput, "metadata">,
  images: ReadonlyArray<{ path: string; label: number }>,
  batchSize = 32,
): Promise<number> {
  const model = (await instantiateModel((await readExportZip(await buildExportZip(input))).model)) as tf.LayersModel;
  const { preprocess } = input.backbone.spec;
  let correct = 0;
  try {
    for (let start = 0; start < images.length; start += batchSize) {
      const chunk = images.slice(start, start + batchSize);
      const { data, okIndices } = await preprocessBatch(
        chunk.map((img) => img.path),
        preprocess,
      );
      const predicted = tf.tidy(() =>
        tf.argMax(model.predict(tf.tensor4d(data, [okIndices.length, preprocess.height, preprocess.width, 3])) as tf.Tensor, 1).dataSync(),
      );
      okIndices.forEach((i, row) => {
        if (predicted[row] === chunk[i]!.label) correct++;
      });
    }
  } finally {
    model.dispose();
  }
  return correct / images.length;
}
