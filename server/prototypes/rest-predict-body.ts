import { IMAGES_PER_REQUEST } from "@/server/http/limits";
import type { RouteContext } from "@/server/http/route";
import { DomainError } from "@/server/errors";

/** Images one REST call may carry (the same bound as Try it); each counts against the key's per-minute limit. */
export const REST_PREDICT_MAX_IMAGES = IMAGES_PER_REQUEST;

/**
 * The images of a predict request: the raw body (one image), or multipart with one `image`
 * field, or several `image`/`images` fields (a batch, answered as `{ results }` in order).
 * The route wrapper cuts the whole body at one image's limit (plus form overhead), so a batch
 * of small images fits where one large image does; each image must also fit `maxImageBytes`.
 */
export async function readPredictImages(
  request: Request,
  body: RouteContext<unknown, unknown, "apiKey">["body"],
  maxImageBytes: number,
): Promise<{ images: Buffer[]; batch: boolean }> {
  let images: Buffer[];
  let batch = false;
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const form = await body.form();
    const files = [...form.getAll("image"), ...form.getAll("images")];
    batch = files.length > 1 || form.has("images");
    if (files.length === 0 || files.some((f) => typeof f === "string"))
      throw new DomainError(
        "BAD_REQUEST",
        "missingImage",
        "Send each image as a file in the multipart field `image` (repeat it for a batch).",
      );
    if (files.length > REST_PREDICT_MAX_IMAGES)
      throw new DomainError("BAD_REQUEST", "tooManyImages", `Send at most ${REST_PREDICT_MAX_IMAGES} images per request.`, {
        max: REST_PREDICT_MAX_IMAGES,
      });
    images = await Promise.all(files.map(async (f) => Buffer.from(await (f as File).arrayBuffer())));
  } else {
    images = [Buffer.from(await body.bytes())];
  }
  if (images.some((image) => image.length === 0)) throw new DomainError("BAD_REQUEST", "missingImage", "The request has an empty image.");
  if (images.some((image) => image.length > maxImageBytes)) throw tooLarge(maxImageBytes);
  return { images, batch };
}

function tooLarge(maxImageBytes: number): DomainError {
  const maxMb = Math.round(maxImageBytes / 1e6);
  return new DomainError("PAYLOAD_TOO_LARGE", "tooLarge", `An image is larger than ${maxMb} MB.`, { maxMb });
}
