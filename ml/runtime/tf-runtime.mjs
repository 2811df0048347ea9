// @ts-check
// TF.js pieces that both the main thread and the embedding workers need. Plain
// JavaScript for the same reason as preprocess.mjs: workers load it from disk.
import { existsSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

export { tf };

/**
 * Switches this thread's TF.js engine to WASM. Never assumes success: inside a
 * bundle `tf.setBackend` can resolve to false instead of throwing.
 * @param {string} wasmDir absolute directory holding the tfjs-backend-wasm*.wasm files
 * @returns {Promise<{ ok: true, simd: boolean } | { ok: false, reason: string }>}
 */
export async function activateWasm(wasmDir) {
  const simdFile = path.join(/* turbopackIgnore: true */ wasmDir, "tfjs-backend-wasm-simd.wasm");
  const plainFile = path.join(/* turbopackIgnore: true */ wasmDir, "tfjs-backend-wasm.wasm");
  if (!existsSync(simdFile) && !existsSync(plainFile)) {
    return { ok: false, reason: `WASM binaries not found in ${wasmDir}` };
  }
  setWasmPaths(wasmDir.endsWith(path.sep) ? wasmDir : wasmDir + path.sep);
  let ok;
  try {
    ok = await tf.setBackend("wasm");
  } catch (err) {
    return { ok: false, reason: `tf.setBackend("wasm") threw: ${errorMessage(err)}` };
  }
  if (!ok) return { ok: false, reason: `tf.setBackend("wasm") returned false (binaries in ${wasmDir})` };
  patchWasmTransposedMatMul();
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  return { ok: true, simd };
}

let matMulPatched = false;

/**
 * tfjs-backend-wasm 4.22 runs a matrix product with transposeA/transposeB on a
 * slow generic loop, about 8× slower than the plain product (measured: 33 ms vs
 * 4 ms for 1280×128 by 128×128). Every backward pass asks for such products
 * (dX = dY·Wᵀ, dW = Xᵀ·dY), so training a dense head on WASM was dominated by
 * them. This wraps the WASM MatMul kernels: transpose explicitly (a fast
 * kernel), then run the plain product. Results are unchanged.
 */
function patchWasmTransposedMatMul() {
  if (matMulPatched) return;
  const transpose = tf.getKernel("Transpose", "wasm");
  if (!transpose) return;
  for (const kernelName of ["BatchMatMul", "_FusedMatMul"]) {
    const original = tf.getKernel(kernelName, "wasm");
    if (!original) continue;
    tf.unregisterKernel(kernelName, "wasm");
    tf.registerKernel({
      ...original,
      kernelFunc: (args) => {
        const { transposeA, transposeB } = /** @type {{ transposeA?: boolean, transposeB?: boolean }} */ (args.attrs ?? {});
        if (!transposeA && !transposeB) return original.kernelFunc(args);
        const { backend } = args;
        /** @type {any[]} */
        const temporaries = [];
        /** @param {any} x */
        const swapLastTwo = (x) => {
          const perm = x.shape.map((/** @type {number} */ _, /** @type {number} */ i) => i);
          const rank = perm.length;
          [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
          const out = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } });
          temporaries.push(out);
          return out;
        };
        const inputs = /** @type {any} */ ({ ...args.inputs });
        if (transposeA) inputs.a = swapLastTwo(inputs.a);
        if (transposeB) inputs.b = swapLastTwo(inputs.b);
        try {
          return original.kernelFunc({ ...args, inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
        } finally {
          for (const t of temporaries) /** @type {any} */ (backend).disposeData(t.dataId);
        }
      },
    });
  }
  matMulPatched = true;
}

/** @returns {Promise<{ ok: true } | { ok: false, reason: string }>} */
export async function activateCpu() {
  const ok = await tf.setBackend("cpu");
  return ok ? { ok: true } : { ok: false, reason: `tf.setBackend("cpu") returned false` };
}

/**
 * Loads a model held in memory (a SerializedModel) on the current backend.
 * @param {import("../types").SerializedModel} serialized
 */
export async function instantiateModel(serialized) {
  const handler = tf.io.fromMemory(/** @type {any} */ ({ ...serialized }));
  if (serialized.format === "graph-model") return tf.loadGraphModel(handler);
  return tf.loadLayersModel(handler);
}

/**
 * Runs the backbone on an NHWC float batch and returns [n, embeddingSize].
 * Graph models (TF Hub classifiers) are cut at `embeddingNode`, the global pool,
 * whose [n, 1, 1, c] output is flattened.
 * @param {any} model a tf.GraphModel or tf.LayersModel
 * @param {Pick<import("../types").BackboneSpec, "format" | "embeddingNode" | "preprocess">} spec
 * @param {Float32Array} data
 * @param {number} count
 * @returns {Promise<Float32Array>}
 */
export async function embedBatch(model, spec, data, count) {
  if (count === 0) return new Float32Array(0);
  const { height, width } = spec.preprocess;
  const output = tf.tidy(() => {
    const input = tf.tensor4d(data, [count, height, width, 3]);
    const raw = spec.format === "graph-model" && spec.embeddingNode ? model.execute(input, spec.embeddingNode) : model.predict(input);
    const single = Array.isArray(raw) ? raw[0] : raw;
    return single.reshape([count, -1]);
  });
  try {
    return /** @type {Float32Array} */ (await output.data());
  } finally {
    output.dispose();
  }
}

/** @param {unknown} err */
export function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}
