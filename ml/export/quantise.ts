import * as tf from "@tensorflow/tfjs";
import JSZip from "jszip";
import { preprocessBatch } from "../runtime/preprocess.mjs";
import { instantiateModel } from "../runtime/tf-runtime.mjs";
import { toFloat16 } from "../float16";
import { ONNX_MODEL_FILE, WEIGHTS_FILE, readExportZip } from "./bundle";

/**
 * The smaller download (issue 11, item 5): the same zip with the TF.js model's float32 weights
 * stored as float16 (TF.js's own weight quantisation: `quantization: { dtype: "float16" }` in
 * model.json; the loaders turn them back into float32 when they load, so the snippets are
 * unchanged): the weights take half the bytes. model.onnx is left out: its float32 weights would
 * keep the zip as large as before. With both, the zip is 28–33 % of the full one on the default
 * backbone (docs/BENCHMARKS.md). How far its answers move is measured, not assumed: `exportAgreement`,
 * and `npm run bench:quality` (docs/BENCHMARKS.md).
 */
export const QUANTISED_WEIGHTS = "float16" as const;

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

/** The export zip with float16 weights and no model.onnx; everything else (labels, preprocessing, loaders) unchanged. */
export async function quantiseExportZip(zipBytes: Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(zipBytes);
  const modelFile = zip.file("model.json");
  const weightsFile = zip.file(WEIGHTS_FILE);
  if (!modelFile || !weightsFile) throw new Error("the export has no model.json or weights.bin");
  const json = JSON.parse(await modelFile.async("string")) as { weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }> };
  const weights = await weightsFile.async("uint8array");
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const group of json.weightsManifest) {
    for (const spec of group.weights) {
      const count = spec.shape.reduce((a, b) => a * b, 1);
      if (spec.quantization) throw new Error(`weight ${spec.name} is already quantised`);
      const bytes = count * (spec.dtype === "float32" || spec.dtype === "int32" ? 4 : spec.dtype === "bool" ? 1 : 4);
      const slice = weights.slice(offset, offset + bytes);
      offset += bytes;
      if (spec.dtype === "float32") {
        const half = toFloat16(new Float32Array(slice.buffer, slice.byteOffset, count));
        parts.push(new Uint8Array(half.buffer));
        spec.quantization = { dtype: "float16", original_dtype: "float32" };
      } else {
        parts.push(slice);
      }
    }
  }
  if (offset !== weights.byteLength) throw new Error(`weights.bin holds ${weights.byteLength} bytes, model.json describes ${offset}`);
  const data = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.byteLength;
  }
  zip.file("model.json", JSON.stringify(json));
  zip.file(WEIGHTS_FILE, data);
  zip.remove(ONNX_MODEL_FILE);
  const metadataFile = zip.file("metadata.json");
  const metadata = metadataFile ? (JSON.parse(await metadataFile.async("string")) as Record<string, unknown>) : {};
  zip.file(
    "metadata.json",
    JSON.stringify(
      { ...metadata, weights: QUANTISED_WEIGHTS, onnx: { included: false, reason: "left out of the float16 download" } },
      null,
      2,
    ) + "\n",
  );
  const readme = (await zip.file("README.md")?.async("string")) ?? "";
  zip.file(
    "README.md",
    "> **Float16 download.** The weights in `weights.bin` are stored as float16 (half the size); TF.js turns them back into " +
      "float32 when it loads `model.json`, so the code below is unchanged. Answers can differ slightly from the server's: " +
      "the page you downloaded this from shows the measured agreement. `model.onnx` is not included: take the full download for ONNX Runtime.\n\n" +
      readme,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

export interface ExportAgreement {
  /** Images both models answered. */
  n: number;
  /** Images on which both models' most likely class is the same. */
  sameTop1: number;
  maxProbabilityDifference: number;
}

/** How closely two exports of the same run answer on the same image files (TF.js, the server's preprocessing). */
export async function exportAgreement(
  reference: Uint8Array,
  candidate: Uint8Array,
  paths: string[],
  batchSize = 32,
): Promise<ExportAgreement> {
  const [a, b] = await Promise.all([readExportZip(reference), readExportZip(candidate)]);
  const models = [await instantiateModel(a.model), await instantiateModel(b.model)];
  const { height, width, inputRange, background, version, resize } = a.preprocessing;
  const spec = { height, width, inputRange, background, version, resize };
  const result: ExportAgreement = { n: 0, sameTop1: 0, maxProbabilityDifference: 0 };
  try {
    for (let start = 0; start < paths.length; start += batchSize) {
      const { data, okIndices } = await preprocessBatch(paths.slice(start, start + batchSize), spec);
      if (okIndices.length === 0) continue;
      const [pa, pb] = models.map((m) =>
        tf.tidy(() => (m.predict(tf.tensor4d(data, [okIndices.length, height, width, 3])) as tf.Tensor).arraySync() as number[][]),
      );
      pa!.forEach((row, i) => {
        const other = pb![i]!;
        const top = (r: number[]) => r.indexOf(Math.max(...r));
        result.n++;
        if (top(row) === top(other)) result.sameTop1++;
        row.forEach((p, c) => (result.maxProbabilityDifference = Math.max(result.maxProbabilityDifference, Math.abs(p - other[c]!))));
      });
    }
  } finally {
    models.forEach((m) => m.dispose());
  }
  return result;
}
