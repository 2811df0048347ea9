/**
 * How a set of chosen files is uploaded: which are refused before sending (over the configured
 * limits; the server checks again), and which requests carry the rest. Pure, so the rules that
 * decide what reaches the server are tested without a browser.
 */

/** Images per request: small enough that one request stays light and progress moves. */
export const IMAGES_PER_REQUEST = 20;
const MB = 1024 * 1024;

export interface UploadLimits {
  maxImageMb: number;
  maxZipMb: number;
}

/** What the planner needs of a browser `File`. */
export interface FileLike {
  name: string;
  size: number;
}

export const isZip = (f: FileLike) => /\.zip$/i.test(f.name);

export interface RefusedFile<F extends FileLike> {
  file: F;
  kind: "zip" | "image";
  /** The file's size in MB, one decimal, as the message shows it. */
  sizeMb: string;
  maxMb: number;
}

/** One request: a zip on its own, or a batch of images for the chosen class. */
export type UploadUnit<F extends FileLike> = { kind: "zip"; files: [F]; bytes: number } | { kind: "images"; files: F[]; bytes: number };

export interface UploadPlan<F extends FileLike> {
  refused: RefusedFile<F>[];
  units: UploadUnit<F>[];
  /** Files that will be sent. */
  fileCount: number;
  /** Their bytes together (at least 1, so progress never divides by zero). */
  totalBytes: number;
}

const bytesOf = (files: FileLike[]) => files.reduce((sum, f) => sum + f.size, 0);

/** Before the limits are known (`undefined`), nothing is refused here; the server still refuses. */
export function planUpload<F extends FileLike>(chosen: readonly F[], limits: UploadLimits | undefined): UploadPlan<F> {
  const maxMb = (f: F) => (limits ? (isZip(f) ? limits.maxZipMb : limits.maxImageMb) : Infinity);
  const tooLarge = (f: F) => f.size > maxMb(f) * MB;
  const refused = chosen.filter(tooLarge).map((file) => ({
    file,
    kind: isZip(file) ? ("zip" as const) : ("image" as const),
    sizeMb: (file.size / MB).toFixed(1),
    maxMb: maxMb(file),
  }));
  const files = chosen.filter((f) => !tooLarge(f));
  const images = files.filter((f) => !isZip(f));
  const units: UploadUnit<F>[] = [
    ...files.filter(isZip).map((zip) => ({ kind: "zip" as const, files: [zip] as [F], bytes: zip.size })),
    ...Array.from({ length: Math.ceil(images.length / IMAGES_PER_REQUEST) }, (_, k) => {
      const batch = images.slice(k * IMAGES_PER_REQUEST, (k + 1) * IMAGES_PER_REQUEST);
      return { kind: "images" as const, files: batch, bytes: bytesOf(batch) };
    }),
  ];
  return { refused, units, fileCount: files.length, totalBytes: bytesOf(files) || 1 };
}

/**
 * The share of the whole upload that has left the browser, given the bytes of the requests already
 * done and the progress of the current one. Below 1 until every request has been answered.
 */
export function uploadedShare(
  plan: Pick<UploadPlan<FileLike>, "totalBytes">,
  doneBytes: number,
  current: { bytes: number; share: number },
) {
  return Math.min(0.99, (doneBytes + current.share * current.bytes) / plan.totalBytes);
}
