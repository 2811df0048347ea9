/** Images one REST call may carry; each counts against the key's per-minute limit. */
export const REST_PREDICT_MAX_IMAGES = 32;

export type PredictBody =
  | { ok: true; images: Buffer[]; batch: boolean }
  | { ok: false; status: 400 | 413; error: "missing_image" | "too_large" | "too_many_images" | "bad_body"; message: string };

/**
 * The images of a predict request: the raw body (one image), or multipart with
 * one `image` field, or several `image`/`images` fields (a batch: answered as
 * `{ results }`, one entry per image in order). A batch body may be up to
 * `maxBatchBytes`, each image up to `maxImageBytes`.
 */
export async function readPredictBody(req: Request, limits: { maxImageBytes: number; maxBatchBytes: number }): Promise<PredictBody> {
  const tooLarge = { ok: false, status: 413, error: "too_large" } as const;
  const multipart = (req.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  const declared = Number(req.headers.get("content-length") ?? 0);
  const bodyLimit = (multipart ? limits.maxBatchBytes : limits.maxImageBytes) + 64 * 1024;
  if (declared > bodyLimit) return { ...tooLarge, message: `The request is larger than ${megabytes(bodyLimit - 64 * 1024)} MB.` };
  let images: Buffer[];
  let batch = false;
  try {
    if (multipart) {
      const form = await req.formData();
      const files = [...form.getAll("image"), ...form.getAll("images")];
      batch = files.length > 1 || form.has("images");
      if (files.length === 0 || files.some((f) => typeof f === "string"))
        return {
          ok: false,
          status: 400,
          error: "missing_image",
          message: "Send each image as a file in the multipart field `image` (repeat it for a batch).",
        };
      if (files.length > REST_PREDICT_MAX_IMAGES)
        return {
          ok: false,
          status: 400,
          error: "too_many_images",
          message: `Send at most ${REST_PREDICT_MAX_IMAGES} images per request; this one has ${files.length}.`,
        };
      images = await Promise.all(files.map(async (f) => Buffer.from(await (f as File).arrayBuffer())));
    } else {
      images = [Buffer.from(await req.arrayBuffer())];
    }
  } catch {
    return { ok: false, status: 400, error: "bad_body", message: "The request body could not be read." };
  }
  if (images.some((image) => image.length === 0))
    return { ok: false, status: 400, error: "missing_image", message: "The request has an empty image." };
  if (images.some((image) => image.length > limits.maxImageBytes))
    return { ...tooLarge, message: `An image is larger than ${megabytes(limits.maxImageBytes)} MB.` };
  if (images.reduce((sum, image) => sum + image.length, 0) > limits.maxBatchBytes)
    return { ...tooLarge, message: `The images together are larger than ${megabytes(limits.maxBatchBytes)} MB.` };
  return { ok: true, images, batch };
}

function megabytes(bytes: number): number {
  return Math.round(bytes / 1e6);
}
