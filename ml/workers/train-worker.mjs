// One training job in its own thread, so the web server's event loop stays free
// while a head (or the compact CNN) trains. Uses ml/train's trainers.
// workerData: { backend, wasmDir, job }  (job: see TrainJob in server/prototypes/training-thread.ts)
// Messages in:  { type: "cancel" }
// Messages out: { type: "ready", backend, fallbackReason? } | { type: "epoch", log } | { type: "batch", done, total }
//               { type: "done", result } | { type: "cancelled" } | { type: "error", message }
import { parentPort, workerData } from "node:worker_threads";
import { trainHeadOnEmbeddings } from "../train/embeddings-trainer.mjs";
import { TrainingCancelled } from "../train/fit.mjs";
import { trainOnImages } from "../train/image-trainer.mjs";
import { serializeModel } from "../train/serialize.mjs";
import { registerWasmTrainingKernels } from "../train/wasm-training-kernels.mjs";
import { activateCpu, activateWasm, errorMessage, tf } from "./tf-runtime.mjs";

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
const { backend, wasmDir, job } = workerData;
let cancelled = false;
port.on("message", (message) => {
  if (message?.type === "cancel") cancelled = true;
});

/** Native backends in a worker: the package registers "tensorflow" on import. */
async function activateNative(pkg) {
  try {
    await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ pkg);
    const ok = await tf.setBackend("tensorflow");
    return ok ? { ok: true } : { ok: false, reason: `${pkg} loaded but tf.setBackend("tensorflow") returned false` };
  } catch (err) {
    return { ok: false, reason: `${pkg} failed to load in the training thread: ${errorMessage(err)}` };
  }
}

async function activate() {
  /** @type {string | undefined} */
  let fallbackReason;
  if (backend === "tensorflow-gpu" || backend === "tensorflow") {
    const native = await activateNative(backend === "tensorflow-gpu" ? "@tensorflow/tfjs-node-gpu" : "@tensorflow/tfjs-node");
    if (native.ok) return { backend, fallbackReason };
    fallbackReason = native.reason;
  }
  if (backend !== "cpu") {
    const wasm = await activateWasm(wasmDir);
    if (wasm.ok) {
      registerWasmTrainingKernels();
      return { backend: "wasm", fallbackReason };
    }
    fallbackReason = [fallbackReason, wasm.reason].filter(Boolean).join("; ");
  }
  const cpu = await activateCpu();
  if (!cpu.ok) throw new Error(cpu.reason);
  return { backend: "cpu", fallbackReason };
}

async function run() {
  const active = await activate();
  port.postMessage({ type: "ready", ...active });
  const hooks = {
    onEpoch: (/** @type {unknown} */ log) => port.postMessage({ type: "epoch", log }),
    onBatch: (/** @type {number} */ done, /** @type {number} */ total) => port.postMessage({ type: "batch", done, total }),
    isCancelled: () => cancelled,
  };
  if (job.mode === "embeddings") {
    const result = await trainHeadOnEmbeddings({ ...job, ...hooks });
    const model = await serializeModel(result.head);
    result.head.dispose();
    return {
      model,
      modelKind: "head",
      history: result.history,
      bestEpoch: result.bestEpoch,
      stoppedEarly: result.stoppedEarly,
      validationRows: job.validation,
      validationProbabilities: result.validationProbabilities,
      skipped: [],
    };
  }
  const result = await trainOnImages({ ...job, ...hooks });
  const model = await serializeModel(result.model);
  result.model.dispose();
  return {
    model,
    modelKind: result.modelKind,
    history: result.history,
    bestEpoch: result.bestEpoch,
    stoppedEarly: result.stoppedEarly,
    validationRows: result.validationRows,
    validationProbabilities: result.validationProbabilities,
    skipped: result.skipped,
  };
}

run().then(
  (result) => port.postMessage({ type: "done", result }, [result.model.weightData]),
  (err) => {
    if (err instanceof TrainingCancelled || cancelled) port.postMessage({ type: "cancelled" });
    else port.postMessage({ type: "error", message: errorMessage(err) });
  },
);
