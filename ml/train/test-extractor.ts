// Test-only frozen feature extractor: fixed oriented edge filters at two scales,
// rectified and averaged over the image, then normalised. A stand-in for a
// pretrained backbone that needs no download: it sees edges and their
// directions, not what they mean; the trained head has to learn that.
import * as tf from "@tensorflow/tfjs";
import type { BackboneSpec } from "../types";

const ORIENTATIONS = 12;
const KERNEL = 7;
const EDGE_THRESHOLD = 0.05;

function orientedEdgeKernel(): tf.Tensor4D {
  const values = new Float32Array(KERNEL * KERNEL * 3 * ORIENTATIONS);
  const half = (KERNEL - 1) / 2;
  const sub = 8;
  for (let k = 0; k < ORIENTATIONS; k++) {
    const angle = (2 * Math.PI * k) / ORIENTATIONS;
    const kernel: number[] = [];
    for (let y = 0; y < KERNEL; y++) {
      for (let x = 0; x < KERNEL; x++) {
        // Averaged over the pixel's area and cut to a round window, so that no
        // direction is favoured by the square grid.
        let sum = 0;
        for (let sy = 0; sy < sub; sy++) {
          for (let sx = 0; sx < sub; sx++) {
            const u = x - half + (sx + 0.5) / sub - 0.5;
            const v = y - half + (sy + 0.5) / sub - 0.5;
            if (u * u + v * v > (half + 0.5) ** 2) continue;
            // Across the edge: a derivative; along it: a long Gaussian, for sharp orientation tuning.
            const across = u * Math.cos(angle) + v * Math.sin(angle);
            const along = -u * Math.sin(angle) + v * Math.cos(angle);
            sum += -across * Math.exp(-(across * across) / (2 * 0.9 * 0.9) - (along * along) / (2 * 2.2 * 2.2));
          }
        }
        kernel.push(sum / (sub * sub));
      }
    }
    const norm = Math.sqrt(kernel.reduce((s, w) => s + w * w, 0));
    kernel.forEach((w, i) => {
      for (let c = 0; c < 3; c++) values[(i * 3 + c) * ORIENTATIONS + k] = (w / norm) * 0.25;
    });
  }
  return tf.tensor4d(values, [KERNEL, KERNEL, 3, ORIENTATIONS]);
}

/** The extractor as a layers model (serialisable like any backbone) and its spec. */
export function buildEdgeExtractor(size: number): { model: tf.LayersModel; spec: BackboneSpec } {
  const input = tf.input({ shape: [size, size, 3] });
  const branch = (x: tf.SymbolicTensor, name: string) => {
    const edges = tf.layers.depthwiseConv2d({
      name: `${name}_edges`,
      kernelSize: KERNEL,
      depthMultiplier: ORIENTATIONS,
      padding: "same",
      useBias: true,
      trainable: false,
    });
    const y = edges.apply(x) as tf.SymbolicTensor;
    // The negative bias is a threshold: pixel noise stays below it, real edges pass.
    edges.setWeights([orientedEdgeKernel(), tf.fill([3 * ORIENTATIONS], -EDGE_THRESHOLD)]);
    const rectified = tf.layers.reLU({ name: `${name}_relu` }).apply(y) as tf.SymbolicTensor;
    return tf.layers.globalAveragePooling2d({ name: `${name}_pool` }).apply(rectified) as tf.SymbolicTensor;
  };
  const fine = branch(input, "fine");
  const coarse = branch(tf.layers.averagePooling2d({ name: "downsample", poolSize: 2 }).apply(input) as tf.SymbolicTensor, "coarse");
  const coarser = branch(tf.layers.averagePooling2d({ name: "downsample4", poolSize: 4 }).apply(input) as tf.SymbolicTensor, "coarser");
  const joined = tf.layers.concatenate({ name: "joined" }).apply([fine, coarse, coarser]) as tf.SymbolicTensor;
  const normalised = tf.layers.layerNormalization({ name: "normalised", trainable: false }).apply(joined) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: normalised, name: "edge_extractor" });
  const spec: BackboneSpec = {
    id: `test_edge_extractor_${size}`,
    kind: "pretrained",
    title: "Oriented edge energies (test stand-in for a pretrained backbone)",
    format: "layers-model",
    preprocess: { version: 1, height: size, width: size, inputRange: [0, 1], resize: "fill", background: "#ffffff" },
    embeddingSize: 3 * 3 * ORIENTATIONS,
  };
  return { model, spec };
}
