import { env, type Env } from "@/server/env";
import { LocalDiskStorage } from "./local-disk";
import type { ObjectStorage } from "./object-storage";
import { S3Storage } from "./s3";

export * from "./object-storage";
export * from "./keys";
export { LocalDiskStorage } from "./local-disk";
export { S3Storage } from "./s3";

/** The storage the settings name: the data folder by default, an S3-compatible bucket with STORAGE_DRIVER=s3. */
export function storageFromEnv(e: Env): ObjectStorage {
  if (e.STORAGE_DRIVER === "local") return new LocalDiskStorage(e.dataDir);
  return new S3Storage({
    bucket: e.S3_BUCKET!,
    region: e.S3_REGION,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
    ...(e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } }
      : {}),
    ...(e.S3_KEY_PREFIX ? { keyPrefix: e.S3_KEY_PREFIX } : {}),
  });
}

const globalForStorage = globalThis as unknown as { __vlStorage?: ObjectStorage };

/**
 * The app's one storage, made on first use (one S3 client and its socket pool per process).
 * Domain functions take an `ObjectStorage` argument defaulting to this, so tests can hand in their own.
 */
export function storage(): ObjectStorage {
  return (globalForStorage.__vlStorage ??= storageFromEnv(env));
}

/**
 * Replaces this process's storage (tests that run the routes against S3; undefined goes back to
 * the settings'). The app itself never calls it: its storage comes from the env.
 */
export function useStorage(replacement: ObjectStorage | undefined): void {
  globalForStorage.__vlStorage = replacement;
}
export { imageSources, localFiles } from "./worker-files";
