import { readImageZip, ZipArchiveError, type ZipArchiveRejectionReason, type ZipLimits } from "@/ml/data/zip";
import { IMAGES_PER_REQUEST } from "@/server/http/limits";
import type { RouteContext } from "@/server/http/route";
import { DomainError } from "@/server/errors";
import { callerLocale, fileErrorMessage } from "@/server/http/error-messages";

/** Images one REST call may carry (the same bound as Try it); each counts against the key's per-minute limit. */
export const REST_PREDICT_MAX_IMAGES = IMAGES_PER_REQUEST;

/**
 * A zip sent to the predict endpoint: the same reader as zip uploads (ml/data/zip.ts), with bounds
 * for a request held in memory. The archive itself is within the body cap (one image's limit +
 * 64 KB); what it holds may inflate to twice one image's limit in all (photos barely compress), and
 * no file may inflate more than 100 times its stored size (a zip bomb, or not a photo).
 */
export const REST_PREDICT_ZIP = {
  /** Records in the archive's directory, folders and system files included. */
  maxEntries: 200,
  maxCompressionRatio: 100,
  /** Times one image's limit that all extracted files may add up to. */
  totalImageLimits: 2,
} as const;

/** What POST /api/v1/prototypes/{id}/predict accepts: multipart (`image` repeated, or one `zip`), one image as the raw body, or a zip as the raw body. */
export const PREDICT_BODY_TYPES = [
  "multipart/form-data",
  "image/*",
  "application/octet-stream",
  "application/zip",
  "application/x-zip-compressed",
] as const;

/** One file of the request: an image to predict, or (from a zip) a file refused before prediction. */
export type PredictItem = { file: string | null; image: Buffer } | { file: string; error: { reason: string; message: string } };

/**
 * The images of a predict request: the raw body (one image), or multipart with one `image`
 * field, or several `image`/`images` fields (a batch, answered as `{ results }` in order), or one
 * zip of images (multipart field `zip`, or the raw body as application/zip), answered like a batch
 * with each result named by its path in the archive.
 * The route wrapper cuts the whole body at one image's limit (plus form overhead), so a batch
 * of small images fits where one large image does; each image must also fit `maxImageBytes`.
 */
export async function readPredictImages(
  request: Request,
  body: RouteContext<unknown, unknown, "apiKey">["body"],
  maxImageBytes: number,
): Promise<{ items: PredictItem[]; batch: boolean }> {
  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  if (contentType.startsWith("multipart/form-data")) {
    const form = await body.form();
    const files = [...form.getAll("image"), ...form.getAll("images")];
    const zips = form.getAll("zip");
    if (zips.length > 0) {
      if (zips.length > 1 || files.length > 0 || typeof zips[0] === "string")
        throw new DomainError("BAD_REQUEST", "oneZipOnly", "Send either one zip (field `zip`) or images (field `image`), not both.");
      const zip = Buffer.from(await (zips[0] as File).arrayBuffer());
      return { items: await readZipItems(request, zip, maxImageBytes), batch: true };
    }
    const batch = files.length > 1 || form.has("images");
    if (files.length === 0 || files.some((f) => typeof f === "string"))
      throw new DomainError(
        "BAD_REQUEST",
        "missingImage",
        "Send each image as a file in the multipart field `image` (repeat it for a batch), or one zip in the field `zip`.",
      );
    if (files.length > REST_PREDICT_MAX_IMAGES) throw tooMany();
    const items = await Promise.all(
      (files as File[]).map(async (f) => ({ file: f.name || null, image: Buffer.from(await f.arrayBuffer()) })),
    );
    checkSizes(items, maxImageBytes);
    return { items, batch };
  }
  const raw = Buffer.from(await body.bytes());
  if (contentType.includes("zip") || (contentType.startsWith("application/octet-stream") && isZip(raw)))
    return { items: await readZipItems(request, raw, maxImageBytes), batch: true };
  const items = [{ file: null, image: raw }];
  checkSizes(items, maxImageBytes);
  return { items, batch: false };
}

/** "PK\x03\x04" (a zip with files) or "PK\x05\x06" (an empty zip). */
function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && bytes[3] === bytes[2] + 1;
}

function checkSizes(items: Array<{ image: Buffer }>, maxImageBytes: number) {
  if (items.some((i) => i.image.length === 0)) throw new DomainError("BAD_REQUEST", "missingImage", "The request has an empty image.");
  if (items.some((i) => i.image.length > maxImageBytes)) {
    const maxMb = Math.round(maxImageBytes / 1e6);
    throw new DomainError("PAYLOAD_TOO_LARGE", "tooLarge", `An image is larger than ${maxMb} MB.`, { maxMb });
  }
}

function tooMany(): DomainError {
  return new DomainError("BAD_REQUEST", "tooManyImages", `Send at most ${REST_PREDICT_MAX_IMAGES} images per request.`, {
    max: REST_PREDICT_MAX_IMAGES,
  });
}

/** How a zip the reader refuses whole is answered (each `reason` has its sentence in `api.errors`). */
export const ZIP_REASONS: Record<ZipArchiveRejectionReason, string> = {
  notAZip: "zipUnreadable",
  corrupt: "zipUnreadable",
  tooLarge: "zipTooLarge",
  tooManyEntries: "zipTooManyEntries",
};

/**
 * The files of a zip as predict items, in archive order. System files (.DS_Store, __MACOSX) are
 * left out silently; every other file that is not taken gets its reason, in the caller's language
 * (Accept-Language), as uploads explain them. A zip with more images than one call may carry is
 * refused whole, as a multipart batch is. Errors refusing the whole zip are worded by the route wrapper.
 */
async function readZipItems(request: Request, zip: Buffer, maxImageBytes: number): Promise<PredictItem[]> {
  const locale = callerLocale(request);
  const limits: Partial<ZipLimits> = {
    maxArchiveBytes: zip.length,
    maxEntries: REST_PREDICT_ZIP.maxEntries,
    maxEntryBytes: maxImageBytes,
    maxTotalBytes: maxImageBytes * REST_PREDICT_ZIP.totalImageLimits,
    maxCompressionRatio: REST_PREDICT_ZIP.maxCompressionRatio,
  };
  const items: PredictItem[] = [];
  let images = 0;
  try {
    for await (const entry of readImageZip({ buffer: zip }, limits)) {
      if (entry.status === "accepted") {
        if (++images > REST_PREDICT_MAX_IMAGES) throw tooMany();
        items.push({ file: entry.path, image: entry.data });
      } else if (entry.reason !== "systemFile") {
        const message = await fileErrorMessage(locale, entry.reason, entry.message);
        items.push({ file: entry.path, error: { reason: entry.reason, message } });
      }
    }
  } catch (err) {
    if (!(err instanceof ZipArchiveError)) throw err;
    throw new DomainError("BAD_REQUEST", ZIP_REASONS[err.reason], `The zip was refused: ${err.message}`, {
      detail: err.message,
      ...(err.reason === "tooManyEntries" ? { maxEntries: REST_PREDICT_ZIP.maxEntries } : {}),
    });
  }
  if (images === 0) {
    throw new DomainError("BAD_REQUEST", "noImagesInZip", "The ZIP archive holds no image we could read.", {
      files: items.map((i) => ("error" in i ? `${i.file}: ${i.error.message}` : i.file)).join("\n"),
    });
  }
  return items;
}
