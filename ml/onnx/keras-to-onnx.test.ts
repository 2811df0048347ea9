import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/select-backend";
import { BUNDLED_MOBILENET_V2, ensureBundledBackbone, loadInstalledBackbone, serializeLayersModel } from "../backbone";
import { pooledFeatures, type PooledPart } from "../backbone/feature-pooling";
import { renderSurface, SURFACE_CLASSES } from "../data/surfaces";
import { noisyPng, solidJpeg } from "../data/test-images";
import { createSession, runBatch } from "../runtime/ort.mjs";
import { buildHead } from "../runtime/train/head.mjs";
import { attachHead } from "../runtime/train/serialize.mjs";
import type { LoadedBackbone } from "../types";
import { preprocessBatch } from "../runtime/preprocess.mjs";
import { embedBatch, instantiateModel } from "../runtime/tf-runtime.mjs";
import { ONNX_PARITY_TOLERANCE, maxAbsDifference } from "./convert-backbone";
import { convPadding, kerasToOnnx } from "./keras-to-onnx";

let modelsDir: string;
let backbone: LoadedBackbone;
let pixels: Float32Array;
let count: number;

beforeAll(async () => {
  await selectBackend({ preference: "wasm" });
  modelsDir = await mkdtemp(path.join(os.tmpdir(), "vl-onnx-"));
  await ensureBundledBackbone(modelsDir);
  backbone = await loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id);
  // Real decoded images through the app's own preprocessing: generated metal surfaces, a photo-like noise image, a flat JPEG.
  const images = [
    ...(await Promise.all(SURFACE_CLASSES.map((kind, i) => renderSurface(kind, 17 + i, 160)))),
    await noisyPng(300, 200),
    await solidJpeg(90, 120, "#c04020"),
  ];
  const batch = await preprocessBatch(images, BUNDLED_MOBILENET_V2.preprocess);
  expect(batch.okIndices).toHaveLength(images.length);
  pixels = batch.data;
  count = images.length;
}, 120_000);

afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

async function onnxOutputs(onnx: Uint8Array, data = pixels, n = count): Promise<Float32Array> {
  const { session } = await createSession(onnx, { threads: 1 });
  try {
    return await runBatch(session, data, n, BUNDLED_MOBILENET_V2.preprocess);
  } finally {
    await session.release();
  }
}

