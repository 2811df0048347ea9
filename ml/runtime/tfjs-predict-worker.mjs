// @ts-check
// Prediction thread: keeps trained classifiers (one self-contained model per run,
// image in, probabilities out) loaded and answers prediction requests, off the
// web server's event loop.
// workerData: { backend: "wasm" | "cpu", wasmDir }
// Messages in:  { type: "load", key, model: SerializedModel, preprocess }   (preprocess: height, width, inputRange, background)
//               { type: "unload", key }
//               { type: "predict", id, modelKey, images: Uint8Array[] }
// Messages out: { type: "ready", backend } | { type: "init-error", message }
//               { type: "result", id, probabilities: Float32Array, okIndices, errors, classCount } | { type: "error", id, message }
import { parentPort, workerData } from "node:worker_threads";
import { preprocessBatch } from "./preprocess.mjs";
import { activateCpu, activateWasm, errorMessage, instantiateModel, tf } from "./tf-runtime.mjs";

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
/** @type {Map<string, { model: any, preprocess: any }>} */
const loaded = new Map();

async function init() {
  if (workerData.backend === "wasm" && (await activateWasm(workerData.wasmDir)).ok) return "wasm";
  const cpu = await activateCpu();
  if (!cpu.ok) throw new Error(cpu.reason);
  return "cpu";
}

const ready = init();
ready.then(
  (backend) => port.postMessage({ type: "ready", backend }),
  (err) => port.postMessage({ type: "init-error", message: errorMessage(err) }),
);

// One message at a time, in order: a "load" always lands before the "predict" that needs it.
let queue = Promise.resolve();
port.on("message", (message) => {
  queue = queue.then(() => handle(message)).catch(() => undefined);
});

/** @param {any} message */
async function handle(message) {
  await ready;
  if (message.type === "load") {
    loaded.get(message.key)?.model.dispose();
    loaded.set(message.key, { model: await instantiateModel(message.model), preprocess: message.preprocess });
    return;
  }
  if (message.type === "unload") {
    loaded.get(message.key)?.model.dispose();
    loaded.delete(message.key);
    return;
  }
  if (message.type !== "predict") return;
  try {
    const entry = loaded.get(message.modelKey);
    if (!entry) throw new Error(`model ${message.modelKey} is not loaded`);
    const { preprocess } = entry;
    const { data, okIndices, errors } = await preprocessBatch(message.images, preprocess);
    let probabilities = new Float32Array(0);
    if (okIndices.length > 0) {
      const input = tf.tensor4d(data, [okIndices.length, preprocess.height, preprocess.width, 3]);
      const output = tf.tidy(() => {
        const raw = entry.model.predict(input);
        return Array.isArray(raw) ? raw[0] : raw;
      });
      input.dispose();
      try {
        probabilities = new Float32Array(await output.data());
      } finally {
        output.dispose();
      }
    }
    const classCount = okIndices.length > 0 ? probabilities.length / okIndices.length : 0;
    port.postMessage({ type: "result", id: message.id, probabilities, okIndices, errors, classCount }, [probabilities.buffer]);
  } catch (err) {
    port.postMessage({ type: "error", id: message.id, message: errorMessage(err) });
  }
}
