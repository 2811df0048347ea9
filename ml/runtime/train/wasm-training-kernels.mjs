// @ts-check
// Gradient kernels that tfjs-backend-wasm 4.22 lacks. Without them, training any
// convolutional network on WASM fails ("Kernel 'Conv2DBackpropFilter' not
// registered"), and the pure-JS cpu backend was measured at ~30 s per training
// step of 16 images at 96×96 for the compact CNN: useless. Here the heavy
// arithmetic runs in WASM kernels that exist (matrix products, depthwise
// convolution); the light parts (depthwise filter sums, copying windows) are
// loops over WASM memory. With these, one step of the compact CNN on 16 images
// took ~0.9 s on this machine's WASM backend instead of ~30 s on cpu.
// Plain JavaScript: the training worker thread loads it from disk.
import * as tf from "@tensorflow/tfjs";

let tilePatched = false;

/**
 * Batch normalisation's gradient (tfjs-core) tiles a per-channel vector to the
 * full activation shape; WASM's Tile took ~240 ms for a 16×48×48×24 result,
 * more than the convolutions around it. When every repeated axis has size 1 the
 * tile is a broadcast, done here as a multiplication with ones.
 */
function patchBroadcastTile() {
  if (tilePatched) return;
  const original = tf.getKernel("Tile", "wasm");
  if (!original) return;
  tf.unregisterKernel("Tile", "wasm");
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = /** @type {any} */ (args);
      const { x } = inputs;
      const reps = /** @type {number[]} */ (attrs.reps);
      const broadcast = x.dtype === "float32" && reps.length === x.shape.length && reps.every((r, i) => r === 1 || x.shape[i] === 1);
      if (!broadcast) return original.kernelFunc(args);
      const k = kernelRunner(backend);
      try {
        const shape = x.shape.map((/** @type {number} */ d, /** @type {number} */ i) => d * /** @type {number} */ (reps[i]));
        const ones = k.run("Fill", {}, { shape, value: 1, dtype: "float32" });
        return k.keep(k.run("Multiply", { a: ones, b: x }));
      } catch (err) {
        k.dispose();
        throw err;
      }
    },
  });
  tilePatched = true;
}

/**
 * Registers the missing kernels for the "wasm" backend once. Safe to call again
 * and a no-op for kernels a later tfjs version provides itself.
 */
export function registerWasmTrainingKernels() {
  patchBroadcastTile();
  const kernels = {
    Conv2DBackpropFilter: conv2dBackpropFilter,
    DepthwiseConv2dNativeBackpropFilter: depthwiseBackpropFilter,
    DepthwiseConv2dNativeBackpropInput: depthwiseBackpropInput,
  };
  for (const [kernelName, kernelFunc] of Object.entries(kernels)) {
    if (tf.getKernel(kernelName, "wasm")) continue;
    tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc: /** @type {any} */ (kernelFunc) });
  }
}

/**
 * Runs WASM kernels by name and frees every intermediate result except the one
 * handed back (TF.js kernels own no tensors, only data ids).
 * @param {any} backend
 */
function kernelRunner(backend) {
  /** @type {any[]} */
  const temporaries = [];
  return {
    /**
     * @param {string} name
     * @param {Record<string, any>} inputs
     * @param {Record<string, any>} [attrs]
     */
    run(name, inputs, attrs = {}) {
      const kernel = tf.getKernel(name, "wasm");
      if (!kernel) throw new Error(`WASM kernel ${name} is missing`);
      const out = kernel.kernelFunc({ inputs, backend, attrs });
      temporaries.push(out);
      return /** @type {any} */ (out);
    },
    /** @param {any} t a result made outside run() that must be freed with the rest */
    adopt(t) {
      if (!temporaries.includes(t)) temporaries.push(t);
      return t;
    },
    /** @param {any} result */
    keep(result) {
      for (const t of temporaries) if (t !== result) backend.disposeData(t.dataId);
      return result;
    },
    dispose() {
      for (const t of temporaries) backend.disposeData(t.dataId);
    },
  };
}

/** @param {any} value */
function pair(value) {
  return Array.isArray(value) ? value : [value, value];
}

/**
 * @param {any} x
 * @param {[number, number, number, number]} filterShape
 * @param {any} attrs
 * @param {boolean} depthwise
 */
