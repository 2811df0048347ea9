import { imageKey, readObject, thumbnailKey, type ObjectStorage } from "@/server/storage";

/**
 * Uploaded images are stored under `uploads/<workspaceId>/<prototypeId>/<contentHash>.<ext>` in the
 * app's storage (server/storage); rows keep the part after `uploads/` as `storagePath`.
 */
export function storagePathFor(args: { workspaceId: string; prototypeId: string; contentHash: string; extension: string }): string {
  for (const part of [args.workspaceId, args.prototypeId, args.contentHash, args.extension]) {
    if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error(`unsafe storage path part: ${part}`);
  }
  return `${args.workspaceId}/${args.prototypeId}/${args.contentHash}.${args.extension}`;
}

export async function writeStoredFile(storage: ObjectStorage, storagePath: string, data: Uint8Array): Promise<void> {
  await storage.put(imageKey(storagePath), data);
}

/** Removes the image and its cached thumbnail (./thumbnails.ts). */
export async function removeStoredFile(storage: ObjectStorage, storagePath: string): Promise<void> {
  await Promise.all([storage.delete(imageKey(storagePath)), storage.delete(thumbnailKey(storagePath))]);
}

/** The whole image, for the decoder (an image is at most UPLOAD_MAX_IMAGE_MB). */
export async function readStoredFile(storage: ObjectStorage, storagePath: string): Promise<Buffer> {
  return readObject(storage, imageKey(storagePath));
}
