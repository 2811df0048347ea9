import type { EmbeddedImage, ImageRef, Progress } from "../types";
import type { BatchExecutor, BatchOutput } from "./executors";

export interface EmbedStreamOptions {
  /** Images per batch sent to a worker; default: the executor's (8 on TF.js, 4 on ONNX Runtime: see executors.ts). */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Total for progress when `images` is an async iterator (arrays count themselves). */
  total?: number;
}

interface Ref {
  id: string;
  path?: string;
  source: string | Uint8Array;
}

function toRef(image: ImageRef): Ref {
  if (typeof image === "string") return { id: image, path: image, source: image };
  return "path" in image ? { id: image.id, path: image.path, source: image.path } : { id: image.id, source: image.data };
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException("Embedding extraction was cancelled", "AbortError");
}

/**
 * Pulls images from `images` only as fast as the executor takes them (at most
 * `slots` batches in flight), so a 20,000-image project never has more than a
 * few batches of decoded pixels in memory. Yields each finished batch, in the
 * order batches finish; every item carries its id.
 */
export async function* embedStream(
  executor: BatchExecutor,
  images: Iterable<ImageRef> | AsyncIterable<ImageRef>,
  options: EmbedStreamOptions = {},
): AsyncGenerator<EmbeddedImage[]> {
  const batchSize = Math.max(1, options.batchSize ?? executor.batchSize);
  const total = Array.isArray(images) ? images.length : options.total;
  const iterator = toAsyncIterator(images);
  const { signal } = options;
  let exhausted = false;
  let done = 0;
  let nextKey = 0;
  const inFlight = new Map<number, Promise<{ key: number; refs: Ref[]; output: BatchOutput }>>();

  const readBatch = async (): Promise<Ref[]> => {
    const refs: Ref[] = [];
    while (refs.length < batchSize) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      refs.push(toRef(next.value));
    }
    return refs;
  };

  const aborted = signal
    ? new Promise<never>((_, reject) => {
        if (signal.aborted) reject(abortError(signal));
        signal.addEventListener("abort", () => reject(abortError(signal)), { once: true });
      })
    : undefined;
  aborted?.catch(() => undefined);

  try {
    options.onProgress?.(progressOf(0, total));
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      while (!exhausted && inFlight.size < executor.slots) {
        const refs = await readBatch();
        if (refs.length === 0) break;
        const key = nextKey++;
        const job = executor.run(refs.map((r) => r.source)).then((output) => ({ key, refs, output }));
        // Abandoned on cancel: keep a late failure from becoming an unhandled rejection.
        job.catch(() => undefined);
        inFlight.set(key, job);
      }
      if (inFlight.size === 0) return;
      const finished = await Promise.race(aborted ? [...inFlight.values(), aborted] : inFlight.values());
      inFlight.delete(finished.key);
      const batch = toEmbeddedImages(finished.refs, finished.output);
      done += batch.length;
      options.onProgress?.(progressOf(done, total));
      yield batch;
    }
  } finally {
    await iterator.return?.();
  }
}

function progressOf(done: number, total: number | undefined): Progress {
  return total === undefined ? { done } : { done, total };
}

function toEmbeddedImages(refs: Ref[], output: BatchOutput): EmbeddedImage[] {
  const dim = output.okIndices.length === 0 ? 0 : output.embeddings.length / output.okIndices.length;
  const items: EmbeddedImage[] = refs.map((ref, i) => ({
    id: ref.id,
    ...(ref.path !== undefined ? { path: ref.path } : {}),
    error: output.errors[i] ?? "not processed",
  }));
  output.okIndices.forEach((inputIndex, slot) => {
    const item = items[inputIndex]!;
    delete item.error;
    // A copy, so one kept embedding does not pin the whole batch buffer.
    item.embedding = output.embeddings.slice(slot * dim, (slot + 1) * dim);
  });
  return items;
}

function toAsyncIterator<T>(source: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in source) return (source as AsyncIterable<T>)[Symbol.asyncIterator]();
  const sync = (source as Iterable<T>)[Symbol.iterator]();
  return {
    next: async () => sync.next(),
    return: async () => sync.return?.() ?? { done: true, value: undefined },
  };
}
