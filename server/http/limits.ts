import type { Env } from "@/server/env";

const MB = 1024 * 1024;
/** Room for multipart boundaries, part headers and small fields around the files. */
const FORM_OVERHEAD = 64 * 1024;

/** Images in one upload request (the upload page sends batches of this size) and in one prediction call. */
export const IMAGES_PER_REQUEST = 20;

/**
 * Images at the size limit that one runs.predict call may carry. The predict page packs a larger
 * batch into several calls, so the cap on what the server holds per request stays small.
 */
export const PREDICT_CALL_IMAGES_AT_LIMIT = 4;

/** The text length of `bytes` bytes in base64. */
export const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/**
 * Every request body the server reads has one of these caps, derived from the upload limits in
 * the env (UPLOAD_MAX_IMAGE_MB, UPLOAD_MAX_ZIP_MB), so raising a limit raises its body cap too.
 */
export function bodyLimits(env: Pick<Env, "UPLOAD_MAX_IMAGE_MB" | "UPLOAD_MAX_ZIP_MB">) {
  const image = Math.round(env.UPLOAD_MAX_IMAGE_MB * MB);
  return {
    image,
    /** POST /api/prototypes/{id}/images: a form with up to IMAGES_PER_REQUEST images. */
    imageForm: image * IMAGES_PER_REQUEST + FORM_OVERHEAD,
    /** POST /api/prototypes/{id}/zip: streamed to a temporary file, never held in memory. */
    zip: Math.round(env.UPLOAD_MAX_ZIP_MB * MB),
    /** POST /api/v1/prototypes/{id}/predict: one image, raw or in a form. */
    predict: image + FORM_OVERHEAD,
    /** tRPC: every procedure takes small JSON… */
    trpc: 1 * MB,
    /** The base64 characters of images one runs.predict call may carry (the predict page packs its calls to this). */
    predictCallChars: base64Length(image) * PREDICT_CALL_IMAGES_AT_LIMIT,
    /** …except runs.predict, which carries images in base64. */
    trpcPredict: base64Length(image) * PREDICT_CALL_IMAGES_AT_LIMIT + FORM_OVERHEAD,
  };
}

export type BodyLimits = ReturnType<typeof bodyLimits>;

/** tRPC procedures whose input may exceed the small JSON cap, with the cap they get instead. */
const LARGE_TRPC_INPUTS: Record<string, "trpcPredict"> = { "runs.predict": "trpcPredict" };

/**
 * The body cap of a tRPC request: the largest cap among its procedures (a batched call names
 * several: `/api/trpc/a,b`) plus the small cap for the rest of the batch. Repeating a large
 * procedure in one batch does not multiply its cap.
 */
export function trpcBodyLimit(limits: BodyLimits, pathname: string): number {
  const paths = decodeURIComponent(pathname.split("/").pop() ?? "").split(",");
  return Math.max(...paths.map((p) => limits[LARGE_TRPC_INPUTS[p] ?? "trpc"])) + (paths.length > 1 ? limits.trpc : 0);
}
