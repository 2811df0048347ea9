// @ts-check
// Random flips, crops and brightness changes, drawn from the run's seeded
// generator. Plain JavaScript: runs in the training worker.
import * as tf from "@tensorflow/tfjs";

/** Images are decoded this much larger than the network input, so a crop keeps full resolution. */
export const AUGMENT_DECODE_SCALE = 1.15;

/** Crops keep 80–100 % of the side. */
const MIN_CROP = 0.8;
/** Brightness moves by up to this share of the input range. */
const MAX_BRIGHTNESS = 0.15;

/**
 * @param {tf.Tensor4D} images [n, h, w, 3], already normalised to spec.inputRange
 * @param {{ height: number, width: number, inputRange: [number, number] }} spec
 * @param {() => number} random
 * @returns {tf.Tensor4D} [n, spec.height, spec.width, 3]
 */
export function augmentBatch(images, spec, random) {
  const n = images.shape[0];
  const boxes = new Float32Array(n * 4);
  const deltas = new Float32Array(n);
  const [min, max] = spec.inputRange;
  for (let i = 0; i < n; i++) {
    const side = MIN_CROP + (1 - MIN_CROP) * random();
    const aspect = 0.9 + 0.2 * random();
    const h = side;
    const w = Math.min(1, side * aspect);
    const y1 = random() * (1 - h);
    const x1 = random() * (1 - w);
    // A box whose x1 > x2 samples the crop mirrored left to right.
    const flip = random() < 0.5;
    boxes.set(flip ? [y1, x1 + w, y1 + h, x1] : [y1, x1, y1 + h, x1 + w], i * 4);
    deltas[i] = (random() * 2 - 1) * MAX_BRIGHTNESS * (max - min);
  }
  return tf.tidy(() => {
    const cropped = tf.image.cropAndResize(
      images,
      tf.tensor2d(boxes, [n, 4]),
      tf.tensor1d(
        Int32Array.from({ length: n }, (_, i) => i),
        "int32",
      ),
      [spec.height, spec.width],
      "bilinear",
    );
    return /** @type {tf.Tensor4D} */ (tf.clipByValue(tf.add(cropped, tf.tensor4d(deltas, [n, 1, 1, 1])), min, max));
  });
}
