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
  const simdFile = path.join(wasmDir, "tfjs-backend-wasm-simd.wasm");
  const plainFile = path.join(wasmDir, "tfjs-backend-wasm.wasm");
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
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  return { ok: true, simd };
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
    const raw =
      spec.format === "graph-model" && spec.embeddingNode
        ? model.execute(input, spec.embeddingNode)
        : model.predict(input);
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
