import type * as tf from "@tensorflow/tfjs";

export declare const AUGMENT_DECODE_SCALE: number;
export declare function augmentBatch(
  images: tf.Tensor4D,
  spec: { height: number; width: number; inputRange: [number, number] },
  random: () => number,
): tf.Tensor4D;
