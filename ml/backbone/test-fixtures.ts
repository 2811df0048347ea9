// Test-only models. A converted TF Hub graph cannot be produced here (that needs
// Python's converter), so this writes a tiny graph-model by hand with the same
// input, node name and output shape as the MobileNet v2 classifier the fetch
// script downloads.
import * as tf from "@tensorflow/tfjs";
import type { SerializedModel } from "../types";

const b64 = (text: string) => Buffer.from(text).toString("base64");
const ints = (...values: number[]) => ({ list: { i: values.map(String) } });
const float = { type: "DT_FLOAT" };

/**
 * images [n,224,224,3] -> 1×1 conv (stride 8) -> relu -> AvgPool to [n,1,1,channels]
 * named `embeddingNode` -> a "logits" branch multiplied by zero. Reading the
 * embedding node gives non-zero values; the model's default output is all zeros,
 * which tells a test which one it got.
 */
export function handWrittenGraphModel(options: {
  embeddingNode: string;
  channels: number;
  inputSize?: number;
  seed?: number;
}): SerializedModel {
  const size = options.inputSize ?? 224;
  const stride = 8;
  const pooled = Math.ceil(size / stride);
  const filter = tf.randomUniform([1, 1, 3, options.channels], 0.1, 1, "float32", options.seed ?? 7);
  const filterValues = filter.dataSync() as Float32Array;
  filter.dispose();
  const zero = new Float32Array([0]);
  const weightData = new Uint8Array(filterValues.byteLength + zero.byteLength);
  weightData.set(new Uint8Array(filterValues.buffer, filterValues.byteOffset, filterValues.byteLength), 0);
  weightData.set(new Uint8Array(zero.buffer), filterValues.byteLength);

  const constNode = (name: string, dims: number[]) => ({
    name,
    op: "Const",
    attr: { dtype: float, value: { tensor: { dtype: "DT_FLOAT", tensorShape: { dim: dims.map((d) => ({ size: String(d) })) } } } },
  });
  return {
    format: "graph-model",
    generatedBy: "hand-written test fixture",
    convertedBy: null,
    modelTopology: {
      node: [
        {
          name: "images",
          op: "Placeholder",
          attr: { dtype: float, shape: { shape: { dim: [-1, size, size, 3].map((d) => ({ size: String(d) })) } } },
        },
        constNode("conv/filter", [1, 1, 3, options.channels]),
        {
          name: "conv",
          op: "Conv2D",
          input: ["images", "conv/filter"],
          attr: {
            T: float,
            strides: ints(1, stride, stride, 1),
            padding: { s: b64("SAME") },
            data_format: { s: b64("NHWC") },
            dilations: ints(1, 1, 1, 1),
          },
        },
        { name: "relu", op: "Relu", input: ["conv"], attr: { T: float } },
        {
          name: options.embeddingNode,
          op: "AvgPool",
          input: ["relu"],
          attr: {
            T: float,
            ksize: ints(1, pooled, pooled, 1),
            strides: ints(1, 1, 1, 1),
            padding: { s: b64("VALID") },
            data_format: { s: b64("NHWC") },
          },
        },
        constNode("logits/zero", []),
        { name: "logits", op: "Mul", input: [options.embeddingNode, "logits/zero"], attr: { T: float } },
      ],
      versions: { producer: 1 },
    },
    weightSpecs: [
      { name: "conv/filter", shape: [1, 1, 3, options.channels], dtype: "float32" },
      { name: "logits/zero", shape: [], dtype: "float32" },
    ],
    weightData: weightData.buffer,
  };
}
