// Runs the exported model in a browser with plain TensorFlow.js, preparing pixels exactly as the
// VentureLens server does (see preprocessing.json). The server uses sharp, which is libvips; this
// file uses wasm-vips (libvips compiled to WebAssembly, `npm i wasm-vips`) and repeats sharp's steps:
// the JPEG decoder's shrink-on-load, the embedded colour profile, transparency over the background
// colour, libvips' resize (box shrink, then Lanczos-3, with its 8-bit rounding), the EXIF orientation.
// A JavaScript or canvas resize only comes close: it changed answers on a measurable share of images.
// wasm-vips needs a cross-origin isolated page (COOP/COEP headers, see the README).

/**
 * Loads the model and labels from a folder served over HTTP.
 * @param {typeof import("@tensorflow/tfjs")} tf
 * @param {any} vips the object `await Vips()` from wasm-vips gives
 * @param {string} base URL of the folder holding model.json, labels.json and preprocessing.json (ending in "/")
 */
export async function loadClassifier(tf, vips, base) {
  const [preprocessing, labels] = await Promise.all(
    ["preprocessing.json", "labels.json"].map(async (name) => (await fetch(base + name)).json()),
  );
  const model =
    preprocessing.modelFormat === "layers-model"
      ? await tf.loadLayersModel(base + "model.json")
      : await tf.loadGraphModel(base + "model.json");
  return classifierFor(tf, vips, model, labels, preprocessing);
}

/**
 * @param {typeof import("@tensorflow/tfjs")} tf
 * @param {any} vips
 * @param {{ predict: (x: import("@tensorflow/tfjs").Tensor) => unknown }} model
 * @param {string[]} labels
 * @param {{ height: number, width: number, inputRange: [number, number], background: string }} preprocessing
 */
export function classifierFor(tf, vips, model, labels, preprocessing) {
  return {
    /**
     * Every class with its probability, most likely first.
     * @param {Uint8Array | ArrayBuffer} file the image file's bytes (JPEG, PNG, WebP…), e.g. from `await file.arrayBuffer()`
     */
    classify(file) {
      const input = toModelInput(vips, file, preprocessing);
      const probabilities = tf.tidy(() => {
        const out = model.predict(tf.tensor4d(input, [1, preprocessing.height, preprocessing.width, 3]));
        return /** @type {import("@tensorflow/tfjs").Tensor} */ (out).dataSync();
      });
      return labels.map((label, i) => ({ label, probability: probabilities[i] })).sort((a, b) => b.probability - a.probability);
    },
  };
}

/**
 * An image file's bytes → the model's input: height × width × 3 floats in inputRange. The same
 * steps, in the same order, as the server's `sharp(file).rotate().flatten({ background })
 * .resize(width, height, { fit: "fill" }).toColourspace("srgb").removeAlpha().raw()`.
 * @param {any} vips
 * @param {Uint8Array | ArrayBuffer} file
 * @param {{ height: number, width: number, inputRange: [number, number], background: string }} spec
 * @returns {Float32Array}
 */
export function toModelInput(vips, file, spec) {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  const rgb = withImages((keep) => {
    let image = keep(vips.Image.newFromBuffer(bytes));
    const orientation = image.getTypeof("orientation") ? image.getInt("orientation") : 1;
    // sharp resizes before it applies the EXIF orientation, so a quarter turn swaps the target's sides.
    const [width, height] = orientation >= 5 && orientation <= 8 ? [spec.height, spec.width] : [spec.width, spec.height];
    const shrink = Math.min(image.width / width, image.height / height);
    const loader = image.getTypeof("vips-loader") ? image.getString("vips-loader") : "";
    // sharp's shrink-on-load: JPEGs are decoded at 1/2, 1/4 or 1/8 size, WebPs at the final scale.
    if (loader.startsWith("jpegload")) {
      let factor = shrink >= 8 ? 8 : shrink >= 4 ? 4 : shrink >= 2 ? 2 : 1;
      if (factor > 1 && Math.trunc(shrink) === factor) factor /= 2;
      if (factor > 1) image = keep(vips.Image.newFromBuffer(bytes, "", { shrink: factor }));
    } else if (loader.startsWith("webpload") && shrink > 1) {
      image = keep(vips.Image.newFromBuffer(bytes, "", { scale: 1 / shrink }));
    }
    if (image.getTypeof("icc-profile-data")) {
      image = keep(image.iccTransform("srgb", { embedded: true, depth: 8, intent: "perceptual" }));
    }
    if (image.hasAlpha()) image = keep(image.flatten({ background: parseColour(spec.background) }));
    const hshrink = image.width / width;
    const vshrink = image.height / height;
    if (hshrink !== 1 || vshrink !== 1) {
      image = keep(image.resize(1 / hshrink, { vscale: 1 / vshrink, kernel: "lanczos3" }));
    }
    if (orientation !== 1) image = keep(image.autorot());
    image = keep(image.colourspace("srgb"));
    if (image.bands > 3) image = keep(image.extractBand(0, { n: 3 }));
    return image.writeToMemory();
  });
  const [min, max] = spec.inputRange;
  const out = new Float32Array(rgb.length);
  for (let i = 0; i < out.length; i++) out[i] = rgb[i] * ((max - min) / 255) + min;
  return out;
}

/**
 * wasm-vips images live in WebAssembly memory until deleted: every image made in `work` is freed after it.
 * @template T
 * @param {(keep: (image: any) => any) => T} work
 * @returns {T}
 */
function withImages(work) {
  const made = [];
  try {
    return work((image) => (made.push(image), image));
  } finally {
    for (const image of made) image.delete();
  }
}

/** @param {string} hex */
function parseColour(hex) {
  const value = parseInt(hex.replace("#", ""), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
