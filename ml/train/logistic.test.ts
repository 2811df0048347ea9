import { beforeAll, describe, expect, it } from "vitest";
import { defaultWasmDir } from "../backend/wasm-dir";
import { activateWasm } from "../workers/tf-runtime.mjs";
import { columnStats, foldStandardisation, logisticProbabilities, logisticProblem, standardRows } from "./logistic.mjs";
import { mulberry32 } from "./prng.mjs";

beforeAll(async () => {
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
});

/** Overlapping 2-D clusters (not separable): a problem with one finite optimum. */
function overlapping(seed: number, perClass = 30) {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = [
    [0, 0],
    [1.5, 0.5],
    [0.5, 1.5],
  ];
  const x: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < perClass * 3; i++) {
    const c = i % 3;
    x.push(centres[c]![0]! + gauss(), centres[c]![1]! + gauss());
    labels.push(c);
  }
  return { x: Float32Array.from(x), labels, n: labels.length, d: 2 };
}

/**
 * The same objective (mean cross-entropy + λ/2‖W‖², bias free) minimised by plain gradient
 * descent in float64, for many steps: slow but obviously right on a 2-feature problem.
 */
function referenceSolution(data: { x: Float32Array; labels: number[]; n: number; d: number }, C: number, lambda: number) {
  const { x, labels, n, d } = data;
  const W = new Float64Array(d * C);
  const b = new Float64Array(C);
  const z = new Float64Array(C);
  for (let step = 0; step < 20000; step++) {
    const gW = new Float64Array(d * C);
    const gb = new Float64Array(C);
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let c = 0; c < C; c++) {
        let v = b[c]!;
        for (let j = 0; j < d; j++) v += x[i * d + j]! * W[j * C + c]!;
        z[c] = v;
        m = Math.max(m, v);
      }
      let s = 0;
      for (let c = 0; c < C; c++) s += z[c] = Math.exp(z[c]! - m);
      for (let c = 0; c < C; c++) {
        const r = (z[c]! / s - (labels[i] === c ? 1 : 0)) / n;
        gb[c]! += r;
        for (let j = 0; j < d; j++) gW[j * C + c]! += x[i * d + j]! * r;
      }
    }
    for (let k = 0; k < d * C; k++) W[k]! -= 0.5 * (gW[k]! + lambda * W[k]!);
    for (let c = 0; c < C; c++) b[c]! -= 0.5 * gb[c]!;
  }
  return { W, b };
}

const centred = (b: ArrayLike<number>) => {
  const values = Array.from(b);
  const mean = values.reduce((a, v) => a + v, 0) / values.length;
  return values.map((v) => v - mean);
};

describe("multinomial logistic regression (L-BFGS)", () => {
  it("converges to the known optimum of a non-separable problem", () => {
    const data = overlapping(3);
    const lambda = 0.01;
    const reference = referenceSolution(data, 3, lambda);
    const problem = logisticProblem({ x: data.x, n: data.n, d: data.d, labels: data.labels, classCount: 3 });
    const fit = problem.fit({ lambda });
    problem.dispose();
    expect(fit.converged).toBe(true);
    Array.from(fit.W).forEach((w, k) => expect(w).toBeCloseTo(reference.W[k]!, 3));
    // Biases are defined up to a shared constant (softmax); compare them centred.
    centred(fit.b).forEach((v, c) => expect(v).toBeCloseTo(centred(reference.b)[c]!, 3));
  });

  it("stays finite on a separable problem and classifies it perfectly", () => {
    const x = Float32Array.from([-2, -1.5, -1, 1, 1.5, 2]);
    const labels = [0, 0, 0, 1, 1, 1];
    const problem = logisticProblem({ x, n: 6, d: 1, labels, classCount: 2 });
    const fit = problem.fit({ lambda: 1e-3 });
    problem.dispose();
    expect(fit.converged).toBe(true);
    expect(Array.from(fit.W).every(Number.isFinite)).toBe(true);
    const probabilities = logisticProbabilities(x, 1, fit, 2);
    labels.forEach((label, i) => expect(probabilities[i * 2 + label]!).toBeGreaterThan(0.5));
    // The penalty keeps the weights finite: without it they would grow without bound.
    expect(Math.abs(fit.W[1]! - fit.W[0]!)).toBeLessThan(50);
  });

  it("weights samples: an up-weighted class moves the boundary towards the other", () => {
    const data = overlapping(5);
    const two = data.labels.map((l) => (l === 0 ? 0 : 1));
    const plain = logisticProblem({ x: data.x, n: data.n, d: 2, labels: two, classCount: 2 });
    const weighted = logisticProblem({
      x: data.x,
      n: data.n,
      d: 2,
      labels: two,
      classCount: 2,
      weights: two.map((l) => (l === 0 ? 5 : 1)),
    });
    const share0 = (fit: { W: Float32Array; b: Float32Array }) => {
      const p = logisticProbabilities(data.x, 2, fit, 2);
      let count = 0;
      for (let i = 0; i < data.n; i++) if (p[i * 2]! > 0.5) count++;
      return count;
    };
    const a = share0(plain.fit({ lambda: 0.01 }));
    const b = share0(weighted.fit({ lambda: 0.01 }));
    plain.dispose();
    weighted.dispose();
    expect(b).toBeGreaterThan(a);
  });

  it("folding the standardisation into the weights gives the same probabilities on raw inputs", () => {
    const data = overlapping(7);
    const raw = Float32Array.from(data.x, (v, i) => (i % 2 === 0 ? v * 40 + 100 : v * 0.01 - 3));
    const rows = Array.from({ length: data.n }, (_, i) => i);
    const stats = columnStats(raw, 2, rows);
    const standard = standardRows(raw, 2, rows, stats);
    const problem = logisticProblem({ x: standard, n: data.n, d: 2, labels: data.labels, classCount: 3 });
    const fit = problem.fit({ lambda: 0.01 });
    problem.dispose();
    const onStandard = logisticProbabilities(standard, 2, fit, 3);
    const onRaw = logisticProbabilities(raw, 2, foldStandardisation(fit, stats, 3), 3);
    onStandard.forEach((p, i) => expect(onRaw[i]).toBeCloseTo(p, 4));
  });
});

describe("cancellation", () => {
  it("stops between iterations with the trainers' cancellation error", async () => {
    const { TrainingCancelled } = await import("./fit.mjs");
    const data = overlapping(9);
    const problem = logisticProblem({ x: data.x, n: data.n, d: data.d, labels: data.labels, classCount: 3 });
    let calls = 0;
    expect(() => problem.fit({ lambda: 1e-3, isCancelled: () => ++calls > 2 })).toThrow(TrainingCancelled);
    problem.dispose();
  });
});
