import { randomUUID } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import sharp from "sharp";
import { readStoredFile, thumbnailPath } from "./storage";

export const THUMBNAIL_SIZE = 256;

/**
 * The 256 px JPEG thumbnail of a stored image, made once and kept on disk:
 * browsing a class of hundreds of images would otherwise decode and resize
 * every original on every page view. Written to a temporary name and renamed,
 * so a concurrent reader never sees half a file.
 */
export async function readThumbnail(uploadsDir: string, storagePath: string): Promise<Buffer> {
  const file = thumbnailPath(uploadsDir, storagePath);
  const cached = await readFile(file).catch(() => null);
  if (cached) return cached;
  const original = await readStoredFile(uploadsDir, storagePath);
  const thumb = await sharp(original).resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "cover" }).jpeg({ quality: 80 }).toBuffer();
  const partial = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(partial, thumb);
    await rename(partial, file);
  } catch {
    // A cache, not the data: serving the thumbnail matters more than keeping it.
    await rm(partial, { force: true });
  }
  return thumb;
}
