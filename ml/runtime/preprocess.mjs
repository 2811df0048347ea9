// @ts-check
// The one preprocessing routine. Training, prediction, the embedding workers and
// the export all call this file, so a model never sees pixels prepared two ways.
// Plain JavaScript because worker threads load it straight from disk (also from a
// Next.js production server, where no TypeScript loader exists).
import sharp from "sharp";

/** Bump when the meaning of the steps below changes; stored with every run. */
export const PREPROCESS_VERSION = 1;

/**
 * Decodes an image file or buffer to raw RGB bytes of exactly height×width×3.
 * `.rotate()` without arguments applies the EXIF orientation, so a phone photo
 * taken sideways reaches the model upright.
 * @param {string | Uint8Array} input
 * @param {{ height: number, width: number, background: string }} spec
 * @returns {Promise<Uint8Array>}
 */
export async function decodeToRgb(input, spec) {
  const { data, info } = await sharp(input)
    .rotate()
    .flatten({ background: spec.background })
    .resize(spec.width, spec.height, { fit: "fill" })
    .toColourspace("srgb")
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== spec.width || info.height !== spec.height) {
    throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}, expected ${spec.width}x${spec.height}x3`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Maps 0..255 onto spec.inputRange, writing into `out` at `offset` (floats) so a
 * whole batch can share one buffer.
 * @param {Uint8Array} rgb
 * @param {{ inputRange: [number, number] }} spec
 * @param {Float32Array} [out]
 * @param {number} [offset]
 * @returns {Float32Array}
 */
export function normalizeRgb(rgb, spec, out, offset = 0) {
  const target = out ?? new Float32Array(rgb.length);
  const [min, max] = spec.inputRange;
  const scale = (max - min) / 255;
  for (let i = 0; i < rgb.length; i++) target[offset + i] = /** @type {number} */ (rgb[i]) * scale + min;
  return target;
}

/**
 * Decode + normalise one image to a Float32Array of height×width×3 (HWC order).
 * @param {string | Uint8Array} input
 * @param {{ height: number, width: number, background: string, inputRange: [number, number] }} spec
 * @returns {Promise<Float32Array>}
 */
export async function preprocessImage(input, spec) {
  return normalizeRgb(await decodeToRgb(input, spec), spec);
}

/**
 * Preprocesses several images into one NHWC batch buffer. An image that fails to
 * decode is left out and reported; the others still go through.
 * @param {Array<string | Uint8Array>} inputs
 * @param {{ height: number, width: number, background: string, inputRange: [number, number] }} spec
 * @returns {Promise<{ data: Float32Array, okIndices: number[], errors: Array<string | null> }>}
 */
export async function preprocessBatch(inputs, spec) {
  const decoded = await Promise.all(
    inputs.map((input) =>
      decodeToRgb(input, spec).then(
        (rgb) => ({ rgb, error: null }),
        (err) => ({ rgb: null, error: describeDecodeError(err) }),
      ),
    ),
  );
  const perImage = spec.height * spec.width * 3;
  const okIndices = [];
  for (let i = 0; i < decoded.length; i++) if (decoded[i]?.rgb) okIndices.push(i);
  const data = new Float32Array(okIndices.length * perImage);
  okIndices.forEach((inputIndex, slot) => {
    normalizeRgb(/** @type {Uint8Array} */ (decoded[inputIndex]?.rgb), spec, data, slot * perImage);
  });
  return { data, okIndices, errors: decoded.map((d) => d.error) };
}

/** @param {unknown} err */
function describeDecodeError(err) {
  const message = err instanceof Error ? err.message : String(err);
  return `could not decode image: ${message}`;
}
