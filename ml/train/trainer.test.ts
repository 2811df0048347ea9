import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultWasmDir } from "../backend/wasm-dir";
import type { BackboneSpec, BackendInfo, EpochLog } from "../types";
import { preprocessBatch } from "../runtime/preprocess.mjs";
import { activateWasm, instantiateModel } from "../runtime/tf-runtime.mjs";
import { mulberry32 } from "../runtime/train/prng.mjs";
import { serializeModel } from "../runtime/train/serialize.mjs";
import { writeShapeImages } from "./test-shapes";
import { trainClassifier, TrainingCancelledError } from "./trainer";
import { registerWasmTrainingKernels } from "../runtime/train/wasm-training-kernels.mjs";

const WASM: BackendInfo = { backend: "wasm", device: "test", threads: 1 };

/** n points per class around well separated centres (or with random labels: nothing to learn). */
function clusters(options: { perClass: number; classes: number; dim: number; seed: number; spread?: number; randomLabels?: boolean }) {
  const random = mulberry32(options.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: options.classes }, () => Array.from({ length: options.dim }, () => gauss() * 2));
  const n = options.perClass * options.classes;
  const embeddings = new Float32Array(n * options.dim);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % options.classes;
    for (let d = 0; d < options.dim; d++) embeddings[i * options.dim + d] = centres[label]![d]! + gauss() * (options.spread ?? 1);
    labels.push(options.randomLabels ? Math.floor(random() * options.classes) : label);
  }
  return { embeddings, labels, dim: options.dim };
}

beforeAll(async () => {
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
  registerWasmTrainingKernels();
});

