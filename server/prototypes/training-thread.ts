import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { defaultWasmDir } from "@/ml/backend";
import type { BackboneSpec, BackendName, EpochLog, SerializedModel, TrainSettings } from "@/ml/types";

/** What the training thread needs; everything here is cloned into the worker. */
export type TrainJob =
  | {
      mode: "embeddings";
      embeddings: Float32Array;
      dim: number;
      labels: Int32Array;
      classCount: number;
      train: number[];
      validation: number[];
      classWeights: number[];
      settings: TrainSettings;
    }
  | {
      mode: "images";
      paths: string[];
      labels: Int32Array;
      classCount: number;
      train: number[];
      validation: number[];
      classWeights: number[];
      settings: TrainSettings;
      backbone: { spec: BackboneSpec; model: SerializedModel };
      trainBackbone: boolean;
    };

export interface TrainResult {
  model: SerializedModel;
  /** "head": input is the backbone's embedding; "full": input is the image. */
  modelKind: "head" | "full";
  history: EpochLog[];
  bestEpoch: number;
  stoppedEarly: boolean;
  /** Indices (into the job's rows) that were evaluated, in the order of the probabilities. */
  validationRows: number[];
  validationProbabilities: Float32Array;
  skipped: Array<{ index: number; error: string }>;
}

export class TrainingCancelledError extends Error {
  override name = "AbortError";
  constructor() {
    super("Training was cancelled");
  }
}

export function trainWorkerScript(cwd: string = process.cwd()): string {
  return path.join(/* turbopackIgnore: true */ cwd, "ml", "workers", "train-worker.mjs");
}

/**
 * Trains in a worker thread (the maths never runs on the web server's event
 * loop). Aborting the signal asks the thread to stop after the current batch; a
 * thread that does not stop within 10 s is terminated.
 */
export function trainInThread(options: {
  job: TrainJob;
  backend: BackendName;
  signal?: AbortSignal;
  onEpoch?: (log: EpochLog) => void;
  onBatch?: (done: number, total: number) => void;
  onReady?: (info: { backend: BackendName; fallbackReason?: string }) => void;
  workerScript?: string;
}): Promise<TrainResult> {
  const script = options.workerScript ?? trainWorkerScript();
  if (!existsSync(script)) return Promise.reject(new Error(`Training worker script not found at ${script}`));
  return new Promise<TrainResult>((resolve, reject) => {
    const worker = new Worker(script, { workerData: { backend: options.backend, wasmDir: defaultWasmDir(), job: options.job } });
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => {
      worker.postMessage({ type: "cancel" });
      killTimer = setTimeout(() => finish(() => reject(new TrainingCancelledError())), 10_000);
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (message: WorkerMessage) => {
      switch (message.type) {
        case "ready":
          options.onReady?.({ backend: message.backend, ...(message.fallbackReason ? { fallbackReason: message.fallbackReason } : {}) });
          break;
        case "epoch":
          options.onEpoch?.(message.log);
          break;
        case "batch":
          options.onBatch?.(message.done, message.total);
          break;
        case "done":
          finish(() => resolve(message.result));
          break;
        case "cancelled":
          finish(() => reject(new TrainingCancelledError()));
          break;
        case "error":
          finish(() => reject(new Error(message.message)));
          break;
      }
    });
    worker.on("error", (err) => finish(() => reject(new Error(`training thread failed: ${err.message}`))));
    worker.on("exit", (code) => finish(() => reject(new Error(`training thread exited with code ${code}`))));
  });
}

type WorkerMessage =
  | { type: "ready"; backend: BackendName; fallbackReason?: string }
  | { type: "epoch"; log: EpochLog }
  | { type: "batch"; done: number; total: number }
  | { type: "done"; result: TrainResult }
  | { type: "cancelled" }
  | { type: "error"; message: string };
