// @ts-check
// Embedding thread on ONNX Runtime: one per core, each with its own session of the
// backbone's ONNX file (one intra-op thread), because session.run blocks the
// thread it runs on. Same messages as ml/runtime/tfjs-embed-worker.mjs, so one pool
// drives either engine.
// workerData: { onnx: Uint8Array, spec: BackboneSpec, threads: number, cuda: boolean }
// Messages in:  { type: "embed", jobId, images: Array<string | Uint8Array> }
// Messages out: { type: "ready", backend: OrtEngine, fallbackReason? } | { type: "init-error", message }
//               { type: "result", jobId, embeddings: Float32Array, okIndices, errors } | { type: "error", jobId, message }
import { parentPort, workerData } from "node:worker_threads";
import { preprocessBatch } from "./preprocess.mjs";
import { createSession, runBatch } from "./ort.mjs";

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
const data = /** @type {{ onnx: Uint8Array, spec: import("../types").BackboneSpec, threads: number, cuda: boolean }} */ (workerData);
const { spec } = data;

const ready = createSession(data.onnx, { threads: data.threads, cuda: data.cuda });
ready.then(
  ({ engine, fallbackReason }) => port.postMessage({ type: "ready", backend: engine, fallbackReason }),
  (err) => port.postMessage({ type: "init-error", message: err instanceof Error ? err.message : String(err) }),
);

// Inference runs one batch at a time; the next batch decodes (sharp, on libuv threads) meanwhile.
/** @type {Promise<void>} */
let queue = Promise.resolve();
port.on("message", (/** @type {{ type: string, jobId: number, images: Array<string | Uint8Array> }} */ message) => {
  if (message?.type !== "embed") return;
  const { jobId, images } = message;
  const decoded = preprocessBatch(images, spec.preprocess);
  queue = queue.then(async () => {
    try {
      const { session } = await ready;
      const { data: pixels, okIndices, errors } = await decoded;
      const embeddings = await runBatch(session, pixels, okIndices.length, spec.preprocess);
      port.postMessage({ type: "result", jobId, embeddings, okIndices, errors }, [embeddings.buffer]);
    } catch (err) {
      port.postMessage({ type: "error", jobId, message: err instanceof Error ? err.message : String(err) });
    }
  });
});
