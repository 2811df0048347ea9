import * as tf from "@tensorflow/tfjs";
import { COMPACT_CNN_V1 } from "./catalog";
import { MOBILENET_V2_HEAD_CHANNELS, mobileNetV2Layout } from "./mobilenet-v2-layout";

type SymbolicTensor = tf.SymbolicTensor;

function apply(layer: tf.layers.Layer, input: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
  return layer.apply(input) as SymbolicTensor;
}

function relu6(x: SymbolicTensor): SymbolicTensor {
  return apply(tf.layers.reLU({ maxValue: 6 }), x);
}

/**
 * MobileNet v2's architecture (inverted residual blocks, 1280-wide final 1×1 conv,
 * global average pool) with batch norm folded into the convolutions, as in the
 * converted TF Hub graph. Random weights: for tests and timing, never for
 * accuracy (the pretrained weights come from the models folder).
 */
export function buildMobileNetV2(options: { alpha: number; inputSize: number; seed?: number }): tf.LayersModel {
  let seed = options.seed ?? 1;
  const init = () => tf.initializers.heNormal({ seed: seed++ });
  const layout = mobileNetV2Layout(options.alpha);
  const input = tf.input({ shape: [options.inputSize, options.inputSize, 3] });
  let x = relu6(
    apply(
      tf.layers.conv2d({
        filters: layout.stemChannels,
        kernelSize: 3,
        strides: 2,
        padding: "same",
        kernelInitializer: init(),
      }),
      input,
    ),
  );
  for (const block of layout.blocks) {
    let y = x;
    if (block.expands) y = relu6(apply(tf.layers.conv2d({ filters: block.expandedChannels, kernelSize: 1, kernelInitializer: init() }), y));
    y = relu6(apply(tf.layers.depthwiseConv2d({ kernelSize: 3, strides: block.stride, padding: "same", depthwiseInitializer: init() }), y));
    y = apply(tf.layers.conv2d({ filters: block.outChannels, kernelSize: 1, kernelInitializer: init() }), y);
    x = block.residual ? apply(tf.layers.add(), [x, y]) : y;
  }
  x = relu6(apply(tf.layers.conv2d({ filters: MOBILENET_V2_HEAD_CHANNELS, kernelSize: 1, kernelInitializer: init() }), x));
  const embedding = apply(tf.layers.globalAveragePooling2d({}), x);
  return tf.model({ inputs: input, outputs: embedding, name: `mobilenet_v2_${options.alpha}_${options.inputSize}` });
}

/**
 * The offline fallback backbone: four depthwise-separable stages on a 96×96
 * input, about 74k parameters, small enough to train end to end on two cores.
 * Output: a 128-wide embedding; the trainer puts the classification head on top.
 */
export function buildCompactCnn(options: { seed?: number } = {}): tf.LayersModel {
  let seed = options.seed ?? 1;
  const init = () => tf.initializers.heNormal({ seed: seed++ });
  const { height, width } = COMPACT_CNN_V1.preprocess;
  const input = tf.input({ shape: [height, width, 3] });
  let x = apply(
    tf.layers.conv2d({ filters: 24, kernelSize: 3, strides: 2, padding: "same", useBias: false, kernelInitializer: init() }),
    input,
  );
  x = apply(tf.layers.batchNormalization({}), x);
  x = apply(tf.layers.reLU({}), x);
  for (const [filters, stride] of [
    [48, 2],
    [96, 2],
    [128, 2],
    [192, 1],
  ] as const) {
    x = apply(
      tf.layers.depthwiseConv2d({ kernelSize: 3, strides: stride, padding: "same", useBias: false, depthwiseInitializer: init() }),
      x,
    );
    x = apply(tf.layers.batchNormalization({}), x);
    x = apply(tf.layers.reLU({}), x);
    x = apply(tf.layers.conv2d({ filters, kernelSize: 1, useBias: false, kernelInitializer: init() }), x);
    x = apply(tf.layers.batchNormalization({}), x);
    x = apply(tf.layers.reLU({}), x);
  }
  x = apply(tf.layers.globalAveragePooling2d({}), x);
  const embedding = apply(tf.layers.dense({ units: COMPACT_CNN_V1.embeddingSize, activation: "relu", kernelInitializer: init() }), x);
  return tf.model({ inputs: input, outputs: embedding, name: COMPACT_CNN_V1.id });
}
