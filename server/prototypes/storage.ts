import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Image files live under `<uploadsDir>/<workspaceId>/<prototypeId>/<contentHash>.<ext>`; rows store
 * the path relative to uploadsDir. Every path is resolved and checked to stay inside uploadsDir.
 */
export function resolveStoragePath(uploadsDir: string, storagePath: string): string {
  const root = path.resolve(/* turbopackIgnore: true */ uploadsDir);
  const full = path.resolve(root, storagePath);
  if (!full.startsWith(root + path.sep)) throw new Error(`storage path escapes the uploads folder: ${storagePath}`);
  return full;
}

export function storagePathFor(args: { workspaceId: string; prototypeId: string; contentHash: string; extension: string }): string {
  for (const part of [args.workspaceId, args.prototypeId, args.contentHash, args.extension]) {
    if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error(`unsafe storage path part: ${part}`);
  }
  return `${args.workspaceId}/${args.prototypeId}/${args.contentHash}.${args.extension}`;
}

export async function writeStoredFile(uploadsDir: string, storagePath: string, data: Uint8Array): Promise<void> {
  const full = resolveStoragePath(uploadsDir, storagePath);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, data);
}

/** The cached thumbnail of a stored image (./thumbnails.ts), next to it so deleting a folder takes both. */
export function thumbnailPath(uploadsDir: string, storagePath: string): string {
  return `${resolveStoragePath(uploadsDir, storagePath)}.thumb.jpg`;
}

/** Removes the image and its cached thumbnail. */
export async function removeStoredFile(uploadsDir: string, storagePath: string): Promise<void> {
  await Promise.all([
    rm(resolveStoragePath(uploadsDir, storagePath), { force: true }),
    rm(thumbnailPath(uploadsDir, storagePath), { force: true }),
  ]);
}

export async function readStoredFile(uploadsDir: string, storagePath: string): Promise<Buffer> {
  return readFile(resolveStoragePath(uploadsDir, storagePath));
}
