// The training worker thread: its own TF.js engine (WASM, or cpu if WASM fails),
// one job, then it exits. Keeps the optimiser's arithmetic off the web server's
// event loop. Cancellation is a shared flag read between batches, so it works
// even while the thread is busy.
// workerData: { backend: "wasm" | "cpu", wasmDir: string, cancelFlag: SharedArrayBuffer }
// Messages in:  the TrainingJob (once)
// Messages out: { type: "ready", backend, fallbackReason? } | { type: "epoch", log }
//               { type: "batch", done, total } | { type: "select", step } | { type: "done", result }
//               { type: "cancelled" } | { type: "error", message }
import { parentPort, workerData } from "node:worker_threads";
import { activateCpu, activateWasm, errorMessage } from "../workers/tf-runtime.mjs";
import { TrainingCancelled } from "./fit.mjs";
import { runTrainingJob } from "./run-job.mjs";
import { registerWasmTrainingKernels } from "./wasm-training-kernels.mjs";

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
const { backend, wasmDir, cancelFlag } = workerData;
const cancelled = new Int32Array(cancelFlag);

async function activate() {
  if (backend === "wasm") {
    const wasm = await activateWasm(wasmDir);
    if (wasm.ok) {
      registerWasmTrainingKernels();
      return { backend: "wasm" };
    }
    const cpu = await activateCpu();
    if (!cpu.ok) throw new Error(`${wasm.reason}; ${cpu.reason}`);
    return { backend: "cpu", fallbackReason: wasm.reason };
  }
  const cpu = await activateCpu();
  if (!cpu.ok) throw new Error(cpu.reason);
  return { backend: "cpu" };
}

const active = activate();
active.then(
  (info) => port.postMessage({ type: "ready", ...info }),
  (err) => port.postMessage({ type: "error", message: `could not start TF.js: ${errorMessage(err)}` }),
);

port.once("message", async (job) => {
  try {
    await active;
    let lastBatchPost = 0;
    const result = await runTrainingJob(job, {
      isCancelled: () => Atomics.load(cancelled, 0) === 1,
      onEpoch: (log) => port.postMessage({ type: "epoch", log }),
      onSelectStep: (step) => port.postMessage({ type: "select", step }),
      onBatch: (done, total) => {
        // Enough for a live progress bar, not a message per batch.
        const now = Date.now();
        if (now - lastBatchPost < 500 && done < total) return;
        lastBatchPost = now;
        port.postMessage({ type: "batch", done, total });
      },
    });
    port.postMessage({ type: "done", result }, [result.model.weightData, result.validationProbabilities.buffer]);
  } catch (err) {
    if (err instanceof TrainingCancelled) port.postMessage({ type: "cancelled" });
    else port.postMessage({ type: "error", message: errorMessage(err) });
  }
});