function convInfo(x, filterShape, attrs, depthwise) {
  const [dh, dw] = pair(attrs.dilations ?? 1);
  if (dh !== 1 || dw !== 1) throw new Error("WASM training kernels support dilation 1 only");
  if (attrs.dataFormat && attrs.dataFormat !== "NHWC") throw new Error("WASM training kernels support NHWC only");
  return tf.backend_util.computeConv2DInfo(x.shape, filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, depthwise);
}

/**
 * dW = colsᵀ·dy, one WASM matrix product. For pointwise (1×1, stride 1)
 * convolutions — most of the arithmetic in MobileNet-like networks — the input
 * already is the column matrix; other shapes get their windows copied side by
 * side first (im2col).
 * @param {{ inputs: { x: any, dy: any }, backend: any, attrs: any }} args
 */
function conv2dBackpropFilter({ inputs, backend, attrs }) {
  const { x, dy } = inputs;
  const info = convInfo(x, attrs.filterShape, attrs, false);
  const { top, bottom, left, right } = info.padInfo;
  const pointwise =
    info.filterHeight === 1 &&
    info.filterWidth === 1 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    !(top || bottom || left || right);
  const k = kernelRunner(backend);
  try {
    const rows = info.batchSize * info.outHeight * info.outWidth;
    const a = pointwise ? k.run("Reshape", { x }, { shape: [1, rows, x.shape[3]] }) : k.adopt(im2col(backend, x, info));
    const b = k.run("Reshape", { x: dy }, { shape: [1, rows, dy.shape[3]] });
    const product = k.run("BatchMatMul", { a, b }, { transposeA: true, transposeB: false });
    return k.keep(k.run("Reshape", { x: product }, { shape: attrs.filterShape }));
  } catch (err) {
    k.dispose();
    throw err;
  }
}

/**
 * The convolution's input windows as rows: [1, n·outH·outW, fh·fw·cin], zeros
 * where a window reaches into the padding.
 * @param {any} backend
 * @param {any} x
 * @param {any} info
 */
function im2col(backend, x, info) {
  const cin = x.shape[3];
  const width = info.filterHeight * info.filterWidth * cin;
  const out = backend.makeOutput([1, info.batchSize * info.outHeight * info.outWidth, width], "float32");
  const xv = /** @type {Float32Array} */ (backend.typedArrayFromHeap(x));
  const cols = /** @type {Float32Array} */ (backend.typedArrayFromHeap(out));
  cols.fill(0);
  forEachWindowTap(x.shape, info, (row, tap, pixel) => {
    const src = pixel * cin;
    cols.set(xv.subarray(src, src + cin), row * width + tap * cin);
  });
  return out;
}

/**
 * Walks every output position's window over the input, the loops both the forward
 * copy (im2col) and the depthwise filter gradient need: visits each (output
 * position, filter tap) whose input pixel lies inside the image, skipping taps in
 * the padding. Order: batch, output row, output column, filter row, filter column.
 * @param {number[]} xShape The input's NHWC shape.
 * @param {any} info The convolution's geometry (tf.backend_util.computeConv2DInfo).
 * @param {(row: number, tap: number, pixel: number) => void} visit `row`: the output
 *   position (n·outH·outW + r·outW + c); `tap`: i·fw + j; `pixel`: the input pixel
 *   (n·h·w + hh·w + ww), to be multiplied by the channel count for an offset.
 */
function forEachWindowTap(xShape, info, visit) {
  const [, h, w] = /** @type {[number, number, number, number]} */ (xShape);
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw, batchSize } = info;
  const { top, left } = info.padInfo;
  let row = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let r = 0; r < oh; r++) {
      for (let c = 0; c < ow; c++, row++) {
        for (let i = 0; i < fh; i++) {
          const hh = r * sh + i - top;
          if (hh < 0 || hh >= h) continue;
          for (let j = 0; j < fw; j++) {
            const ww = c * sw + j - left;
            if (ww < 0 || ww >= w) continue;
            visit(row, i * fw + j, (n * h + hh) * w + ww);
          }
        }
      }
    }
  }
}

/**
 * Depthwise filter gradients are small sums (fh·fw·C outputs); composing them
 * from WASM slices moved far more memory than the arithmetic needs.
 * @param {{ inputs: { x: any, dy: any }, backend: any, attrs: any }} args
 */
