// Runs the exported model in a browser with plain TensorFlow.js, preparing pixels the way the
// VentureLens server does (see preprocessing.json): transparency over the background colour, the
// whole image resized to the model's input without keeping the aspect ratio, with libvips'
// resize (sharp): a box shrink by an integer factor while the image is 2× or more above the
// target, then a Lanczos-3 reduce of what remains, pixel centres aligned, edges repeated.
// Browsers resample with their own filters (tf.image.resizeBilinear, canvas drawImage), which
// changed answers on a measurable share of images; this file does not depend on them.

/**
 * Loads the model and labels from a folder served over HTTP.
 * @param {typeof import("@tensorflow/tfjs")} tf
 * @param {string} base URL of the folder holding model.json, labels.json and preprocessing.json (ending in "/")
 */
export async function loadClassifier(tf, base) {
  const [preprocessing, labels] = await Promise.all(
    ["preprocessing.json", "labels.json"].map(async (name) => (await fetch(base + name)).json()),
  );
  const model =
    preprocessing.modelFormat === "layers-model"
      ? await tf.loadLayersModel(base + "model.json")
      : await tf.loadGraphModel(base + "model.json");
  return classifierFor(tf, model, labels, preprocessing);
}

/**
 * @param {typeof import("@tensorflow/tfjs")} tf
 * @param {{ predict: (x: import("@tensorflow/tfjs").Tensor) => unknown }} model
 * @param {string[]} labels
 * @param {{ height: number, width: number, inputRange: [number, number], background: string }} preprocessing
 */
export function classifierFor(tf, model, labels, preprocessing) {
  return {
    /**
     * Every class with its probability, most likely first.
     * @param {{ data: Uint8ClampedArray | Uint8Array, width: number, height: number }} image RGBA pixels, e.g. an ImageData
     */
    classify(image) {
      const input = toModelInput(image, preprocessing);
      const probabilities = tf.tidy(() => {
        const out = model.predict(tf.tensor4d(input, [1, preprocessing.height, preprocessing.width, 3]));
        return /** @type {import("@tensorflow/tfjs").Tensor} */ (out).dataSync();
      });
      return labels.map((label, i) => ({ label, probability: probabilities[i] })).sort((a, b) => b.probability - a.probability);
    },
  };
}

/**
 * RGBA pixels (any size) → the model's input: height × width × 3 floats in inputRange.
 * @param {{ data: Uint8ClampedArray | Uint8Array, width: number, height: number }} image
 * @param {{ height: number, width: number, inputRange: [number, number], background: string }} spec
 * @returns {Float32Array}
 */
export function toModelInput(image, spec) {
  const rgb = flatten(image, parseColour(spec.background));
  const resized = resizeAxis(resizeAxis({ data: rgb, width: image.width, height: image.height }, spec.width, "x"), spec.height, "y");
  const [min, max] = spec.inputRange;
  const out = new Float32Array(resized.data.length);
  for (let i = 0; i < out.length; i++) out[i] = (resized.data[i] / 255) * (max - min) + min;
  return out;
}

/** @param {string} hex */
function parseColour(hex) {
  const value = parseInt(hex.replace("#", ""), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * Composites RGBA over the background, as libvips' flatten does, to RGB floats 0..255.
 * @param {{ data: Uint8ClampedArray | Uint8Array, width: number, height: number }} image
 * @param {number[]} background
 */
function flatten(image, background) {
  const n = image.width * image.height;
  const rgb = new Float64Array(n * 3);
  for (let p = 0; p < n; p++) {
    const alpha = image.data[p * 4 + 3] / 255;
    for (let c = 0; c < 3; c++) rgb[p * 3 + c] = Math.round(image.data[p * 4 + c] * alpha + background[c] * (1 - alpha));
  }
  return rgb;
}

/** @param {number} x */
function lanczos3(x) {
  if (x === 0) return 1;
  if (x <= -3 || x >= 3) return 0;
  const px = Math.PI * x;
  return (3 * Math.sin(px) * Math.sin(px / 3)) / (px * px);
}

/** @param {number} x */
function catmullRom(x) {
  const a = Math.abs(x);
  if (a < 1) return 1.5 * a ** 3 - 2.5 * a ** 2 + 1;
  if (a < 2) return -0.5 * a ** 3 + 2.5 * a ** 2 - 4 * a + 2;
  return 0;
}

/**
 * Resizes RGB floats along one axis to `size`, rounding to whole 0..255 values like libvips' 8-bit path.
 * @param {{ data: Float64Array, width: number, height: number }} image
 * @param {number} size
 * @param {"x" | "y"} axis
 */
function resizeAxis(image, size, axis) {
  const length = axis === "x" ? image.width : image.height;
  const lines = axis === "x" ? image.height : image.width;
  const at = axis === "x" ? (line, i) => (line * image.width + i) * 3 : (line, i) => (i * image.width + line) * 3;
  let source = image;
  let sourceLength = length;
  let get = at;
  // libvips' vips_resize (gap 2): a box average by the integer part of in / (2 · out) first.
  const shrink = Math.floor(length / (size * 2));
  if (shrink >= 2) {
    const shrunkLength = Math.ceil(length / shrink);
    const data = new Float64Array(shrunkLength * lines * 3);
    for (let line = 0; line < lines; line++) {
      for (let j = 0; j < shrunkLength; j++) {
        const sum = [0, 0, 0];
        for (let k = 0; k < shrink; k++) {
          const i = Math.min(j * shrink + k, length - 1);
          const o = at(line, i);
          for (let c = 0; c < 3; c++) sum[c] += image.data[o + c];
        }
        for (let c = 0; c < 3; c++) data[(line * shrunkLength + j) * 3 + c] = Math.round(sum[c] / shrink);
      }
    }
    source = { data, width: axis === "x" ? shrunkLength : image.width, height: axis === "x" ? image.height : shrunkLength };
    sourceLength = shrunkLength;
    get = (line, i) => (line * shrunkLength + i) * 3;
  }
  const factor = sourceLength / size;
  // Enlarging: libvips interpolates with a bicubic (Catmull-Rom) kernel instead of Lanczos.
  const upscale = factor < 1;
  const kernel = upscale ? catmullRom : lanczos3;
  const scale = Math.max(factor, 1);
  const support = (upscale ? 2 : 3) * scale;
  const outWidth = axis === "x" ? size : image.width;
  const out = new Float64Array(size * lines * 3);
  for (let j = 0; j < size; j++) {
    const centre = (j + 0.5) * factor - 0.5;
    const first = Math.floor(centre - support) + 1;
    const last = Math.ceil(centre + support) - 1;
    const weights = [];
    let total = 0;
    for (let i = first; i <= last; i++) {
      const w = kernel((i - centre) / scale);
      weights.push(w);
      total += w;
    }
    for (let line = 0; line < lines; line++) {
      const sum = [0, 0, 0];
      for (let i = first; i <= last; i++) {
        const o = get(line, Math.min(Math.max(i, 0), sourceLength - 1));
        const w = weights[i - first] / total;
        for (let c = 0; c < 3; c++) sum[c] += source.data[o + c] * w;
      }
      const o = axis === "x" ? (line * outWidth + j) * 3 : (j * outWidth + line) * 3;
      for (let c = 0; c < 3; c++) out[o + c] = Math.min(255, Math.max(0, Math.round(sum[c])));
    }
  }
  return { data: out, width: outWidth, height: axis === "x" ? image.height : size };
}
