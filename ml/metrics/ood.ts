/**
 * "Does this image look like the training images?" A trained classifier
 * always answers with some class, often confidently, even for a photo of something it has
 * never seen. This measures how far an image's embedding is from the run's training images:
 * the mean cosine distance to its k nearest training embeddings (the deep nearest-neighbour
 * detector of Sun et al., ICML 2022). What counts as "far" is learnt per run from the images
 * held out from training (validation and test): the threshold is a high percentile of their
 * distances, so by construction about (1 − percentile) of new images like the training ones
 * are flagged, and clearly foreign images mostly are.
 */
import { fromFloat16, toFloat16 } from "../float16";
import { mulberry32, shuffleInPlace } from "../runtime/train/prng.mjs";

export interface OodReference {
  /**
   * Unit-length training embeddings, row-major count × dim (a seeded subsample when there are many),
   * rounded to half precision: they are stored so (half the bytes; a run's largest file), and the
   * threshold is measured with the rounded vectors, so the stored reference judges exactly as built.
   */
  vectors: Float32Array;
  dim: number;
  k: number;
  /** Distances above this are "unlike the training images". */
  threshold: number;
  percentile: number;
  /** How many held-out images the threshold was measured on. */
  heldOut: number;
  /** The backbone whose embeddings these are: a prediction must embed with the same one. */
  backboneId: string;
}

export const OOD_DEFAULTS = { k: 3, percentile: 0.95, maxReference: 1000, minHeldOut: 5 } as const;

function unitRows(matrix: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(matrix.length);
  for (let i = 0; i < matrix.length / dim; i++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += matrix[i * dim + j]! ** 2;
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let j = 0; j < dim; j++) out[i * dim + j] = matrix[i * dim + j]! * scale;
  }
  return out;
}

/** Mean cosine distance from one embedding to its k nearest reference rows. */
function knnDistance(reference: Pick<OodReference, "vectors" | "dim" | "k">, embedding: ArrayLike<number>): number {
  const { vectors, dim } = reference;
  const count = vectors.length / dim;
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += embedding[j]! ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const k = Math.min(reference.k, count);
  const nearest: number[] = [];
  for (let i = 0; i < count; i++) {
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += vectors[i * dim + j]! * embedding[j]!;
    const distance = 1 - dot * scale;
    if (nearest.length < k) {
      nearest.push(distance);
      nearest.sort((a, b) => a - b);
    } else if (distance < nearest[k - 1]!) {
      nearest[k - 1] = distance;
      nearest.sort((a, b) => a - b);
    }
  }
  return nearest.reduce((s, d) => s + d, 0) / Math.max(1, nearest.length);
}

/** The value below which `share` of the sorted values lie (linear interpolation). */
export function quantile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const at = share * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/**
 * The per-run statistics, or null when too few images were held out to say what "normal" is.
 * `train` and `heldOut` are row-major embedding matrices of the same width.
 */
export function buildOodReference(options: {
  train: Float32Array;
  heldOut: Float32Array;
  dim: number;
  backboneId: string;
  seed: number;
  k?: number;
  percentile?: number;
  maxReference?: number;
}): OodReference | null {
  const { dim } = options;
  const k = options.k ?? OOD_DEFAULTS.k;
  const percentile = options.percentile ?? OOD_DEFAULTS.percentile;
  const heldOutCount = options.heldOut.length / dim;
  const trainCount = options.train.length / dim;
  if (heldOutCount < OOD_DEFAULTS.minHeldOut || trainCount < 1) return null;
  const keep = shuffleInPlace(
    Array.from({ length: trainCount }, (_, i) => i),
    mulberry32(options.seed),
  )
    .slice(0, options.maxReference ?? OOD_DEFAULTS.maxReference)
    .sort((a, b) => a - b);
  const picked = new Float32Array(keep.length * dim);
  keep.forEach((row, i) => picked.set(options.train.subarray(row * dim, (row + 1) * dim), i * dim));
  const reference = { vectors: fromFloat16(toFloat16(unitRows(picked, dim))), dim, k };
  const distances = Array.from({ length: heldOutCount }, (_, i) =>
    knnDistance(reference, options.heldOut.subarray(i * dim, (i + 1) * dim)),
  );
  return { ...reference, threshold: quantile(distances, percentile), percentile, heldOut: heldOutCount, backboneId: options.backboneId };
}

export interface OodJudgement {
  outOfDistribution: boolean;
  /** Distance relative to the run's threshold: above 1 is flagged; about 1 is as far as the furthest usual held-out images. */
  score: number;
}

export function judgeOod(reference: OodReference, embedding: ArrayLike<number>): OodJudgement {
  const distance = knnDistance(reference, embedding);
  const score = reference.threshold > 0 ? distance / reference.threshold : distance > 0 ? Infinity : 0;
  return { outOfDistribution: score > 1, score: Number.isFinite(score) ? Math.round(score * 1000) / 1000 : 999 };
}

/**
 * One file per run: a JSON header line, then the unit vectors as little-endian float16 (`"encoding":
 * "float16"`; files written before it have no encoding and float32 vectors, and still read).
 */
export function encodeOodReference(reference: OodReference): Buffer {
  const { vectors, ...header } = reference;
  const json = Buffer.from(JSON.stringify({ ...header, count: vectors.length / reference.dim, encoding: "float16" }) + "\n");
  const half = toFloat16(vectors);
  return Buffer.concat([json, Buffer.from(half.buffer, half.byteOffset, half.byteLength)]);
}

export function decodeOodReference(bytes: Uint8Array): OodReference {
  const newline = bytes.indexOf(10);
  if (newline < 0) throw new Error("not an OOD reference file");
  const header = JSON.parse(Buffer.from(bytes.subarray(0, newline)).toString("utf8")) as Omit<OodReference, "vectors"> & {
    count: number;
    encoding?: "float16";
  };
  const body = bytes.subarray(newline + 1);
  const width = header.encoding === "float16" ? 2 : 4;
  if (body.byteLength !== header.count * header.dim * width) throw new Error("the OOD reference file is truncated");
  // Copied into an aligned buffer: the body starts wherever the header line ends.
  const aligned = new Uint8Array(body.byteLength);
  aligned.set(body);
  const vectors = width === 2 ? fromFloat16(new Uint16Array(aligned.buffer)) : new Float32Array(aligned.buffer);
  const { count: _count, encoding: _encoding, ...rest } = header;
  return { ...rest, vectors };
}
