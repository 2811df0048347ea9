// @ts-check
// ONNX Runtime (onnxruntime-node) for frozen networks: loaded on demand so that a
// machine where the native binary cannot load still runs everything on TF.js.
// Plain JavaScript because worker threads load it from disk (see ml/runtime/README.md).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** @typedef {typeof import("onnxruntime-node")} Ort */
/** @typedef {import("onnxruntime-node").InferenceSession} Session */
/** @typedef {"onnxruntime-cpu" | "onnxruntime-cuda"} OrtEngine */

/** @type {Promise<{ ok: true, ort: Ort } | { ok: false, reason: string }> | undefined} */
let loading;

/**
 * The onnxruntime-node module, or why it cannot load here (package missing, or
 * its native binary does not match this platform).
 * @returns {Promise<{ ok: true, ort: Ort } | { ok: false, reason: string }>}
 */
export function loadOrt() {
  loading ??= import("onnxruntime-node").then(
    (module) => {
      const ort = /** @type {Ort} */ (/** @type {any} */ (module).default ?? module);
      return typeof ort.InferenceSession?.create === "function"
        ? /** @type {const} */ ({ ok: true, ort })
        : /** @type {const} */ ({ ok: false, reason: "onnxruntime-node loaded without InferenceSession" });
    },
    (err) =>
      /** @type {const} */ ({ ok: false, reason: `onnxruntime-node could not load: ${err instanceof Error ? err.message : String(err)}` }),
  );
  return loading;
}

/**
 * Whether the CUDA execution provider's library was installed next to the CPU
 * binaries (on a GPU host: see docs/PROTOTYPES.md#engines; `npm ci` here skips it).
 * @returns {boolean}
 */
export function cudaProviderInstalled() {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve("onnxruntime-node")), "..", "bin", "napi-v6", process.platform, process.arch);
    return existsSync(path.join(dir, "libonnxruntime_providers_cuda.so"));
  } catch {
    return false;
  }
}

/**
 * One inference session. `threads` is ONNX Runtime's intra-op pool: 1 inside a
 * pool of one worker per core, so the cores are shared between workers and never
 * oversubscribed. With `cuda` it tries the CUDA provider first and says why it fell back.
 * @param {Uint8Array} model ONNX bytes
 * @param {{ threads: number, cuda?: boolean }} options
 * @returns {Promise<{ session: Session, engine: OrtEngine, fallbackReason?: string }>}
 */
export async function createSession(model, { threads, cuda = false }) {
  const loaded = await loadOrt();
  if (!loaded.ok) throw new Error(loaded.reason);
  const { ort } = loaded;
  /** @type {import("onnxruntime-node").InferenceSession.SessionOptions} */
  const base = {
    intraOpNumThreads: Math.max(1, threads),
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
    executionMode: "sequential",
  };
  /** @type {string | undefined} */
  let fallbackReason;
  if (cuda) {
    if (cudaProviderInstalled()) {
      try {
        const session = await ort.InferenceSession.create(model, { ...base, executionProviders: ["cuda", "cpu"] });
        return { session, engine: "onnxruntime-cuda" };
      } catch (err) {
        fallbackReason = `the CUDA provider did not start (${err instanceof Error ? err.message : String(err)})`;
      }
    } else {
      fallbackReason = "the CUDA provider of onnxruntime-node is not installed (npm run ml:install-onnx-cuda on a GPU host)";
    }
  }
  const session = await ort.InferenceSession.create(model, { ...base, executionProviders: ["cpu"] });
  return fallbackReason ? { session, engine: "onnxruntime-cpu", fallbackReason } : { session, engine: "onnxruntime-cpu" };
}

/**
 * Runs an NHWC float batch through a one-input, one-output session.
 * @param {Session} session
 * @param {Float32Array} data count × height × width × 3 values
 * @param {number} count
 * @param {{ height: number, width: number }} size
 * @returns {Promise<Float32Array<ArrayBuffer>>} count × outputWidth values
 */
export async function runBatch(session, data, count, { height, width }) {
  if (count === 0) return new Float32Array(0);
  const loaded = await loadOrt();
  if (!loaded.ok) throw new Error(loaded.reason);
  const input = new loaded.ort.Tensor("float32", data, [count, height, width, 3]);
  const outputs = await session.run({ [session.inputNames[0] ?? "image"]: input });
  const output = outputs[session.outputNames[0] ?? "output"];
  if (!output) throw new Error("the ONNX model produced no output");
  // Copy out of ONNX Runtime's buffer so the result can be transferred to another thread.
  return new Float32Array(/** @type {Float32Array} */ (output.data));
}
