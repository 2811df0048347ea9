import type * as tf from "@tensorflow/tfjs";

export declare const HEAD_LAYERS: { hidden: string; dropout: string; logits: string; probabilities: string };
export declare function buildHead(options: {
  inputSize: number;
  classCount: number;
  hiddenUnits: number;
  dropout: number;
  seed: number;
}): tf.Sequential;
export declare function trainingLogits(head: tf.LayersModel, x: tf.Tensor, rate: number, random: () => number): tf.Tensor2D;
export declare function inferenceLogits(head: tf.LayersModel, x: tf.Tensor): tf.Tensor2D;
export declare function trainableVariables(model: tf.LayersModel): tf.Variable[];
