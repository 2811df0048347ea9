// Raw-pixel features for the pixel candidate of the optimise step: the image as the
// backbone sees it (same decode, resize and range: ml/workers/preprocess.mjs), averaged
// in pool × pool blocks into a small colour thumbnail. The exported pixel model starts
// with the same average pooling, so training and prediction read identical numbers.
import { decodeToRgb, normalizeRgb } from "../workers/preprocess.mjs";

/** Side of the thumbnail, in blocks (16 × 16 × 3 = 768 values). */
export const PIXEL_GRID = 16;

/**
 * The pooling that turns the backbone's input into the thumbnail, or null when the input
 * size is not a multiple of the grid (then there is no exact pixel model to export).
 * @param {{ height: number, width: number }} spec
 * @returns {number | null}
 */
export function pixelPool(spec) {
  if (spec.height !== spec.width || spec.height % PIXEL_GRID !== 0) return null;
  return spec.height / PIXEL_GRID;
}

/**
 * Block means of an H × W × 3 image (HWC order), as TF.js average pooling computes them.
 * @param {Float32Array} image
 * @param {number} height
 * @param {number} width
 * @param {number} pool
 * @param {Float32Array} [out]
 * @param {number} [offset]
 */
export function blockMeans(image, height, width, pool, out, offset = 0) {
  const rows = height / pool;
  const cols = width / pool;
  const target = out ?? new Float32Array(rows * cols * 3);
  const area = pool * pool;
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = by * pool; y < (by + 1) * pool; y++) {
        for (let x = bx * pool; x < (bx + 1) * pool; x++) {
          const i = (y * width + x) * 3;
          r += image[i];
          g += image[i + 1];
          b += image[i + 2];
        }
      }
      const o = offset + (by * cols + bx) * 3;
      target[o] = r / area;
      target[o + 1] = g / area;
      target[o + 2] = b / area;
    }
  }
  return target;
}

/**
 * Thumbnails of image files (row-major n × d). An image that no longer decodes is reported in
 * `failed` (its row stays zero); sharp decodes off the JavaScript thread, a few at a time.
 * @param {string[]} paths
 * @param {{ height: number, width: number, background: string, inputRange: [number, number] }} spec
 * @param {{ concurrency?: number, signal?: AbortSignal }} [options]
 */
export async function pixelFeatures(paths, spec, options = {}) {
  const pool = pixelPool(spec);
  if (pool === null) throw new Error(`a ${spec.width}×${spec.height} input has no ${PIXEL_GRID}×${PIXEL_GRID} thumbnail`);
  const d = PIXEL_GRID * PIXEL_GRID * 3;
  const x = new Float32Array(paths.length * d);
  /** @type {number[]} */
  const failed = [];
  let next = 0;
  const work = async () => {
    while (next < paths.length) {
      options.signal?.throwIfAborted();
      const i = next++;
      try {
        const image = normalizeRgb(await decodeToRgb(paths[i], spec), spec);
        blockMeans(image, spec.height, spec.width, pool, x, i * d);
      } catch {
        failed.push(i);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, work));
  return { x, d, pool, height: spec.height, width: spec.width, failed: failed.sort((a, b) => a - b) };
}
