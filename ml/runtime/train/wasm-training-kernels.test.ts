import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultWasmDir } from "../../backend/wasm-dir";
import { activateWasm } from "../tf-runtime.mjs";
import { registerWasmTrainingKernels } from "./wasm-training-kernels.mjs";

interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number;
  pad: "same" | "valid";
  depthwise: boolean;
}

const cases: Case[] = [
  { name: "3×3 conv, stride 2, same, odd size", x: [2, 9, 9, 3], filter: [3, 3, 3, 5], stride: 2, pad: "same", depthwise: false },
  { name: "3×3 conv, stride 2, same, even size", x: [2, 8, 8, 3], filter: [3, 3, 3, 5], stride: 2, pad: "same", depthwise: false },
  { name: "3×3 conv, stride 1, valid", x: [2, 7, 6, 2], filter: [3, 3, 2, 4], stride: 1, pad: "valid", depthwise: false },
  { name: "1×1 conv", x: [2, 5, 5, 4], filter: [1, 1, 4, 6], stride: 1, pad: "same", depthwise: false },
  { name: "depthwise, stride 1, same", x: [2, 6, 6, 4], filter: [3, 3, 4, 1], stride: 1, pad: "same", depthwise: true },
  { name: "depthwise, stride 2, same, even", x: [2, 8, 8, 4], filter: [3, 3, 4, 1], stride: 2, pad: "same", depthwise: true },
  { name: "depthwise, stride 2, same, odd", x: [2, 9, 7, 3], filter: [3, 3, 3, 1], stride: 2, pad: "same", depthwise: true },
  { name: "depthwise, stride 2, valid", x: [2, 8, 9, 3], filter: [3, 3, 3, 1], stride: 2, pad: "valid", depthwise: true },
];

/** Gradients of a weighted sum of the convolution's output with respect to input and filter. */
function gradients(c: Case, x: Float32Array, filter: Float32Array): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const grad = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
      const y = c.depthwise
        ? tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad)
        : tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad);
      return tf.sum(tf.mul(y, tf.reshape(tf.linspace(0.5, 1.5, y.size), y.shape)));
    });
    const [dx, dFilter] = grad([tf.tensor4d(x, c.x), tf.tensor4d(filter, c.filter)]);
    return [dx!.dataSync() as Float32Array, dFilter!.dataSync() as Float32Array];
  });
}

const inputs: Array<[Float32Array, Float32Array]> = [];
const expected: Array<[Float32Array, Float32Array]> = [];

beforeAll(async () => {
  await tf.setBackend("cpu");
  cases.forEach((c, i) => {
    inputs.push([
      tf.randomNormal(c.x, 0, 1, "float32", 10 + i).dataSync() as Float32Array,
      tf.randomNormal(c.filter, 0, 1, "float32", 100 + i).dataSync() as Float32Array,
    ]);
  });
  // The pure-JS cpu backend has every gradient kernel: it is the reference.
  cases.forEach((c, i) => expected.push(gradients(c, ...inputs[i]!)));
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
  registerWasmTrainingKernels();
});

describe("WASM training kernels", () => {
  it.each(cases.map((c, i) => [c.name, i] as const))("match the cpu backend's gradients: %s", (_name, i) => {
    const [dx, dFilter] = gradients(cases[i]!, ...inputs[i]!);
    const [refDx, refFilter] = expected[i]!;
    const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, k) => Math.max(m, Math.abs(v - b[k]!)), 0);
    expect(maxDiff(dx, refDx)).toBeLessThan(1e-4);
    expect(maxDiff(dFilter, refFilter)).toBeLessThan(1e-4);
  });

  it("tiles a broadcastable tensor and leaves other tiles to the original kernel", () => {
    expect(tf.tile(tf.tensor4d([1, 2, 3], [1, 1, 1, 3]), [2, 2, 1, 1]).arraySync()).toEqual([
      [[[1, 2, 3]], [[1, 2, 3]]],
      [[[1, 2, 3]], [[1, 2, 3]]],
    ]);
    expect(tf.tile(tf.tensor2d([1, 2, 3, 4], [2, 2]), [2, 1]).arraySync()).toEqual([
      [1, 2],
      [3, 4],
      [1, 2],
      [3, 4],
    ]);
  });

  it("frees every intermediate tensor", () => {
    const before = tf.memory().numTensors;
    gradients(cases[0]!, ...inputs[0]!);
    gradients(cases[6]!, ...inputs[6]!);
    expect(tf.memory().numTensors).toBe(before);
  });
});
