import { defaultWasmDir } from "../backend/wasm-dir";
import type { BackendInfo, EmbeddedImage, ImageRef, LoadedBackbone } from "../types";
import { InProcessExecutor, WorkerPoolExecutor, type BatchExecutor } from "./executors";
import { embedStream, type EmbedStreamOptions } from "./stream";

export interface EmbedderOptions {
  backbone: LoadedBackbone;
  /** The process's backend (from selectBackend): libtensorflow runs in-process, wasm/cpu in worker threads. */
  backend: BackendInfo;
  /** Worker threads for wasm/cpu; default backend.threads (one per core). */
  workers?: number;
  wasmDir?: string;
  /** Path of ml/workers/embed-worker.mjs when the process does not start in the repository root. */
  workerScript?: string;
}

export interface Embedder {
  readonly mode: "worker-threads" | "in-process";
  /** Threads doing the maths: pool size, or the backend's own thread count in-process. */
  readonly threads: number;
  /** Set when the workers could not start WASM and run the cpu backend instead. */
  readonly fallbackReason?: string;
  /** Streams embeddings batch by batch. One call runs at a time; a second waits for the first. */
  embed(images: Iterable<ImageRef> | AsyncIterable<ImageRef>, options?: EmbedStreamOptions): AsyncGenerator<EmbeddedImage[]>;
  close(): Promise<void>;
}

export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const { backend } = options;
  if (backend.backend === "tensorflow" || backend.backend === "tensorflow-gpu") {
    return wrap(await InProcessExecutor.start(options.backbone), "in-process", backend.threads);
  }
  const pool = await WorkerPoolExecutor.start({
    backbone: options.backbone,
    backend: backend.backend,
    workers: options.workers ?? backend.threads,
    wasmDir: options.wasmDir ?? defaultWasmDir(),
    ...(options.workerScript ? { workerScript: options.workerScript } : {}),
  });
  return wrap(pool, "worker-threads", pool.info.workers, pool.info.fallbackReason);
}

function wrap(executor: BatchExecutor, mode: Embedder["mode"], threads: number, fallbackReason?: string): Embedder {
  let turn: Promise<void> = Promise.resolve();
  return {
    mode,
    threads,
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
