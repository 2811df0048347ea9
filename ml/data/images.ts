import { createHash } from "node:crypto";
import sharp from "sharp";

/** Formats a user may upload. Anything else sharp can read (SVG, PDF, raw camera files…) is refused. */
export const ACCEPTED_IMAGE_FORMATS = ["jpeg", "png", "webp", "gif", "avif", "tiff"] as const;
export type AcceptedImageFormat = (typeof ACCEPTED_IMAGE_FORMATS)[number];

export interface ImageLimits {
  /** Largest upload in bytes (default 10 MB). */
  maxBytes: number;
  /** Largest width × height before decoding: the decompression-bomb guard (default 40 megapixels). */
  maxPixels: number;
  /** The stored copy is scaled down so its longer side is at most this (default 1024 px). */
  storedMaxSide: number;
  /**
   * libvips strictness. "error" (default) refuses truncated and damaged files but
   * tolerates harmless warnings (e.g. stray bytes some cameras write); "warning"
   * refuses those too.
   */
  failOn: "truncated" | "error" | "warning";
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 40_000_000,
  storedMaxSide: 1024,
  failOn: "error",
};

export type ImageRejectionReason = "empty" | "tooLarge" | "notAnImage" | "unsupportedFormat" | "tooManyPixels" | "corrupt";

export interface ImageRejection {
  ok: false;
  reason: ImageRejectionReason;
  /** A sentence for the upload report. */
  message: string;
  /** The decoder's own words, when there are any (for logs, not the UI). */
  detail?: string;
}

export interface StoredImage {
  /** Upright (EXIF orientation applied), sRGB, metadata stripped, longer side ≤ storedMaxSide. */
  data: Buffer;
  /** JPEG, or WebP when the image has an alpha channel (JPEG would lose transparency). */
  format: "jpeg" | "webp";
  extension: "jpg" | "webp";
  mimeType: "image/jpeg" | "image/webp";
  width: number;
  height: number;
}

export interface AcceptedImage {
  ok: true;
  /** sha256 (hex) of the bytes as uploaded: equal files get equal hashes, whatever their names. */
  contentHash: string;
  format: AcceptedImageFormat;
  /** As displayed, i.e. after EXIF orientation. */
  width: number;
  height: number;
  /** Size of the upload in bytes. */
  bytes: number;
  /** Frames in the file; only the first of an animation is kept. */
  pages: number;
  stored: StoredImage;
}

export type ImageCheckResult = AcceptedImage | ImageRejection;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export interface InspectedImage {
  ok: true;
  buffer: Buffer;
  meta: sharp.Metadata;
  format: AcceptedImageFormat;
  width: number;
  height: number;
}

/**
 * The checks every image from a user passes before any pixel is decoded: size, a readable
 * header, the format allow-list (SVG, PDF and the like are refused) and the pixel count (the
 * decompression-bomb guard). Uploads and predictions both go through it; it reads only the header.
 */
export async function inspectImage(input: Uint8Array, options: Partial<ImageLimits> = {}): Promise<InspectedImage | ImageRejection> {
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...options };
  const bytes = input.byteLength;
  if (bytes === 0) return reject("empty", "The file is empty (0 bytes).");
  if (bytes > limits.maxBytes) {
    return reject("tooLarge", `The file is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.maxBytes)} per image.`);
  }
  const buffer = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);

  // Reading the header is cheap and decodes no pixels, so the size check runs before any allocation.
  let meta: sharp.Metadata;
  try {
    meta = await sharp(buffer, { failOn: limits.failOn, limitInputPixels: false }).metadata();
  } catch (err) {
    if (looksLikeAcceptedFormat(buffer)) {
      return reject("corrupt", "The file starts like an image but its header is damaged or cut off.", err);
    }
    return reject(
      "notAnImage",
      `This is not an image file we can read. Accepted formats: ${ACCEPTED_IMAGE_FORMATS.map(formatName).join(", ")}.`,
      err,
    );
  }
  const format = acceptedFormat(meta);
  if (!format) {
    return reject(
      "unsupportedFormat",
      `${(meta.format ?? "This").toString().toUpperCase()} files are not accepted. Accepted formats: ${ACCEPTED_IMAGE_FORMATS.map(formatName).join(", ")}.`,
    );
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width <= 0 || height <= 0) return reject("corrupt", "The image declares no dimensions; the file is damaged.");
  if (width * height > limits.maxPixels) {
    return reject(
      "tooManyPixels",
      `The image is ${width}×${height} (${formatMegapixels(width * height)}); the limit is ${formatMegapixels(limits.maxPixels)}.`,
    );
  }
  return { ok: true, buffer, meta, format, width, height };
}

