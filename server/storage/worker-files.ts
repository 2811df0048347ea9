import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { ObjectNotFoundError, readObject, type ObjectStorage } from "./object-storage";

/** Reads in flight at once: enough to hide an object store's round trip, few enough to bound memory. */
const READ_AHEAD = 8;

/**
 * Objects as files on this machine, for code that opens files itself (the training threads decode
 * each image again every epoch). Local disk hands out its own paths; other storage is copied into a
 * scratch folder that `cleanup` removes. A missing object gets a path that does not exist, so the
 * decoder reports that image as unreadable instead of failing the run.
 */
export async function localFiles(
  storage: ObjectStorage,
  keys: string[],
  options: { signal?: AbortSignal } = {},
): Promise<{ paths: string[]; cleanup: () => Promise<void> }> {
  const direct = keys.map((key) => storage.localPath(key));
  if (direct.every((p): p is string => p !== null)) return { paths: direct, cleanup: async () => {} };
  const dir = await mkdtemp(path.join(tmpdir(), "vl-objects-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const paths = keys.map((key, i) => path.join(dir, `${i}-${key.split("/").at(-1)}`));
    for (let start = 0; start < keys.length; start += READ_AHEAD) {
      options.signal?.throwIfAborted();
      await Promise.all(
        keys.slice(start, start + READ_AHEAD).map(async (key, offset) => {
          try {
            const { body } = await storage.get(key);
            await pipeline(body, createWriteStream(paths[start + offset]!));
          } catch (err) {
            if (!(err instanceof ObjectNotFoundError)) throw err;
          }
        }),
      );
    }
    return { paths, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/**
 * Encoded images for the embedding threads, read a few ahead of the consumer: the consumer pulls
 * (embedStream takes a batch only when a thread is free), so at most READ_AHEAD + a batch are in
 * memory. Local disk passes paths (the threads read the files). A missing object yields empty
 * bytes, which the decoder reports as unreadable.
 */
export async function* imageSources<T extends { id: string; key: string }>(
  storage: ObjectStorage,
  items: T[],
): AsyncGenerator<{ id: string; path: string } | { id: string; data: Uint8Array }> {
  const read = (item: T) =>
    readObject(storage, item.key).catch((err: unknown) => {
      if (err instanceof ObjectNotFoundError) return new Uint8Array(0);
      throw err;
    });
  const pending: Array<Promise<Uint8Array>> = [];
  let next = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const local = storage.localPath(item.key);
    if (local !== null) {
      yield { id: item.id, path: local };
      continue;
    }
    while (next < items.length && next < i + READ_AHEAD) {
      const ahead = read(items[next]!);
      // Awaited in turn below; this keeps a failure not yet awaited from counting as unhandled.
      ahead.catch(() => undefined);
      pending[next++] = ahead;
    }
    yield { id: item.id, data: await pending[i]! };
    delete pending[i];
  }
}
