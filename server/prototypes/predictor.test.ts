import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "@/ml/backend/select-backend";
import { BUNDLED_MOBILENET_V2, ensureBundledBackbone, loadInstalledBackbone } from "@/ml/backbone";
import { handWrittenGraphModel } from "@/ml/backbone/test-fixtures";
import { renderSurface, SURFACE_CLASSES } from "@/ml/data/surfaces";
import { noisyPng } from "@/ml/data/test-images";
import { buildExportZip, readExportZip } from "@/ml/export";
import { buildHead } from "@/ml/runtime/train/head.mjs";
import { serializeModel } from "@/ml/runtime/train/serialize.mjs";
import { preprocessBatch } from "@/ml/runtime/preprocess.mjs";
import { instantiateModel } from "@/ml/runtime/tf-runtime.mjs";
import { Predictor, type RunModel } from "./predictor";

const classes = ["clean", "scratched", "pitted", "other"];
let modelsDir: string;
let artifact: RunModel;
let images: Buffer[];
let expected: Float32Array;
const predictor = new Predictor({ backend: "wasm" });

beforeAll(async () => {
  await selectBackend({ preference: "wasm" });
  modelsDir = await mkdtemp(path.join(os.tmpdir(), "vl-predictor-"));
  await ensureBundledBackbone(modelsDir);
  const backbone = await loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id);
  const head = buildHead({
    inputSize: BUNDLED_MOBILENET_V2.embeddingSize,
    classCount: classes.length,
    hiddenUnits: 32,
    dropout: 0,
    seed: 5,
  });
  const zip = await buildExportZip({ classes, model: await serializeModel(head), modelKind: "head", backbone });
  head.dispose();
  const exported = await readExportZip(zip);
  artifact = {
    model: exported.model,
    labels: exported.labels,
    preprocessing: exported.preprocessing,
    ...(exported.onnx ? { onnx: exported.onnx } : {}),
  };
  images = [...(await Promise.all(SURFACE_CLASSES.map((kind, i) => renderSurface(kind, 40 + i, 200)))), await noisyPng(120, 90)];
  // What a user of the exported TF.js model gets for the same files.
  const model = (await instantiateModel(exported.model)) as tf.LayersModel;
  const { data, okIndices } = await preprocessBatch(images, BUNDLED_MOBILENET_V2.preprocess);
  const output = model.predict(tf.tensor4d(data, [okIndices.length, 224, 224, 3])) as tf.Tensor;
  expected = (await output.data()) as Float32Array;
  model.dispose();
}, 120_000);

afterAll(async () => {
  await predictor.close();
  await rm(modelsDir, { recursive: true, force: true });
});

function top1(values: Float32Array, i: number, width: number): number {
  const row = Array.from(values.subarray(i * width, (i + 1) * width));
  return row.indexOf(Math.max(...row));
}

describe("prediction on the fast path (ONNX Runtime)", () => {
  it("answers with the exported TF.js model's probabilities (within 1e-4) and top-1, one image or several, bad ones reported", async () => {
    expect(artifact.onnx).toBeDefined();
    const loaded = await predictor.prepare("run-1", async () => artifact);
    expect(loaded).toMatchObject({ lane: "onnx", classes });
    const batch = [...images.slice(0, 2), Buffer.from("not an image"), ...images.slice(2)];
    const output = await predictor.predict(loaded, batch);
    expect(output.engine).toBe("onnxruntime-cpu");
    expect(output.okIndices).toEqual([0, 1, 3, 4]);
    expect(output.errors[2]).toMatch(/could not decode image/);
    expect(output.classCount).toBe(classes.length);
    let max = 0;
    for (let i = 0; i < expected.length; i++) max = Math.max(max, Math.abs(output.probabilities[i]! - expected[i]!));
    expect(max).toBeLessThan(1e-4);
    for (let i = 0; i < images.length; i++) expect(top1(output.probabilities, i, classes.length)).toBe(top1(expected, i, classes.length));

    const single = await predictor.predict(loaded, [images[1]!]);
    const row = output.probabilities.subarray(classes.length, 2 * classes.length);
    single.probabilities.forEach((p, c) => expect(Math.abs(p - row[c]!)).toBeLessThan(1e-5));
  });

  it("converts a run exported before the ONNX file existed, once, when it is first loaded", async () => {
    const { onnx: _onnx, ...older } = artifact;
    const loaded = await predictor.prepare("run-old", async () => older);
    expect(loaded.lane).toBe("onnx");
    const output = await predictor.predict(loaded, images.slice(0, 2));
    for (let i = 0; i < 2 * classes.length; i++) expect(Math.abs(output.probabilities[i]! - expected[i]!)).toBeLessThan(1e-4);
    let loads = 0;
    await predictor.prepare("run-old", async () => {
      loads += 1;
      return older;
    });
    expect(loads).toBe(0);
  });

  it("predicts on TF.js, with the same answers, when ONNX Runtime refuses a run's ONNX file", async () => {
    const damaged = { ...artifact, onnx: new Uint8Array([1, 2, 3, 4]) };
    const loaded = await predictor.prepare("run-damaged", async () => damaged);
    expect(loaded.lane).toBe("tfjs");
    const output = await predictor.predict(loaded, images.slice(0, 2));
    expect(output.engine).toBe("tfjs-wasm");
    for (let i = 0; i < 2 * classes.length; i++) expect(Math.abs(output.probabilities[i]! - expected[i]!)).toBeLessThan(1e-4);
  });

  it("keeps a graph-model run (no ONNX conversion) on TF.js, and says so", async () => {
    const embeddingNode = "module_apply_default/MobilenetV2/Logits/AvgPool";
    const preprocess = {
      version: 1,
      height: 32,
      width: 32,
      inputRange: [0, 1] as [number, number],
      resize: "fill" as const,
      background: "#ffffff",
    };
    const head = buildHead({ inputSize: 8, classCount: 2, hiddenUnits: 4, dropout: 0, seed: 1 });
    const zip = await buildExportZip({
      classes: ["a", "b"],
      model: await serializeModel(head),
      modelKind: "head",
      backbone: {
        spec: { id: "g", kind: "pretrained", title: "g", format: "graph-model", preprocess, embeddingNode, embeddingSize: 8 },
        model: handWrittenGraphModel({ embeddingNode, channels: 8, inputSize: 32 }),
      },
    });
    const exported = await readExportZip(zip);
    const loaded = await predictor.prepare("run-graph", async () => exported);
    expect(loaded.lane).toBe("tfjs");
    const output = await predictor.predict(loaded, images.slice(0, 1));
    expect(output.engine).toBe("tfjs-wasm");
    expect(output.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });
});
