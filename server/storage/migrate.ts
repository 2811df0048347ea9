import { createHash } from "node:crypto";
import { PassThrough } from "node:stream";
import { ObjectNotFoundError, type ObjectStorage, type StoredObjectInfo } from "./object-storage";

export interface MigrationReport {
  /** Objects found in the source under the prefixes. */
  objects: number;
  /** Copied this time. */
  copied: number;
  /** Already in the target with the same content (a re-run skips them). */
  unchanged: number;
  /** Bytes of all objects found. */
  bytes: number;
  /** Keys whose copy in the target does not hash like the source. */
  mismatches: string[];
}

/** Copies at once: S3 round trips overlap, memory stays a few streams. */
const PARALLEL = 4;

async function sha256(storage: ObjectStorage, key: string): Promise<string | null> {
  try {
    const { body } = await storage.get(key);
    const hash = createHash("sha256");
    for await (const chunk of body) hash.update(chunk as Buffer);
    return hash.digest("hex");
  } catch (err) {
    if (err instanceof ObjectNotFoundError) return null;
    throw err;
  }
}

/**
 * Copies every object under `prefixes` from `source` to `target` and verifies each by reading
 * it back from the target and comparing SHA-256 with the source. Idempotent: an object the target
 * already holds with the same size and hash is left alone. Streams every object (a model or a
 * large image never sits in memory whole). Deletes nothing.
 */
export async function migrateStorage(
  source: ObjectStorage,
  target: ObjectStorage,
  options: { prefixes: readonly string[]; onObject?: (key: string, outcome: "copied" | "unchanged" | "mismatch") => void },
): Promise<MigrationReport> {
  const report: MigrationReport = { objects: 0, copied: 0, unchanged: 0, bytes: 0, mismatches: [] };
  const objects: StoredObjectInfo[] = [];
  for (const prefix of options.prefixes) for await (const o of source.list(prefix)) objects.push(o);

  const one = async (object: StoredObjectInfo) => {
    report.objects++;
    report.bytes += object.size;
    const existing = await target.head(object.key);
    if (existing && existing.size === object.size) {
      const [want, have] = await Promise.all([sha256(source, object.key), sha256(target, object.key)]);
      if (want !== null && want === have) {
        report.unchanged++;
        options.onObject?.(object.key, "unchanged");
        return;
      }
    }
    // Hash while copying, so the source is read once for the copy and its hash.
    const { body } = await source.get(object.key);
    const hash = createHash("sha256");
    const tee = new PassThrough();
    tee.on("data", (chunk: Buffer) => hash.update(chunk));
    body.on("error", (err) => tee.destroy(err));
    body.pipe(tee);
    await target.put(object.key, tee);
    const want = hash.digest("hex");
    const have = await sha256(target, object.key);
    if (have !== want) {
      report.mismatches.push(object.key);
      options.onObject?.(object.key, "mismatch");
      return;
    }
    report.copied++;
    options.onObject?.(object.key, "copied");
  };

  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < objects.length) await one(objects[next++]!);
    }),
  );
  report.mismatches.sort();
  return report;
}