/**
 * Validates one uploaded file and produces the copy that is stored and trained on.
 * Only decoding decides what a file is: the name and extension are never consulted.
 * Never throws for bad input; every refusal comes back as a typed rejection.
 */
export async function checkImage(input: Uint8Array, options: Partial<ImageLimits> = {}): Promise<ImageCheckResult> {
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...options };
  const inspected = await inspectImage(input, limits);
  if (!inspected.ok) return inspected;
  const { buffer, meta, format, width, height } = inspected;
  const bytes = input.byteLength;

  try {
    // The full decode happens here, which is what exposes truncated or damaged data;
    // limitInputPixels repeats the header check inside libvips as a second line of defence.
    const pipeline = sharp(buffer, { failOn: limits.failOn, limitInputPixels: limits.maxPixels })
      .rotate()
      .resize(limits.storedMaxSide, limits.storedMaxSide, { fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb");
    const keepAlpha = meta.hasAlpha === true;
    const { data, info } = keepAlpha
      ? await pipeline.webp({ quality: 90, alphaQuality: 100 }).toBuffer({ resolveWithObject: true })
      : await pipeline.jpeg({ quality: 90 }).toBuffer({ resolveWithObject: true });
    const oriented = swapsSides(meta.orientation) ? { width: height, height: width } : { width, height };
    return {
      ok: true,
      contentHash: sha256Hex(buffer),
      format,
      ...oriented,
      bytes,
      pages: meta.pages ?? 1,
      stored: keepAlpha
        ? { data, format: "webp", extension: "webp", mimeType: "image/webp", width: info.width, height: info.height }
        : { data, format: "jpeg", extension: "jpg", mimeType: "image/jpeg", width: info.width, height: info.height },
    };
  } catch (err) {
    const detail = errorText(err);
    if (/pixel limit/i.test(detail)) {
      return reject("tooManyPixels", `The image has more than ${formatMegapixels(limits.maxPixels)}.`, err);
    }
    return reject("corrupt", "The image data is damaged or cut off (the file may be truncated).", err);
  }
}

function acceptedFormat(meta: sharp.Metadata): AcceptedImageFormat | undefined {
  // sharp reports AVIF as "heif"; HEIC (HEVC-compressed HEIF) is refused: the prebuilt libvips cannot decode it.
  if (meta.format === "heif") return meta.compression === "av1" ? "avif" : undefined;
  return (ACCEPTED_IMAGE_FORMATS as readonly string[]).includes(meta.format ?? "") ? (meta.format as AcceptedImageFormat) : undefined;
}

/** Signatures of the accepted formats: tells a damaged image apart from a file that never was one. */
function looksLikeAcceptedFormat(bytes: Buffer): boolean {
  const ascii = (start: number, end: number) => bytes.subarray(start, end).toString("latin1");
  return (
    (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) ||
    ascii(0, 8) === "\x89PNG\r\n\x1a\n" ||
    ascii(0, 4) === "GIF8" ||
    (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") ||
    ascii(0, 4) === "II*\0" ||
    ascii(0, 4) === "MM\0*" ||
    (ascii(4, 8) === "ftyp" && /^(avif|avis|mif1|msf1)$/.test(ascii(8, 12)))
  );
}

/** EXIF orientations 5–8 are transposed: the displayed image has width and height swapped. */
function swapsSides(orientation: number | undefined): boolean {
  return orientation !== undefined && orientation >= 5 && orientation <= 8;
}

function reject(reason: ImageRejectionReason, message: string, cause?: unknown): ImageRejection {
  const rejection: ImageRejection = { ok: false, reason, message };
  if (cause !== undefined) rejection.detail = errorText(cause);
  return rejection;
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s+/g, " ").trim();
}

function formatName(format: AcceptedImageFormat): string {
  return format === "jpeg" ? "JPEG" : format === "tiff" ? "TIFF" : format === "webp" ? "WebP" : format.toUpperCase();
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}

function formatMegapixels(pixels: number): string {
  const mp = pixels / 1_000_000;
  return `${mp >= 10 ? Math.round(mp) : mp.toFixed(1).replace(/\.0$/, "")} megapixels`;
}