describe("the Keras → ONNX conversion of the bundled MobileNet v2", () => {
  it("is installed with the backbone and gives TF.js's embeddings on real images (max abs difference < 1e-4)", async () => {
    expect(backbone.onnx).toBeDefined();
    const model = await instantiateModel(backbone.model);
    const expected = await embedBatch(model, backbone.spec, pixels, count);
    model.dispose();
    const actual = await onnxOutputs(backbone.onnx!);
    const d = BUNDLED_MOBILENET_V2.embeddingSize;
    expect(actual.length).toBe(count * d);
    expect(maxAbsDifference(actual, expected)).toBeLessThan(ONNX_PARITY_TOLERANCE);
    // Not a trivially equal pair of zero vectors: the images give different, active features.
    expect(actual.subarray(0, d).filter((v) => v > 0.01).length).toBeGreaterThan(50);
    expect(maxAbsDifference(actual.subarray(0, d), actual.subarray(d, 2 * d))).toBeGreaterThan(0.1);
  });

  it("cuts at several layers: each is pooled and the results are concatenated in order", async () => {
    const layers = ["block_6_expand_relu", "block_10_expand_relu"];
    const onnx = kerasToOnnx(backbone.model, { pooledOutputs: layers });
    const actual = await onnxOutputs(onnx);
    const full = (await instantiateModel(backbone.model)) as tf.LayersModel;
    const probe = tf.model({
      inputs: full.inputs,
      outputs: layers.map((name) => tf.layers.globalAveragePooling2d({}).apply(full.getLayer(name).output) as tf.SymbolicTensor),
    });
    const [early, late] = tf.tidy(() => probe.predict(tf.tensor4d(pixels, [count, 224, 224, 3])) as tf.Tensor[]);
    const expected = tf.tidy(() => tf.concat([early!, late!], 1));
    const values = (await expected.data()) as Float32Array;
    tf.dispose([early!, late!, expected]);
    full.dispose();
    expect(early!.shape[1]).toBe(192);
    expect(actual.length).toBe(count * (192 + 384));
    expect(maxAbsDifference(actual, values)).toBeLessThan(ONNX_PARITY_TOLERANCE);
  });

  it("pools a 2 × 2 grid, a global max and a global average inside the model and concatenates them, as TF.js does", async () => {
    const full = (await instantiateModel(backbone.model)) as tf.LayersModel;
    const layer = "block_10_expand_relu";
    const parts: PooledPart[] = [
      { layer, op: "avg", grid: 1 },
      { layer, op: "max", grid: 1 },
      { layer, op: "avg", grid: 2 },
    ];
    const spatial = tf.model({ inputs: full.inputs, outputs: pooledFeatures(full, parts, "spatial") });
    const output = tf.tidy(() => spatial.predict(tf.tensor4d(pixels, [count, 224, 224, 3])) as tf.Tensor);
    const expected = (await output.data()) as Float32Array;
    output.dispose();
    const serialized = await serializeLayersModel(spatial);
    full.dispose();
    const topology = JSON.stringify(serialized.modelTopology);
    for (const kind of ["AveragePooling2D", "GlobalMaxPooling2D", "Concatenate"]) expect(topology).toContain(kind);
    const actual = await onnxOutputs(kerasToOnnx(serialized));
    const d = 384 + 384 + 4 * 384;
    expect(actual.length).toBe(count * d);
    expect(maxAbsDifference(actual, expected)).toBeLessThan(ONNX_PARITY_TOLERANCE);
    // The four cells differ (the layout is kept) and their mean is the global average.
    const first = actual.subarray(0, d);
    const cell = (c: number) => first.subarray(768 + c * 384, 768 + (c + 1) * 384);
    expect(maxAbsDifference(cell(0), cell(3))).toBeGreaterThan(0.1);
    const meanOfCells = cell(0).map((v, j) => (v + cell(1)[j]! + cell(2)[j]! + cell(3)[j]!) / 4);
    expect(maxAbsDifference(meanOfCells, first.subarray(0, 384))).toBeLessThan(1e-4);
  });

  it("converts a whole classifier (backbone + trained head + softmax) with the same probabilities and top-1", async () => {
    const trunk = (await instantiateModel(backbone.model)) as tf.LayersModel;
    const head = buildHead({ inputSize: BUNDLED_MOBILENET_V2.embeddingSize, classCount: 3, hiddenUnits: 32, dropout: 0.2, seed: 7 });
    const classifier = attachHead(trunk, head);
    const serialized = await serializeLayersModel(classifier);
    const output = tf.tidy(() => classifier.predict(tf.tensor4d(pixels, [count, 224, 224, 3])) as tf.Tensor);
    const expected = (await output.data()) as Float32Array;
    output.dispose();
    trunk.dispose();
    head.dispose();
    const actual = await onnxOutputs(kerasToOnnx(serialized));
    expect(actual.length).toBe(count * 3);
    expect(maxAbsDifference(actual, expected)).toBeLessThan(ONNX_PARITY_TOLERANCE);
    for (let i = 0; i < count; i++) {
      const row = (values: Float32Array) => Array.from(values.subarray(i * 3, i * 3 + 3));
      expect(argmax(row(actual))).toBe(argmax(row(expected)));
      expect(row(actual).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });
});

describe("Keras padding as explicit ONNX pads", () => {
  it("puts the odd pixel of 'same' padding at the end, as Keras does", () => {
    expect(convPadding("same", [224, 224], [3, 3], [1, 1], [1, 1])).toEqual([[1, 1, 1, 1], 224, 224]);
    expect(convPadding("same", [224, 224], [3, 3], [2, 2], [1, 1])).toEqual([[0, 0, 1, 1], 112, 112]);
    expect(convPadding("same", [7, 9], [2, 2], [2, 2], [1, 1])).toEqual([[0, 0, 1, 1], 4, 5]);
    expect(convPadding("valid", [225, 225], [3, 3], [2, 2], [1, 1])).toEqual([[0, 0, 0, 0], 112, 112]);
  });
});

function argmax(values: number[]): number {
  return values.indexOf(Math.max(...values));
}
