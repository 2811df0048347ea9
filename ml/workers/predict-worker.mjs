// Prediction thread: keeps trained models (and the backbone they sit on) loaded
// and answers prediction requests, off the web server's event loop.
// workerData: { backend: "wasm" | "cpu", wasmDir }
// Messages in:  { type: "load", key, model: SerializedModel, spec }   (spec: BackboneSpec for a backbone, or { preprocess } for a full model)
//               { type: "unload", key }
//               { type: "predict", id, backboneKey?, modelKey, images: Uint8Array[] }
// Messages out: { type: "ready", backend } | { type: "result", id, probabilities: Float32Array, okIndices, errors, classCount }
//               { type: "error", id, message }
import { parentPort, workerData } from "node:worker_threads";
import { preprocessBatch } from "./preprocess.mjs";
import { activateCpu, activateWasm, embedBatch, errorMessage, instantiateModel, tf } from "./tf-runtime.mjs";

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
/** @type {Map<string, { model: any, spec: any }>} */
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

let queue = Promise.resolve();
port.on("message", (message) => {
  queue = queue.then(() => handle(message)).catch(() => undefined);
});

/** @param {any} message */
async function handle(message) {
  await ready;
  if (message.type === "load") {
    loaded.get(message.key)?.model.dispose();
    loaded.set(message.key, { model: await instantiateModel(message.model), spec: message.spec });
    return;
  }
  if (message.type === "unload") {
    loaded.get(message.key)?.model.dispose();
    loaded.delete(message.key);
    return;
  }
  if (message.type !== "predict") return;
  try {
    const classifier = loaded.get(message.modelKey);
    if (!classifier) throw new Error(`model ${message.modelKey} is not loaded`);
    const backbone = message.backboneKey ? loaded.get(message.backboneKey) : undefined;
    if (message.backboneKey && !backbone) throw new Error(`backbone ${message.backboneKey} is not loaded`);
    const preprocess = backbone ? backbone.spec.preprocess : classifier.spec.preprocess;
    const { data, okIndices, errors } = await preprocessBatch(message.images, preprocess);
    let probabilities;
    if (okIndices.length === 0) {
      probabilities = new Float32Array(0);
    } else if (backbone) {
      const embeddings = await embedBatch(backbone.model, backbone.spec, data, okIndices.length);
      const dim = embeddings.length / okIndices.length;
      probabilities = await run(classifier.model, tf.tensor2d(embeddings, [okIndices.length, dim]));
    } else {
      probabilities = await run(classifier.model, tf.tensor4d(data, [okIndices.length, preprocess.height, preprocess.width, 3]));
    }
    const classCount = okIndices.length > 0 ? probabilities.length / okIndices.length : 0;
    const copy = new Float32Array(probabilities);
    port.postMessage({ type: "result", id: message.id, probabilities: copy, okIndices, errors, classCount }, [copy.buffer]);
  } catch (err) {
    port.postMessage({ type: "error", id: message.id, message: errorMessage(err) });
  }
}

/** @param {any} model @param {any} input */
async function run(model, input) {
  const output = tf.tidy(() => /** @type {any} */ (model.predict(input)));
  input.dispose();
  try {
    return /** @type {Float32Array} */ (await output.data());
  } finally {
    output.dispose();
  }
}
