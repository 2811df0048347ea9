// @ts-check
// Prediction thread on ONNX Runtime: holds one session per trained run (the
// export's whole classifier, image in, probabilities out) and answers prediction
// requests off the web server's event loop. Same messages as
// ml/runtime/tfjs-predict-worker.mjs, with ONNX bytes instead of a TF.js model.
// workerData: { threads: number, cuda: boolean }
// Messages in:  { type: "load", id, key, onnx: Uint8Array, preprocess } (answered "loaded" or "error") | { type: "unload", key }
//               { type: "predict", id, modelKey, images: Uint8Array[] }
// Messages out: { type: "ready", backend: OrtEngine } | { type: "init-error", message } | { type: "loaded", id }
//               { type: "result", id, probabilities: Float32Array, okIndices, errors, classCount } | { type: "error", id, message }
import { parentPort, workerData } from "node:worker_threads";
import { preprocessBatch } from "./preprocess.mjs";
import { createSession, loadOrt, runBatch } from "./ort.mjs";

/** @typedef {{ height: number, width: number, inputRange: [number, number], background: string }} Preprocess */

/** Images decoded ahead while the previous group runs: decoding (sharp, libuv threads) and inference overlap. */
const GROUP = 8;

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
const options = /** @type {{ threads: number, cuda: boolean }} */ (workerData);
/** @type {Map<string, { session: import("./ort.mjs").Session, preprocess: Preprocess }>} */
const loaded = new Map();
/** @type {import("./ort.mjs").OrtEngine} */
let engine = "onnxruntime-cpu";

loadOrt().then(
  (ort) => (ort.ok ? port.postMessage({ type: "ready", backend: engine }) : port.postMessage({ type: "init-error", message: ort.reason })),
  (err) => port.postMessage({ type: "init-error", message: String(err) }),
);

// One message at a time, in order: a "load" always lands before the "predict" that needs it.
/** @type {Promise<void>} */
let queue = Promise.resolve();
port.on("message", (/** @type {any} */ message) => {
  queue = queue.then(() => handle(message)).catch(() => undefined);
});

/** @param {any} message */
async function handle(message) {
  if (message.type === "load") {
    await release(message.key);
    try {
      const created = await createSession(message.onnx, { threads: options.threads, cuda: options.cuda });
      engine = created.engine;
      loaded.set(message.key, { session: created.session, preprocess: message.preprocess });
      port.postMessage({ type: "loaded", id: message.id });
    } catch (err) {
      port.postMessage({ type: "error", id: message.id, message: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  if (message.type === "unload") return release(message.key);
  if (message.type !== "predict") return;
  try {
    const entry = loaded.get(message.modelKey);
    if (!entry) throw new Error(`model ${message.modelKey} is not loaded`);
    const { session } = entry;
    const { probabilities, okIndices, errors } = await predictGroups(session, message.images, entry.preprocess);
    const classCount = okIndices.length > 0 ? probabilities.length / okIndices.length : 0;
    port.postMessage({ type: "result", id: message.id, probabilities, okIndices, errors, classCount, engine }, [probabilities.buffer]);
  } catch (err) {
    port.postMessage({ type: "error", id: message.id, message: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * Every group's decoding starts at once; inference takes the groups in order as they are ready.
 * @param {import("./ort.mjs").Session} session
 * @param {Uint8Array[]} images
 * @param {Preprocess} preprocess
 */
async function predictGroups(session, images, preprocess) {
  const groups = [];
  for (let start = 0; start < images.length; start += GROUP) {
    groups.push({ start, decoded: preprocessBatch(images.slice(start, start + GROUP), preprocess) });
  }
  /** @type {Float32Array[]} */
  const outputs = [];
  /** @type {number[]} */
  const okIndices = [];
  /** @type {Array<string | null>} */
  const errors = [];
  for (const { start, decoded } of groups) {
    const batch = await decoded;
    outputs.push(await runBatch(session, batch.data, batch.okIndices.length, preprocess));
    for (const index of batch.okIndices) okIndices.push(start + index);
    errors.push(...batch.errors);
  }
  const probabilities = new Float32Array(outputs.reduce((n, o) => n + o.length, 0));
  let offset = 0;
  for (const output of outputs) {
    probabilities.set(output, offset);
    offset += output.length;
  }
  return { probabilities, okIndices, errors };
}

/** @param {string} key */
async function release(key) {
  const entry = loaded.get(key);
  if (!entry) return;
  loaded.delete(key);
  await entry.session.release().catch(() => undefined);
}
