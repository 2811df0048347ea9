// @ts-check
// One embedding worker thread: its own TF.js engine on WASM (WASM runs one thread
// per engine here, so the pool starts one worker per core), the backbone loaded
// from the bytes the main thread verified, and the shared preprocessing.
// Messages in:  { type: "embed", jobId, images: Array<string | Uint8Array> } (file paths or encoded bytes)
// Messages out: { type: "ready", backend, fallbackReason? } | { type: "init-error", message }
//               { type: "result", jobId, embeddings: Float32Array, okIndices, errors }
//               { type: "error", jobId, message }
import { parentPort, workerData } from "node:worker_threads";
import { preprocessBatch } from "./preprocess.mjs";
import { activateCpu, activateWasm, embedBatch, errorMessage, instantiateModel } from "./tf-runtime.mjs";

/** @type {{ backend: "wasm" | "cpu", wasmDir: string, model: import("../types").SerializedModel, spec: import("../types").BackboneSpec }} */
const { backend, wasmDir, model: serialized, spec } = workerData;
const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);

async function init() {
  let active = backend;
  let fallbackReason;
  if (backend === "wasm") {
    const wasm = await activateWasm(wasmDir);
    if (!wasm.ok) {
      fallbackReason = wasm.reason;
      active = "cpu";
    }
  }
  if (active === "cpu") {
    const cpu = await activateCpu();
    if (!cpu.ok) throw new Error(cpu.reason);
  }
  const model = await instantiateModel(serialized);
  // Warm-up: the first run compiles kernels and allocates; keep it out of the timings.
  const { height, width } = spec.preprocess;
  await embedBatch(model, spec, new Float32Array(height * width * 3), 1);
  return { model, active, fallbackReason };
}

const ready = init();
ready.then(
  ({ active, fallbackReason }) => port.postMessage({ type: "ready", backend: active, fallbackReason }),
  (err) => port.postMessage({ type: "init-error", message: errorMessage(err) }),
);

// Inference runs one batch at a time, but decoding of the next batch starts as
// soon as it arrives (sharp decodes on libuv threads), overlapping the two.
let queue = Promise.resolve();
port.on("message", (message) => {
  if (message?.type !== "embed") return;
  const { jobId, images } = message;
  const decoded = preprocessBatch(images, spec.preprocess);
  queue = queue.then(async () => {
    try {
      const { model } = await ready;
      const { data, okIndices, errors } = await decoded;
      const raw = await embedBatch(model, spec, data, okIndices.length);
      const embeddings = new Float32Array(raw);
      port.postMessage({ type: "result", jobId, embeddings, okIndices, errors }, [embeddings.buffer]);
    } catch (err) {
      port.postMessage({ type: "error", jobId, message: errorMessage(err) });
    }
  });
});