describe("trainClassifier on embeddings", () => {
  const data = clusters({ perClass: 40, classes: 3, dim: 32, seed: 1 });
  const input = {
    classes: ["a", "b", "c"],
    labels: data.labels,
    data: { kind: "embeddings" as const, embeddings: data.embeddings, dim: data.dim },
    settings: { mode: "quick" as const, epochs: 15, batchSize: 16, seed: 5 },
  };

  it("learns separable classes and scores them on the held-out part", async () => {
    const epochs: EpochLog[] = [];
    const result = await trainClassifier(input, { backend: WASM, inProcess: true, onEpoch: (log) => epochs.push(log) });
    expect(result.report.accuracy).toBeGreaterThan(0.9);
    expect(result.modelKind).toBe("head");
    // 40 a class: 8 set aside for the test, 6 of the other 32 for validation.
    expect(result.split.test).toHaveLength(24);
    expect(result.split.validation).toHaveLength(18);
    expect(result.evaluatedOn).toBe("test");
    expect(epochs).toEqual(result.history);
    expect(epochs[0]).toMatchObject({
      epoch: 1,
      loss: expect.any(Number),
      acc: expect.any(Number),
      valLoss: expect.any(Number),
      valAcc: expect.any(Number),
    });
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0]!.loss);
    // Confusion cells name samples, and each sample sits in the cell of its true class.
    const cellSamples = result.report.cells.flatMap((row, t) => row.flatMap((cell) => cell.map((i) => [t, i] as const)));
    expect(cellSamples.map(([, i]) => i).sort((a, b) => a - b)).toEqual(result.split.test);
    expect(result.validationReport.total).toBe(18);
    for (const [t, i] of cellSamples) expect(data.labels[i]).toBe(t);
  });

  it("gives the same run for the same seed and a different one for another seed", async () => {
    const first = await trainClassifier(input, { backend: WASM, inProcess: true });
    const again = await trainClassifier(input, { backend: WASM, inProcess: true });
    const other = await trainClassifier({ ...input, settings: { ...input.settings, seed: 6 } }, { backend: WASM, inProcess: true });
    const withoutTimes = (h: EpochLog[]) => h.map(({ durationMs: _d, ...rest }) => rest);
    expect(withoutTimes(again.history)).toEqual(withoutTimes(first.history));
    expect(Buffer.from(again.model.weightData).equals(Buffer.from(first.model.weightData))).toBe(true);
    expect(other.split.validation).not.toEqual(first.split.validation);
    expect(withoutTimes(other.history)).not.toEqual(withoutTimes(first.history));
  });

  it("stops early when validation loss stops improving and keeps the best epoch's weights", async () => {
    const noise = clusters({ perClass: 30, classes: 3, dim: 16, seed: 2, randomLabels: true });
    const result = await trainClassifier(
      {
        classes: ["a", "b", "c"],
        labels: noise.labels,
        data: { kind: "embeddings", embeddings: noise.embeddings, dim: noise.dim },
        settings: { mode: "quick" as const, epochs: 60, patience: 3, seed: 1 },
      },
      { backend: WASM, inProcess: true },
    );
    expect(result.stoppedEarly).toBe(true);
    expect(result.history.length).toBeLessThan(60);
    expect(result.history.length).toBe(result.bestEpoch + 3);
    const best = result.history[result.bestEpoch - 1]!;
    expect(Math.min(...result.history.map((h) => h.valLoss!))).toBe(best.valLoss);
    // Figures are computed with the restored weights: validation matches the best epoch, not the last.
    expect(result.validationReport.accuracy).toBeCloseTo(best.valAcc!, 10);
    // Noise labels: the test part, which chose nothing, stays near chance (a third).
    expect(result.report.accuracy).toBeLessThan(0.6);
  });

  it("can be cancelled between epochs", async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = trainClassifier(input, {
      backend: WASM,
      inProcess: true,
      signal: controller.signal,
      onEpoch: (log) => {
        seen.push(log.epoch);
        if (log.epoch === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
    expect(seen).toEqual([1, 2]);
  });

  it("trains in a worker thread, reports progress from it, and can be cancelled there", async () => {
    const epochs: number[] = [];
    const batches: number[] = [];
    const result = await trainClassifier(
      { ...input, settings: { ...input.settings, epochs: 5, patience: 10 } },
      {
        backend: WASM,
        onEpoch: (log) => epochs.push(log.epoch),
        onBatch: (p) => batches.push(p.done),
      },
    );
    expect(result.compute).toMatchObject({ mode: "worker-thread", backend: "wasm" });
    expect(epochs).toEqual([1, 2, 3, 4, 5]);
    expect(batches.length).toBeGreaterThan(0);
    expect(result.report.accuracy).toBeGreaterThan(0.8);

    const controller = new AbortController();
    const cancelled = trainClassifier(
      { ...input, settings: { ...input.settings, epochs: 200, patience: 100 } },
      {
        backend: WASM,
        signal: controller.signal,
        onEpoch: (log) => {
          if (log.epoch === 1) controller.abort();
        },
      },
    );
    await expect(cancelled).rejects.toBeInstanceOf(TrainingCancelledError);
  });

  it("refuses data with fewer than two classes or mismatched lengths", async () => {
    await expect(trainClassifier({ ...input, labels: data.labels.map(() => 0) }, { backend: WASM, inProcess: true })).rejects.toThrow(
      /two classes/,
    );
    await expect(trainClassifier({ ...input, labels: data.labels.slice(1) }, { backend: WASM, inProcess: true })).rejects.toThrow(/labels/);
  });
});

describe("trainClassifier on image files", () => {
  let dir: string;
  let paths: string[];
  let labels: number[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "vl-train-"));
    const images = await writeShapeImages({ dir, perClass: 6, size: 32, seed: 3 });
    paths = images.map((i) => i.path);
    labels = images.map((i) => i.label);
    // A stored file that went bad after upload: reported, not fatal.
    await writeFile(path.join(dir, "broken.png"), "not an image any more");
    paths.push(path.join(dir, "broken.png"));
    labels.push(0);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function tinyBackbone(): { spec: BackboneSpec; model: tf.LayersModel } {
    const input = tf.input({ shape: [32, 32, 3] });
    let x = tf.layers
      .conv2d({
        filters: 8,
        kernelSize: 3,
        strides: 2,
        padding: "same",
        useBias: false,
        kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
      })
      .apply(input) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({}).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU({}).apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .depthwiseConv2d({ kernelSize: 3, strides: 2, padding: "same", depthwiseInitializer: tf.initializers.heNormal({ seed: 2 }) })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
    const spec: BackboneSpec = {
      id: "tiny_test_cnn",
      kind: "trainable",
      title: "tiny",
      format: "layers-model",
      preprocess: { version: 1, height: 32, width: 32, inputRange: [0, 1], resize: "fill", background: "#ffffff" },
      embeddingSize: 8,
    };
    return { spec, model: tf.model({ inputs: input, outputs: x }) };
  }

  it("trains a trainable backbone end to end into one model, skipping files that no longer decode", async () => {
    const { spec, model } = tinyBackbone();
    const result = await trainClassifier(
      {
        classes: ["circle", "square", "triangle"],
        labels,
        data: { kind: "images", paths, backbone: { spec, model: await serializeModel(model) }, trainBackbone: true },
        settings: { epochs: 2, batchSize: 8, validationShare: 0.25, augment: true },
      },
      { backend: WASM, inProcess: true },
    );
    expect(result.modelKind).toBe("full");
    expect(result.skipped).toEqual([{ index: paths.length - 1, error: expect.stringMatching(/decode/) }]);
    const full = await tf.loadLayersModel(tf.io.fromMemory({ ...result.model } as tf.io.ModelArtifacts));
    const probabilities = full.predict(tf.zeros([2, 32, 32, 3])) as tf.Tensor;
    expect(probabilities.shape).toEqual([2, 3]);
    expect(Array.from(tf.sum(probabilities, 1).dataSync()).map((v) => Math.round(v * 1000) / 1000)).toEqual([1, 1]);
    model.dispose();
  });

  it("with augmentation and a frozen backbone, trains only the head, from freshly augmented images", async () => {
    const { spec, model } = tinyBackbone();
    const frozen = { ...spec, id: "tiny_frozen", kind: "pretrained" as const };
    const backbone = { spec: frozen, model: await serializeModel(model) };
    const before = Buffer.from(backbone.model.weightData);
    const result = await trainClassifier(
      {
        classes: ["circle", "square", "triangle"],
        labels,
        data: { kind: "images", paths, backbone, trainBackbone: false },
        settings: { epochs: 2, batchSize: 8, augment: true },
      },
      { backend: WASM, inProcess: true },
    );
    expect(result.modelKind).toBe("head");
    expect(Buffer.from(backbone.model.weightData).equals(before)).toBe(true);
    expect(result.history).toHaveLength(2);
    // The head learnt on standardised features; the stored head (statistics folded in) takes the
    // backbone's raw features and gives the probabilities the run reported for its test images.
    const rows = result.test.indices;
    expect(rows.length).toBeGreaterThan(0);
    const { data } = await preprocessBatch(
      rows.map((i) => paths[i]!),
      frozen.preprocess,
    );
    const head = (await instantiateModel(result.model)) as tf.LayersModel;
    const stored = tf.tidy(
      () => (head.predict(model.predict(tf.tensor4d(data, [rows.length, 32, 32, 3])) as tf.Tensor) as tf.Tensor).dataSync() as Float32Array,
    );
    head.dispose();
    stored.forEach((p, i) => expect(Math.abs(p - result.test.probabilities[i]!)).toBeLessThan(1e-4));
    model.dispose();
  });
});
