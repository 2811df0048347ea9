import { Readable } from "node:stream";
import sharp from "sharp";
import { imageKey, ObjectNotFoundError, readObject, thumbnailKey, type ObjectStorage, type StoredObjectStream } from "@/server/storage";
import { logger } from "@/server/log";

export const THUMBNAIL_SIZE = 256;

const log = logger("storage");

/**
 * The 256 px JPEG thumbnail of a stored image, made once and kept next to it in storage:
 * browsing a class of hundreds of images would otherwise decode and resize every original on
 * every page view. A cached one streams straight from storage; storage replaces objects
 * atomically, so a concurrent reader never sees half a thumbnail.
 */
export async function openThumbnail(storage: ObjectStorage, storagePath: string): Promise<StoredObjectStream> {
  try {
    return await storage.get(thumbnailKey(storagePath));
  } catch (err) {
    if (!(err instanceof ObjectNotFoundError)) throw err;
  }
  // Throws ObjectNotFoundError when the original is missing too.
  const original = await readObject(storage, imageKey(storagePath));
  const thumb = await sharp(original).resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "cover" }).jpeg({ quality: 80 }).toBuffer();
  // A cache, not the data: serving the thumbnail matters more than keeping it.
  await storage.put(thumbnailKey(storagePath), thumb).catch((err: unknown) => log.warn("thumbnail not cached", { err }));
  return { body: Readable.from([thumb]), size: thumb.length, contentType: "image/jpeg" };
}
