import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { preprocessBatch } from "../runtime/preprocess.mjs";
import { embedBatch, errorMessage, instantiateModel } from "../runtime/tf-runtime.mjs";
import type { OrtEngine } from "../runtime/ort.mjs";
import type { LoadedBackbone } from "../types";

/** What one batch gives back: embeddings for the images that decoded, errors for the rest. */
export interface BatchOutput {
  /** okIndices.length × embeddingSize values, in okIndices order. */
  embeddings: Float32Array;
  okIndices: number[];
  errors: Array<string | null>;
}

/** An image file path, or encoded image bytes. */
export type ImageSource = string | Uint8Array;

/** Runs batches of images through the backbone; `slots` batches may be in flight at once. */
export interface BatchExecutor {
  readonly slots: number;
  /** Images per batch when the caller does not choose. */
  readonly batchSize: number;
  run(images: ImageSource[]): Promise<BatchOutput>;
  close(): Promise<void>;
}

/**
 * Runs in the calling thread. For libtensorflow (tfjs-node / tfjs-node-gpu),
 * whose kernels run on native threads (or the GPU) and leave the event loop free.
 */
export class InProcessExecutor implements BatchExecutor {
  // Two in flight: the next batch decodes while the current one runs.
  readonly slots = 2;
  readonly batchSize = TFJS_BATCH;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly backbone: LoadedBackbone,
    private readonly model: Awaited<ReturnType<typeof instantiateModel>>,
  ) {}

  static async start(backbone: LoadedBackbone): Promise<InProcessExecutor> {
    return new InProcessExecutor(backbone, await instantiateModel(backbone.model));
  }

  run(images: ImageSource[]): Promise<BatchOutput> {
    const decoded = preprocessBatch(images, this.backbone.spec.preprocess);
    const result = this.queue.then(async () => {
      const { data, okIndices, errors } = await decoded;
      const embeddings = await embedBatch(this.model, this.backbone.spec, data, okIndices.length);
      return { embeddings, okIndices, errors };
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.model.dispose();
  }
}

/** Where the worker script lives. A real file on disk: see ml/runtime/README.md. */
export function defaultWorkerScript(cwd: string = process.cwd()): string {
  return path.join(/* turbopackIgnore: true */ cwd, "ml", "runtime", "tfjs-embed-worker.mjs");
}

interface PendingJob {
  resolve: (output: BatchOutput) => void;
  reject: (err: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, PendingJob>;
}

export interface WorkerPoolInfo {
  workers: number;
  /** What the workers actually run: an ONNX Runtime provider, or TF.js ("cpu" if WASM failed inside them). */
  backend: PoolBackend;
  fallbackReason?: string;
}

type PoolBackend = "wasm" | "cpu" | OrtEngine;

/** Where the ONNX Runtime embedding worker lives (a real file on disk, like the TF.js one). */
export function defaultOnnxWorkerScript(cwd: string = process.cwd()): string {
  return path.join(/* turbopackIgnore: true */ cwd, "ml", "runtime", "onnx-embed-worker.mjs");
}

/** TF.js: larger batches were no faster on WASM and grew each worker's heap, which never shrinks. */
const TFJS_BATCH = 8;

/**
 * ONNX Runtime: inference costs the same per image at batches of 2, 4 or 8 (3.8–4.0 CPU ms per 224² image on
 * one thread with the block-10 backbone), while each session's memory arena keeps the largest batch's
 * activations: with two workers, batches of 4 peak about 110 MB lower than 8 (docs/BENCHMARKS.md).
 */
export const ONNX_BATCH = 4;

/** One worker thread per core, each with its own WASM (or cpu) TF.js engine and a copy of the backbone. */
export class WorkerPoolExecutor implements BatchExecutor {
  readonly slots: number;
  private nextJobId = 1;
  private broken: Error | undefined;

  private constructor(
    private readonly workers: PoolWorker[],
    readonly info: WorkerPoolInfo,
    readonly batchSize: number,
  ) {
    this.slots = workers.length * 2;
  }

  static async start(options: {
    backbone: LoadedBackbone;
    backend: "wasm" | "cpu";
    workers: number;
    wasmDir: string;
    workerScript?: string;
  }): Promise<WorkerPoolExecutor> {
    const workerData = { backend: options.backend, wasmDir: options.wasmDir, model: options.backbone.model, spec: options.backbone.spec };
    return WorkerPoolExecutor.launch(options.workerScript ?? defaultWorkerScript(), workerData, options.workers, TFJS_BATCH);
  }

  /** One ONNX Runtime session per worker thread, one intra-op thread each: the backbone's ONNX file must be present. */
  static async startOnnx(options: {
    backbone: LoadedBackbone;
    workers: number;
    cuda: boolean;
    workerScript?: string;
  }): Promise<WorkerPoolExecutor> {
    if (!options.backbone.onnx) throw new Error(`${options.backbone.spec.id} has no ONNX file`);
    const workerData = { onnx: options.backbone.onnx, spec: options.backbone.spec, threads: 1, cuda: options.cuda };
    return WorkerPoolExecutor.launch(options.workerScript ?? defaultOnnxWorkerScript(), workerData, options.workers, ONNX_BATCH);
  }

  private static async launch(script: string, workerData: unknown, workers: number, batchSize: number): Promise<WorkerPoolExecutor> {
    if (!existsSync(script)) {
      throw new Error(`Embedding worker script not found at ${script}: start the process from the repository root or pass workerScript`);
    }
    const started = Array.from({ length: Math.max(1, workers) }, () => startWorker(script, workerData));
    const results = await Promise.allSettled(started);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    if (failed) {
      await Promise.all(ok.map(({ poolWorker }) => poolWorker.worker.terminate()));
      throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
    }
    const first = ok[0]!;
    const info: WorkerPoolInfo = { workers: ok.length, backend: first.backend };
    if (first.fallbackReason) info.fallbackReason = first.fallbackReason;
    const pool = new WorkerPoolExecutor(
      ok.map((r) => r.poolWorker),
      info,
      batchSize,
    );
    for (const poolWorker of pool.workers) pool.watch(poolWorker);
    return pool;
  }

  run(images: ImageSource[]): Promise<BatchOutput> {
    if (this.broken) return Promise.reject(this.broken);
    // Least loaded worker: with two jobs per worker this keeps every core busy.
    const target = this.workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
    const jobId = this.nextJobId++;
    return new Promise<BatchOutput>((resolve, reject) => {
      target.pending.set(jobId, { resolve, reject });
      target.worker.postMessage({ type: "embed", jobId, images });
    });
  }

  async close(): Promise<void> {
    this.broken ??= new Error("embedding pool closed");
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private watch(poolWorker: PoolWorker): void {
    const { worker, pending } = poolWorker;
    worker.on("message", (message: WorkerMessage) => {
      if (message.type !== "result" && message.type !== "error") return;
      const job = pending.get(message.jobId);
      if (!job) return;
      pending.delete(message.jobId);
      if (message.type === "result") {
        job.resolve({ embeddings: message.embeddings, okIndices: message.okIndices, errors: message.errors });
      } else {
        job.reject(new Error(`embedding batch failed: ${message.message}`));
      }
    });
    const fail = (reason: string) => {
      // A dead worker takes its jobs with it; fail the pool so the run is marked failed, not left hanging.
      this.broken ??= new Error(`embedding worker stopped: ${reason}`);
      for (const job of pending.values()) job.reject(this.broken);
      pending.clear();
    };
    worker.on("error", (err) => fail(errorMessage(err)));
    worker.on("exit", (code) => fail(`exited with code ${code}`));
  }
}

type WorkerMessage =
  | { type: "ready"; backend: PoolBackend; fallbackReason?: string }
  | { type: "init-error"; message: string }
  | { type: "result"; jobId: number; embeddings: Float32Array; okIndices: number[]; errors: Array<string | null> }
  | { type: "error"; jobId: number; message: string };

function startWorker(
  script: string,
  workerData: unknown,
): Promise<{ poolWorker: PoolWorker; backend: PoolBackend; fallbackReason?: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData });
    const onError = (err: Error) => reject(new Error(`embedding worker failed to start: ${err.message}`));
    const onExit = (code: number) => reject(new Error(`embedding worker exited during start-up (code ${code})`));
    worker.once("error", onError);
    worker.once("exit", onExit);
    worker.once("message", (message: WorkerMessage) => {
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (message.type === "ready") {
        const started: { poolWorker: PoolWorker; backend: PoolBackend; fallbackReason?: string } = {
          poolWorker: { worker, pending: new Map() },
          backend: message.backend,
        };
        if (message.fallbackReason) started.fallbackReason = message.fallbackReason;
        resolve(started);
      } else {
        void worker.terminate();
        reject(new Error(`embedding worker failed to start: ${message.type === "init-error" ? message.message : message.type}`));
      }
    });
  });
}
