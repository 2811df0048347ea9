import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultWasmDir } from "../backend/wasm-dir";
import { activateWasm } from "./tf-runtime.mjs";

/** Reference product in plain JS: [batch, m, k] × [batch, k, n]. */
function reference(a: number[][][], b: number[][][]): number[][][] {
  return a.map((am, batch) => am.map((row) => b[batch]![0]!.map((_, j) => row.reduce((sum, v, k) => sum + v * b[batch]![k]![j]!, 0))));
}

function random(shape: [number, number, number], seed: number): number[][][] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  return Array.from({ length: shape[0] }, () => Array.from({ length: shape[1] }, () => Array.from({ length: shape[2] }, next)));
}

const swap = (t: tf.Tensor3D) => tf.transpose(t, [0, 2, 1]);

describe("WASM matMul with transposed operands (patched for speed)", () => {
  beforeAll(async () => {
    const result = await activateWasm(defaultWasmDir());
    expect(result.ok).toBe(true);
  });

  it("gives the same products for every transpose combination and frees its temporaries", async () => {
    const a = random([2, 3, 4], 1);
    const b = random([2, 4, 5], 2);
    const expected = reference(a, b);
    const backend = tf.backend() as unknown as { numDataIds(): number };
    for (const [transposeA, transposeB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      const ta = tf.tensor3d(a);
      const tb = tf.tensor3d(b);
      const left = transposeA ? swap(ta) : ta;
      const right = transposeB ? swap(tb) : tb;
      const before = backend.numDataIds();
      const product = tf.matMul(left, right, transposeA, transposeB);
      const fused = tf.fused.matMul({ a: left, b: right, transposeA, transposeB, bias: tf.ones([5]), activation: "relu" });
      const values = (await product.array()) as number[][][];
      const fusedValues = (await fused.array()) as number[][][];
      expect(backend.numDataIds()).toBe(before + 3); // the two outputs and the bias, nothing else
      values.flat(2).forEach((v, i) => expect(v).toBeCloseTo(expected.flat(2)[i]!, 5));
      fusedValues.flat(2).forEach((v, i) => expect(v).toBeCloseTo(Math.max(0, expected.flat(2)[i]! + 1), 5));
      tf.dispose([ta, tb, left, right, product, fused]);
    }
  });
});
