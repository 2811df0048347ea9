// MobileNet v2 written directly as a TF.js graph model, with the fused ops the
// TF.js converter produces for the TF Hub model (_FusedConv2D and
// FusedDepthwiseConv2dNative with BiasAdd + Relu6, AddV2 residuals, AvgPool at
// the end). Random weights: it runs the same code path and the same kernels as
// the downloaded backbone, so it serves the tests and the benchmark where the
// real weights cannot be downloaded. It classifies nothing.
import type { SerializedModel } from "../types";
import { MOBILENET_V2_HEAD_CHANNELS, mobileNetV2Layout } from "./mobilenet-v2-layout";

const b64 = (text: string) => Buffer.from(text).toString("base64");
const ints = (...values: number[]) => ({ list: { i: values.map(String) } });
const FLOAT = { type: "DT_FLOAT" };
const NHWC = { s: b64("NHWC") };

export function buildMobileNetV2Graph(options: {
  alpha: number;
  inputSize: number;
  embeddingNode: string;
  seed?: number;
}): SerializedModel {
  let state = (options.seed ?? 1) >>> 0 || 1;
  const uniform = () => {
    // xorshift32: reproducible weights without pulling TF.js into a pure builder.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  const nodes: object[] = [];
  const weightSpecs: Array<{ name: string; shape: number[]; dtype: "float32" }> = [];
  const chunks: Float32Array[] = [];

  const constant = (name: string, shape: number[], scale: number, offset = 0) => {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = offset + (uniform() * 2 - 1) * scale;
    nodes.push({
      name,
      op: "Const",
      attr: { dtype: FLOAT, value: { tensor: { dtype: "DT_FLOAT", tensorShape: { dim: shape.map((d) => ({ size: String(d) })) } } } },
    });
    weightSpecs.push({ name, shape, dtype: "float32" });
    chunks.push(values);
    return name;
  };
  const fusedAttrs = (stride: number, relu6: boolean) => ({
    T: FLOAT,
    strides: ints(1, stride, stride, 1),
    padding: { s: b64("SAME") },
    data_format: NHWC,
    dilations: ints(1, 1, 1, 1),
    fused_ops: { list: { s: [b64("BiasAdd"), ...(relu6 ? [b64("Relu6")] : [])] } },
    num_args: { i: "1" },
    epsilon: { f: 0 },
  });
  // Uniform ±sqrt(6 / fan-in) (He) keeps activations from dying or saturating through ~50 layers.
  const conv = (name: string, input: string, inChannels: number, outChannels: number, kernel: number, stride: number, relu6: boolean) => {
    const filter = constant(`${name}/weights`, [kernel, kernel, inChannels, outChannels], Math.sqrt(6 / (kernel * kernel * inChannels)));
    const bias = constant(`${name}/bias`, [outChannels], 0.01, relu6 ? 0.05 : 0);
    nodes.push({ name, op: "_FusedConv2D", input: [input, filter, bias], attr: fusedAttrs(stride, relu6) });
    return name;
  };
  const depthwise = (name: string, input: string, channels: number, stride: number) => {
    const filter = constant(`${name}/depthwise_weights`, [3, 3, channels, 1], Math.sqrt(6 / 9));
    const bias = constant(`${name}/bias`, [channels], 0.01, 0.05);
    nodes.push({ name, op: "FusedDepthwiseConv2dNative", input: [input, filter, bias], attr: fusedAttrs(stride, true) });
    return name;
  };

  const size = options.inputSize;
  nodes.push({
    name: "images",
    op: "Placeholder",
    attr: { dtype: FLOAT, shape: { shape: { dim: [-1, size, size, 3].map((d) => ({ size: String(d) })) } } },
  });
  const layout = mobileNetV2Layout(options.alpha);
  let x = conv("MobilenetV2/Conv", "images", 3, layout.stemChannels, 3, 2, true);
  for (const block of layout.blocks) {
    const name = `MobilenetV2/expanded_conv_${block.index}`;
    let y = x;
    if (block.expands) y = conv(`${name}/expand`, y, block.inChannels, block.expandedChannels, 1, 1, true);
    y = depthwise(`${name}/depthwise`, y, block.expandedChannels, block.stride);
    y = conv(`${name}/project`, y, block.expandedChannels, block.outChannels, 1, 1, false);
    if (block.residual) {
      nodes.push({ name: `${name}/add`, op: "AddV2", input: [x, y], attr: { T: FLOAT } });
      y = `${name}/add`;
    }
    x = y;
  }
  const lastChannels = layout.blocks.at(-1)!.outChannels;
  x = conv("MobilenetV2/Conv_1", x, lastChannels, MOBILENET_V2_HEAD_CHANNELS, 1, 1, true);
  const pooled = Math.ceil(size / 32);
  nodes.push({
    name: options.embeddingNode,
    op: "AvgPool",
    input: [x],
    attr: { T: FLOAT, ksize: ints(1, pooled, pooled, 1), strides: ints(1, 1, 1, 1), padding: { s: b64("VALID") }, data_format: NHWC },
  });

  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const weights = new Float32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    weights.set(chunk, offset);
    offset += chunk.length;
  }
  return {
    format: "graph-model",
    generatedBy: "VentureLens synthetic MobileNet v2 (random weights)",
    convertedBy: null,
    modelTopology: { node: nodes, versions: { producer: 1 } },
    weightSpecs,
    weightData: weights.buffer,
  };
}