function depthwiseBackpropFilter({ inputs, backend, attrs }) {
  const { x, dy } = inputs;
  if (attrs.filterShape[3] !== 1) throw new Error("WASM depthwise training kernels support a channel multiplier of 1 only");
  const info = convInfo(x, attrs.filterShape, attrs, true);
  return depthwiseFilterLoop(backend, x, dy, info, attrs.filterShape);
}

/**
 * dW[i, j, c] = Σ_{n, oh, ow} x[n, oh·sh + i − top, ow·sw + j − left, c] · dy[n, oh, ow, c],
 * reading and writing WASM memory directly.
 * @param {any} backend
 * @param {any} x
 * @param {any} dy
 * @param {any} info
 * @param {[number, number, number, number]} filterShape
 */
function depthwiseFilterLoop(backend, x, dy, info, filterShape) {
  const out = backend.makeOutput(filterShape, "float32");
  // Views are taken after makeOutput: allocating can grow WASM memory and detach older views.
  const xv = /** @type {Float32Array} */ (backend.typedArrayFromHeap(x));
  const dyv = /** @type {Float32Array} */ (backend.typedArrayFromHeap(dy));
  const dw = new Float32Array(filterShape[0] * filterShape[1] * filterShape[2]);
  const channels = x.shape[3];
  forEachWindowTap(x.shape, info, (row, tap, pixel) => {
    const dyOff = row * channels;
    const xOff = pixel * channels;
    const wOff = tap * channels;
    for (let ch = 0; ch < channels; ch++)
      dw[wOff + ch] =
        /** @type {number} */ (dw[wOff + ch]) + /** @type {number} */ (xv[xOff + ch]) * /** @type {number} */ (dyv[dyOff + ch]);
  });
  /** @type {Float32Array} */ (backend.typedArrayFromHeap(out)).set(dw);
  return out;
}

/**
 * The transposed depthwise convolution: spread dy back onto the stride grid
 * (zeros in between), pad by the filter size, correlate with the filter turned
 * 180°, and cut out the input's window from the padded result.
 * @param {{ inputs: { dy: any, filter: any }, backend: any, attrs: any }} args
 */
function depthwiseBackpropInput({ inputs, backend, attrs }) {
  const { dy, filter } = inputs;
  const [fh, fw, channels, multiplier] = filter.shape;
  if (multiplier !== 1) throw new Error("WASM depthwise training kernels support a channel multiplier of 1 only");
  const [n, h, w] = attrs.inputShape;
  const info = convInfo({ shape: attrs.inputShape }, filter.shape, attrs, true);
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const { top, left } = info.padInfo;
  const k = kernelRunner(backend);
  try {
    let spread = dy;
    if (sh > 1) {
      const rows = k.run("Reshape", { x: spread }, { shape: [n, oh, 1, ow * channels] });
      const padded = k.run(
        "PadV2",
        { x: rows },
        {
          paddings: [
            [0, 0],
            [0, 0],
            [0, sh - 1],
            [0, 0],
          ],
          constantValue: 0,
        },
      );
      spread = k.run("Reshape", { x: padded }, { shape: [n, oh * sh, ow, channels] });
    }
    if (sw > 1) {
      const cols = k.run("Reshape", { x: spread }, { shape: [n * oh * sh, ow, 1, channels] });
      const padded = k.run(
        "PadV2",
        { x: cols },
        {
          paddings: [
            [0, 0],
            [0, 0],
            [0, sw - 1],
            [0, 0],
          ],
          constantValue: 0,
        },
      );
      spread = k.run("Reshape", { x: padded }, { shape: [n, oh * sh, ow * sw, channels] });
    }
    const lh = spread.shape[1];
    const lw = spread.shape[2];
    const after = [Math.max(0, top + h - lh), Math.max(0, left + w - lw)];
    const framed = k.run(
      "PadV2",
      { x: spread },
      {
        paddings: [
          [0, 0],
          [fh - 1, after[0]],
          [fw - 1, after[1]],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
    const turned = k.run("Reverse", { x: filter }, { dims: [0, 1] });
    const full = k.run(
      "DepthwiseConv2dNative",
      { x: framed, filter: turned },
      { strides: [1, 1], pad: "valid", dilations: [1, 1], dataFormat: "NHWC" },
    );
    return k.keep(k.run("Slice", { x: full }, { begin: [0, top, left, 0], size: [n, h, w, channels] }));
  } catch (err) {
    k.dispose();
    throw err;
  }
}
