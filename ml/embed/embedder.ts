import os from "node:os";
import { defaultWasmDir } from "../backend/wasm-dir";
import { cudaProviderInstalled } from "../runtime/ort.mjs";
import type { BackendInfo, EmbeddedImage, ImageRef, InferenceEngine, LoadedBackbone } from "../types";
import { InProcessExecutor, WorkerPoolExecutor, type BatchExecutor } from "./executors";
import { embedStream, type EmbedStreamOptions } from "./stream";

export interface EmbedderOptions {
  backbone: LoadedBackbone;
  /** The process's backend (from selectBackend): libtensorflow runs in-process, wasm/cpu in worker threads. */
  backend: BackendInfo;
  /** Worker threads for wasm/cpu; default backend.threads (one per core). */
  workers?: number;
  wasmDir?: string;
  /** Path of ml/runtime/tfjs-embed-worker.mjs when the process does not start in the repository root. */
  workerScript?: string;
  /** "auto" (default): ONNX Runtime when the backbone has an ONNX file and the runtime loads, else TF.js. */
  engine?: "auto" | "onnxruntime" | "tfjs";
}

export interface Embedder {
  /** The engine that computes the embeddings (shown in the UI and the health report). */
  readonly engine: InferenceEngine;
  readonly mode: "worker-threads" | "in-process";
  /** Threads doing the maths: pool size, or the backend's own thread count in-process. */
  readonly threads: number;
  /** Images per batch unless `embed` is told otherwise. */
  readonly batchSize: number;
  /** Set when a faster engine was passed over: ONNX Runtime unavailable, or WASM failed and the cpu backend runs. */
  readonly fallbackReason?: string;
  /** Streams embeddings batch by batch. One call runs at a time; a second waits for the first. */
  embed(images: Iterable<ImageRef> | AsyncIterable<ImageRef>, options?: EmbedStreamOptions): AsyncGenerator<EmbeddedImage[]>;
  close(): Promise<void>;
}

export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const { backend } = options;
  const onnx = await startOnnxPool(options);
  if (onnx.pool)
    return wrap(
      onnx.pool,
      onnx.pool.info.backend as InferenceEngine,
      "worker-threads",
      onnx.pool.info.workers,
      onnx.pool.info.fallbackReason,
    );
  const skipped = onnx.reason;
  if (backend.backend === "tensorflow" || backend.backend === "tensorflow-gpu") {
    return wrap(await InProcessExecutor.start(options.backbone), `tfjs-${backend.backend}`, "in-process", backend.threads, skipped);
  }
  const pool = await WorkerPoolExecutor.start({
    backbone: options.backbone,
    backend: backend.backend,
    workers: options.workers ?? backend.threads,
    wasmDir: options.wasmDir ?? defaultWasmDir(),
    ...(options.workerScript ? { workerScript: options.workerScript } : {}),
  });
  const reasons = [skipped, pool.info.fallbackReason].filter(Boolean).join("; ");
  return wrap(pool, `tfjs-${pool.info.backend as "wasm" | "cpu"}`, "worker-threads", pool.info.workers, reasons || undefined);
}

/**
 * The ONNX Runtime pool, or why TF.js runs instead. On a libtensorflow GPU host
 * without ONNX Runtime's CUDA provider, the GPU beats ONNX Runtime on the CPU, so TF.js keeps it.
 */
async function startOnnxPool(options: EmbedderOptions): Promise<{ pool?: WorkerPoolExecutor; reason?: string }> {
  const engine = options.engine ?? "auto";
  if (engine === "tfjs") return {};
  if (!options.backbone.onnx) return { reason: `${options.backbone.spec.id} has no ONNX file, so TF.js computes its embeddings` };
  const gpu = options.backend.backend === "tensorflow-gpu";
  if (gpu && engine === "auto" && !cudaProviderInstalled())
    return { reason: "TF.js keeps the GPU: ONNX Runtime's CUDA provider is not installed" };
  try {
    const pool = await WorkerPoolExecutor.startOnnx({
      backbone: options.backbone,
      workers: options.workers ?? os.availableParallelism(),
      cuda: gpu,
    });
    return { pool };
  } catch (err) {
    if (engine === "onnxruntime") throw err;
    return { reason: `ONNX Runtime did not start (${err instanceof Error ? err.message : String(err)}); TF.js runs instead` };
  }
}

function wrap(
  executor: BatchExecutor,
  engine: InferenceEngine,
  mode: Embedder["mode"],
  threads: number,
  fallbackReason?: string,
): Embedder {
  let turn: Promise<void> = Promise.resolve();
  return {
    engine,
    mode,
    threads,
    batchSize: executor.batchSize,
    ...(fallbackReason ? { fallbackReason } : {}),
    async *embed(images, streamOptions) {
      const previous = turn;
      let release!: () => void;
      turn = new Promise((resolve) => (release = resolve));
      await previous;
      try {
        yield* embedStream(executor, images, streamOptions);
      } finally {
        release();
      }
    },
    close: () => executor.close(),
  };
}

/** One-shot helper: start an embedder, collect every result, stop it. */
export async function extractEmbeddings(
  options: EmbedderOptions & EmbedStreamOptions & { images: Iterable<ImageRef> | AsyncIterable<ImageRef> },
): Promise<EmbeddedImage[]> {
  const { images, batchSize, signal, onProgress, total, ...embedderOptions } = options;
  const embedder = await createEmbedder(embedderOptions);
  try {
    const results: EmbeddedImage[] = [];
    const streamOptions: EmbedStreamOptions = {};
    if (batchSize !== undefined) streamOptions.batchSize = batchSize;
    if (signal) streamOptions.signal = signal;
    if (onProgress) streamOptions.onProgress = onProgress;
    if (total !== undefined) streamOptions.total = total;
    for await (const batch of embedder.embed(images, streamOptions)) results.push(...batch);
    return results;
  } finally {
    await embedder.close();
  }
}
