// Export parity on the product's default features: the bundled MobileNet v2 cut after block 10
// (pooled block_10_expand_relu), heads trained on per-column standardised features with the
// statistics folded into their first layer. The server scores a run from embeddings made by
// ONNX Runtime (the embedding workers) and the stored head; the export must give the same answers
// from the image alone, in TF.js (model.json) and in ONNX Runtime (model.onnx, the whole classifier).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultWasmDir } from "../backend/wasm-dir";
import { BUNDLED_MOBILENET_V2, ensureBundledBackbone, loadInstalledBackbone } from "../backbone";
import { SURFACE_CLASSES, writeSurfaceImages } from "../data/surfaces";
import { extractEmbeddings } from "../embed";
import { maxAbsDifference } from "../onnx/convert-backbone";
import { createSession, runBatch } from "../runtime/ort.mjs";
import { preprocessBatch } from "../runtime/preprocess.mjs";
import { activateWasm, instantiateModel } from "../runtime/tf-runtime.mjs";
import { runOptimiseJob } from "../runtime/train/optimise-job.mjs";
import { registerWasmTrainingKernels } from "../runtime/train/wasm-training-kernels.mjs";
import { resolveTrainSettings } from "../train/settings";
import type { BackendInfo, LoadedBackbone } from "../types";
import { buildExportZip, readExportZip } from "./bundle";

const WASM: BackendInfo = { backend: "wasm", device: "test", threads: 2 };
const k = SURFACE_CLASSES.length;

let tmp: string;
let backbone: LoadedBackbone;
let embeddings: Float32Array;
let labels: Int32Array;
let paths: string[];
let train: number[];
let test: number[];

beforeAll(async () => {
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
  registerWasmTrainingKernels();
  tmp = await mkdtemp(path.join(os.tmpdir(), "vl-bundled-export-"));
  const installed = await ensureBundledBackbone(path.join(tmp, "models"));
  if (installed.status === "unavailable") throw new Error(installed.reason);
  backbone = await loadInstalledBackbone(path.join(tmp, "models"), BUNDLED_MOBILENET_V2.id);
  expect(backbone.onnx).toBeDefined();
  const images = await writeSurfaceImages({ dir: tmp, perClass: 16, seed: 5, prefix: "img" });
  paths = images.map((i) => i.path);
  labels = Int32Array.from(images.map((i) => i.label));
  // The server's embeddings: the embedding workers on ONNX Runtime.
  const embedded = await extractEmbeddings({ backbone, backend: WASM, workers: 1, images: paths, batchSize: 16 });
  const dim = backbone.spec.embeddingSize;
  embeddings = new Float32Array(paths.length * dim);
  embedded.forEach((e, i) => embeddings.set(e.embedding!, i * dim));
  train = paths.map((_, i) => i).filter((i) => i % 4 !== 0);
  test = paths.map((_, i) => i).filter((i) => i % 4 === 0);
}, 240_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe.each([
  { kind: "logistic" as const, lambda: 0.01 },
  { kind: "mlp" as const, epochs: 12 },
])("a $kind head on the block-10 features, exported", (candidate) => {
  it("answers the held-out images like the server, in TF.js and in model.onnx", async () => {
    const result = await runOptimiseJob({
      embeddings,
      dim: backbone.spec.embeddingSize,
      labels,
      classCount: k,
      train,
      validation: [],
      test,
      classWeights: [1, 1, 1],
      settings: resolveTrainSettings({ seed: 4 }),
      optimise: { folds: 5, fixed: candidate },
    });
    expect(result.modelKind).toBe("head");
    const server = result.testProbabilities;
    expect(server.length).toBe(test.length * k);

    const zip = await buildExportZip({ classes: [...SURFACE_CLASSES], model: result.model, modelKind: "head", backbone });
    const exported = await readExportZip(zip);
    const { data, okIndices } = await preprocessBatch(
      test.map((i) => paths[i]!),
      exported.preprocessing,
    );
    expect(okIndices).toHaveLength(test.length);
    const { height, width } = exported.preprocessing;
    const model = (await instantiateModel(exported.model)) as tf.LayersModel;
    const tfjs = tf.tidy(() => (model.predict(tf.tensor4d(data, [test.length, height, width, 3])) as tf.Tensor).dataSync() as Float32Array);
    model.dispose();
    const { session } = await createSession(exported.onnx!, { threads: 1 });
    const onnx = await runBatch(session, data, test.length, exported.preprocessing);
    await session.release();

    const top = (values: Float32Array, i: number) => {
      const row = Array.from(values.subarray(i * k, (i + 1) * k));
      return row.indexOf(Math.max(...row));
    };
    const agreement = (a: Float32Array, b: Float32Array) => test.filter((_, i) => top(a, i) === top(b, i)).length / test.length;
    const correct = test.filter((row, i) => top(server, i) === labels[row]).length;
    console.log(
      `[bundled export, ${candidate.kind}] test ${correct}/${test.length}; TF.js vs server max diff ${maxAbsDifference(tfjs, server).toExponential(2)}, ONNX vs TF.js ${maxAbsDifference(onnx, tfjs).toExponential(2)}`,
    );
    // A trained model, not chance: the comparisons below could fail.
    expect(correct / test.length).toBeGreaterThan(0.8);
    expect(agreement(tfjs, server)).toBeGreaterThanOrEqual(0.99);
    expect(maxAbsDifference(tfjs, server)).toBeLessThan(0.01);
    expect(agreement(onnx, tfjs)).toBeGreaterThanOrEqual(0.99);
    expect(maxAbsDifference(onnx, tfjs)).toBeLessThan(1e-3);
  }, 240_000);
});
