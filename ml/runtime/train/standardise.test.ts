import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultWasmDir } from "../../backend/wasm-dir";
import { activateWasm, instantiateModel } from "../tf-runtime.mjs";
import { trainHeadOnEmbeddings } from "./embeddings-trainer.mjs";
import { mulberry32 } from "./prng.mjs";
import { selectModel } from "./select.mjs";
import { serializeModel } from "./serialize.mjs";
import { STANDARDISE_SHRINK, columnStats, foldIntoDense, standardRows, statsFromSums } from "./standardise.mjs";
import { registerWasmTrainingKernels } from "./wasm-training-kernels.mjs";
import { resolveTrainSettings } from "../../train/settings";

beforeAll(async () => {
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
  registerWasmTrainingKernels();
});

function gaussian(seed: number) {
  const random = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

/**
 * Like an intermediate block's pooled channels: the columns that tell the 3 classes apart are quiet
 * (scale 0.1), the others are loud noise (scale 3) around a large offset.
 */
function badlyScaled(n: number, seed: number) {
  const gauss = gaussian(seed);
  const d = 24;
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const x = new Float32Array(n * d);
  labels.forEach((label, i) => {
    for (let j = 0; j < d; j++) {
      const informative = j < 6;
      const signal = informative && j % 3 === label ? 2.5 : 0;
      x[i * d + j] = informative ? 0.1 * (signal + gauss()) + 0.02 : 3 * gauss() + 300;
    }
  });
  return { x, d, labels: Int32Array.from(labels) };
}

describe("standardisation with the training rows' statistics", () => {
  it("gives every informative column unit scale, whatever its raw scale, and bounds the scale of a constant column", () => {
    const { x, d } = badlyScaled(300, 1);
    const rows = Array.from({ length: 300 }, (_, i) => i);
    const stats = columnStats(x, d, rows);
    const z = standardRows(x, d, rows, stats);
    const columnSd = (j: number) => {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < 300; i++) {
        s += z[i * d + j]!;
        s2 += z[i * d + j]! ** 2;
      }
      return Math.sqrt(s2 / 300 - (s / 300) ** 2);
    };
    // The shrinkage towards the shared scale is small next to a loud column, large next to a quiet one:
    expect(columnSd(10)).toBeCloseTo(1, 2);
    // a quiet column keeps a small scale (its 1/σ is bounded by 1/√SHRINK over the shared scale)
    const shared = Math.sqrt(Array.from(stats.std).reduce((s, v) => s + v * v, 0) / d / (1 + STANDARDISE_SHRINK));
    expect(Math.min(...stats.std)).toBeGreaterThanOrEqual(Math.sqrt(STANDARDISE_SHRINK) * shared * 0.999);
    // a column that never varied is not divided by zero
    const constant = new Float32Array(300 * 2).map((_, i) => (i % 2 === 0 ? 7 : i));
    const c = columnStats(constant, 2, rows);
    expect(c.std[0]).toBeGreaterThan(0);
    expect(standardRows(constant, 2, [0, 1], c).every(Number.isFinite)).toBe(true);
  });

  it("gives the same statistics from running sums (the image path) as from the matrix", () => {
    const { x, d } = badlyScaled(90, 2);
    const rows = Array.from({ length: 90 }, (_, i) => i);
    const sum = new Float64Array(d);
    const sumSq = new Float64Array(d);
    for (const r of rows)
      for (let j = 0; j < d; j++) {
        sum[j] = sum[j]! + x[r * d + j]!;
        sumSq[j] = sumSq[j]! + x[r * d + j]! ** 2;
      }
    const a = columnStats(x, d, rows);
    const b = statsFromSums(sum, sumSq, rows.length);
    for (let j = 0; j < d; j++) {
      expect(b.mean[j]).toBeCloseTo(a.mean[j]!, 6);
      expect(b.std[j]! / a.std[j]!).toBeCloseTo(1, 4);
    }
    expect(columnStats(x, d, rows, "shared").std.every((v, _, all) => v === all[0])).toBe(true);
  });

  it("folded into a dense layer, answers on raw rows exactly as the layer on standardised rows", () => {
    const { x, d } = badlyScaled(40, 3);
    const rows = Array.from({ length: 40 }, (_, i) => i);
    const stats = columnStats(x, d, rows);
    const random = mulberry32(4);
    const units = 5;
    const kernel = Float32Array.from({ length: d * units }, () => random() - 0.5);
    const bias = Float32Array.from({ length: units }, () => random() - 0.5);
    const folded = foldIntoDense(kernel, bias, stats);
    const onStandard = tf.tidy(() =>
      tf.add(tf.matMul(tf.tensor2d(standardRows(x, d, rows, stats), [40, d]), tf.tensor2d(kernel, [d, units])), bias).dataSync(),
    );
    const onRaw = tf.tidy(() => tf.add(tf.matMul(tf.tensor2d(x, [40, d]), tf.tensor2d(folded.kernel, [d, units])), folded.bias).dataSync());
    onStandard.forEach((v, i) => expect(Math.abs(onRaw[i]! - v)).toBeLessThan(1e-3 * Math.max(1, Math.abs(v))));
  });
});

describe("models on badly scaled features", () => {
  it("the MLP head learns the quiet informative columns, and the stored head (statistics folded in) answers the same on raw features", async () => {
    const { x, d, labels } = badlyScaled(240, 5);
    const rows = Array.from({ length: 240 }, (_, i) => i);
    const train = rows.filter((i) => i % 5 !== 0);
    const test = rows.filter((i) => i % 5 === 0);
    const result = await trainHeadOnEmbeddings({
      embeddings: x,
      dim: d,
      labels,
      classCount: 3,
      train,
      validation: [],
      test,
      classWeights: [1, 1, 1],
      settings: resolveTrainSettings({ epochs: 25, patience: 25, batchSize: 32, seed: 3 }),
    });
    let correct = 0;
    test.forEach((row, i) => {
      const p = Array.from(result.testProbabilities.subarray(i * 3, i * 3 + 3));
      if (p.indexOf(Math.max(...p)) === labels[row]) correct++;
    });
    expect(correct / test.length).toBeGreaterThan(0.85);
    // The head as stored (serialised, reloaded) on raw features gives the probabilities the trainer reported.
    const reloaded = (await instantiateModel(await serializeModel(result.head))) as tf.LayersModel;
    result.head.dispose();
    const raw = new Float32Array(test.length * d);
    test.forEach((row, i) => raw.set(x.subarray(row * d, (row + 1) * d), i * d));
    const predicted = tf.tidy(() => (reloaded.predict(tf.tensor2d(raw, [test.length, d])) as tf.Tensor).dataSync());
    reloaded.dispose();
    predicted.forEach((p, i) => expect(Math.abs(p - result.testProbabilities[i]!)).toBeLessThan(1e-4));
  }, 60_000);

  it("the optimise step's feature candidates find the quiet informative columns", async () => {
    const { x, d, labels } = badlyScaled(150, 6);
    const selection = await selectModel({
      labels,
      classCount: 3,
      train: Array.from({ length: 150 }, (_, i) => i),
      features: { x, d },
      folds: 5,
      seed: 2,
      settings: resolveTrainSettings({ epochs: 40, patience: 10, batchSize: 16, seed: 2 }),
      candidates: ["logistic", "mlp"],
    });
    for (const candidate of selection.candidates) expect(candidate.cvAccuracy).toBeGreaterThan(0.85);
  }, 90_000);
});
