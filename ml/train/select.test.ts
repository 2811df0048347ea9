import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultWasmDir } from "../backend/wasm-dir";
import type { BackendInfo } from "../types";
import { activateWasm } from "../workers/tf-runtime.mjs";
import { stratifiedFolds } from "./folds.mjs";
import { blockMeans } from "./pixels.mjs";
import { mulberry32 } from "./prng.mjs";
import { buildPixelModel, selectModel } from "./select.mjs";
import { resolveTrainSettings } from "./settings";
import { stratifiedSplit } from "./split";
import { trainClassifier } from "./trainer";
import { registerWasmTrainingKernels } from "./wasm-training-kernels.mjs";

const WASM: BackendInfo = { backend: "wasm", device: "test", threads: 1 };
const SETTINGS = resolveTrainSettings({ epochs: 8, batchSize: 32, patience: 3, seed: 9 });

beforeAll(async () => {
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
  registerWasmTrainingKernels();
});

function gaussian(seed: number) {
  const random = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

/** n × d noise, plus a class-specific pattern of strength `signal` (0: the matrix says nothing about the class). */
function matrix(labels: number[], d: number, signal: number, seed: number) {
  const gauss = gaussian(seed);
  const patterns = [0, 1, 2, 3].map(() => Array.from({ length: d }, () => gauss()));
  const x = new Float32Array(labels.length * d);
  labels.forEach((label, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = signal * patterns[label]![j]! + gauss();
  });
  return { x, d };
}

const pixelsOf = (m: { x: Float32Array; d: number }) => ({ ...m, height: 4, width: 4, pool: 1 });

/** 3 classes × 40 images; every row is a training row. */
const LABELS = Array.from({ length: 120 }, (_, i) => i % 3);
const ALL = LABELS.map((_, i) => i);

describe("selectModel (the optimise step)", () => {
  it("picks the pixel model when only the pixels tell the classes apart", async () => {
    const selection = await selectModel({
      labels: Int32Array.from(LABELS),
      classCount: 3,
      train: ALL,
      features: matrix(LABELS, 64, 0, 1), // uninformative embeddings
      pixels: pixelsOf(matrix(LABELS, 48, 0.8, 2)), // a fixed pattern per class
      folds: 5,
      seed: 1,
      settings: SETTINGS,
    });
    expect(selection.winner).toBe("pixels");
    const byKind = Object.fromEntries(selection.candidates.map((c) => [c.kind, c]));
    expect(byKind.pixels!.cvAccuracy).toBeGreaterThan(0.9);
    expect(byKind.logistic!.cvAccuracy).toBeLessThan(0.6);
    expect(selection.candidates.map((c) => c.kind)).toEqual(["logistic", "pixels", "mlp"]);
    for (const c of selection.candidates) {
      expect(c.n).toBe(120);
      expect(c.foldAccuracies).toHaveLength(5);
      expect(c.spread).toBeGreaterThanOrEqual(0);
    }
    expect(byKind.mlp!.params.epochs).toBeGreaterThanOrEqual(1);
    expect(byKind.pixels!.params.lambda).toBeGreaterThan(0);
  });

  it("picks a feature model when the embeddings carry the classes and the pixels do not", async () => {
    const selection = await selectModel({
      labels: Int32Array.from(LABELS),
      classCount: 3,
      train: ALL,
      features: matrix(LABELS, 64, 0.8, 3),
      pixels: pixelsOf(matrix(LABELS, 48, 0, 4)),
      folds: 5,
      seed: 1,
      settings: SETTINGS,
    });
    expect(selection.winner).not.toBe("pixels");
    const winner = selection.candidates.find((c) => c.kind === selection.winner)!;
    const pixels = selection.candidates.find((c) => c.kind === "pixels")!;
    expect(winner.cvAccuracy).toBeGreaterThan(0.9);
    expect(pixels.cvAccuracy).toBeLessThan(0.6);
  });

  it("keeps shuffled labels near chance (within 4 standard errors of the pooled folds)", async () => {
    const random = mulberry32(11);
    const shuffled = LABELS.map(() => Math.floor(random() * 3));
    const selection = await selectModel({
      labels: Int32Array.from(shuffled),
      classCount: 3,
      train: ALL,
      features: matrix(LABELS, 64, 0.8, 5), // informative about the true labels, not the shuffled ones
      pixels: pixelsOf(matrix(LABELS, 48, 0.8, 6)),
      folds: 5,
      seed: 1,
      settings: SETTINGS,
    });
    // Each fold holds 24 images; the pooled estimate over the 5 folds has the standard error of 120
    // Bernoulli draws at chance. 4 of them, not 2: every candidate reports the best of its grid.
    const chance = 1 / 3;
    const tolerance = 4 * Math.sqrt((chance * (1 - chance)) / (5 * 24));
    for (const c of selection.candidates) expect(Math.abs(c.cvAccuracy - chance)).toBeLessThan(tolerance);
  });

  it("breaks an exact tie towards the simpler model", async () => {
    // Both matrices separate the classes perfectly: every candidate is right on every image.
    const selection = await selectModel({
      labels: Int32Array.from(LABELS),
      classCount: 3,
      train: ALL,
      features: matrix(LABELS, 16, 6, 7),
      pixels: pixelsOf(matrix(LABELS, 48, 6, 8)),
      folds: 3,
      seed: 1,
      settings: SETTINGS,
    });
    expect(selection.candidates.every((c) => c.correct === 120)).toBe(true);
    expect(selection.winner).toBe("logistic");
  });
});

describe("cross-validation never sees the test share", () => {
  it("draws every fold from the training rows only, each class spread over the folds", () => {
    const split = stratifiedSplit(LABELS, { validationShare: 0, testShare: 0.2, seed: 3 });
    const folds = stratifiedFolds(LABELS, split.train, 5, 3);
    const inFolds = folds.flat().sort((a, b) => a - b);
    expect(inFolds).toEqual(split.train);
    for (const row of split.test) expect(inFolds).not.toContain(row);
    for (const fold of folds) for (const c of [0, 1, 2]) expect(fold.filter((r) => LABELS[r] === c).length).toBeGreaterThanOrEqual(6);
  });

  it("trainClassifier in optimise mode selects on data whose test rows are poison (NaN)", async () => {
    const features = matrix(LABELS, 32, 1, 12);
    const pixels = pixelsOf(matrix(LABELS, 48, 0, 13));
    const settings = { ...SETTINGS, testShare: 0.25, cvFolds: 4 };
    const { test } = stratifiedSplit(LABELS, { validationShare: 0, testShare: 0.25, seed: settings.seed });
    // A NaN read by any fold would turn that fold's statistics, weights and accuracy to nonsense.
    const poisoned = Float32Array.from(features.x);
    const poisonedPixels = Float32Array.from(pixels.x);
    for (const row of test) {
      poisoned.fill(Number.NaN, row * 32, (row + 1) * 32);
      poisonedPixels.fill(Number.NaN, row * 48, (row + 1) * 48);
    }
    const result = await trainClassifier(
      {
        classes: ["a", "b", "c"],
        labels: LABELS,
        data: { kind: "embeddings", embeddings: poisoned, dim: 32 },
        pixels: { ...pixels, x: poisonedPixels },
        settings,
      },
      { backend: WASM, inProcess: true },
    );
    expect(result.split.test).toEqual(test);
    expect(result.split.validation).toEqual([]);
    expect(result.selection!.trainImages).toBe(result.split.train.length);
    for (const c of result.selection!.candidates) expect(c.n).toBe(result.split.train.length);
    const winner = result.selection!.candidates.find((c) => c.kind === result.selection!.winner)!;
    expect(winner.cvAccuracy).toBeGreaterThan(0.85);
    expect(result.evaluatedOn).toBe("test");
    expect(result.candidate?.kind).toBe(result.selection!.winner);
  });
});

describe("the pixel model", () => {
  it("computes from the image exactly what the pixel features fed the linear model", async () => {
    const random = mulberry32(21);
    const [height, width, pool, classes] = [32, 32, 8, 3];
    const image = Float32Array.from({ length: height * width * 3 }, () => random());
    const d = (height / pool) * (width / pool) * 3;
    const W = Float32Array.from({ length: d * classes }, () => random() - 0.5);
    const b = Float32Array.from({ length: classes }, () => random() - 0.5);
    const model = buildPixelModel({ W, b }, { height, width, pool }, classes);
    const fromImage = tf.tidy(() => (model.predict(tf.tensor4d(image, [1, height, width, 3])) as tf.Tensor).dataSync());
    model.dispose();
    const thumb = blockMeans(image, height, width, pool);
    const logits = Array.from({ length: classes }, (_, c) => b[c]! + Array.from(thumb).reduce((s, v, j) => s + v * W[j * classes + c]!, 0));
    const max = Math.max(...logits);
    const exp = logits.map((v) => Math.exp(v - max));
    const sum = exp.reduce((a, v) => a + v, 0);
    exp.forEach((e, c) => expect(fromImage[c]).toBeCloseTo(e / sum, 5));
  });
});
