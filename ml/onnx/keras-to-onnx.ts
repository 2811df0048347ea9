import * as tf from "@tensorflow/tfjs";
import type { SerializedModel } from "../types";
import { OnnxGraph } from "./onnx-graph";

/**
 * Converts a TF.js layers model (Keras topology + weights) into an ONNX model
 * for ONNX Runtime. Input stays NHWC like the TF.js model (one Transpose at the
 * start), so callers feed the same preprocessed pixels to both engines.
 *
 * - BatchNormalization that directly follows a linear convolution (its only
 *   consumer) is folded into the convolution's weights and bias: one op instead
 *   of three, and the bulk of the speed-up over the Keras graph.
 * - Keras "same" padding is computed from the tracked spatial sizes (it pads the
 *   extra row/column at the end, which ONNX's auto_pad=SAME_UPPER would match
 *   only for the default case; explicit pads leave no doubt).
 * - Pooling over a grid of cells and Concatenate (along the channels) convert
 *   as they are, so features pooled inside the model (ml/backbone/feature-pooling.ts)
 *   reach ONNX Runtime unchanged.
 * - `pooledOutputs` cuts the network at several layers instead of its own
 *   output: each is globally average-pooled and the results are concatenated,
 *   so a caller can choose other features than the final embedding.
 */
export interface KerasToOnnxOptions {
  /** Layers whose 4-D outputs are average-pooled and concatenated (in this order) into the output. Default: the model's own output. */
  pooledOutputs?: string[];
  /** Graph name and doc string, kept in the file. */
  name?: string;
  docString?: string;
  metadata?: Record<string, string>;
}

export const ONNX_INPUT = "image";
export const ONNX_OUTPUT = "output";

export class UnsupportedModelError extends Error {
  override name = "UnsupportedModelError";
}

interface KerasLayer {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  inbound: string[];
}

/** Channels-first shape without the batch: [c, h, w] for images, [c] for vectors. */
type Shape = number[];

export function kerasToOnnx(model: SerializedModel, options: KerasToOnnxOptions = {}): Uint8Array {
  if (model.format !== "layers-model") throw new UnsupportedModelError(`only layers models convert to ONNX, not ${model.format}`);
  const layers = readLayers(model.modelTopology);
  const weights = decodeWeights(model);
  try {
    return new Converter(layers, weights, options).run();
  } finally {
    for (const t of Object.values(weights)) t.dispose();
  }
}

function readLayers(topology: unknown): { layers: KerasLayer[]; outputs: string[] } {
  const root = topology as { model_config?: unknown; class_name?: string; config?: unknown };
  const modelConfig = (root.model_config ?? root) as {
    class_name?: string;
    config?: { layers?: unknown[]; output_layers?: unknown[] } | unknown[];
  };
  const config = modelConfig.config;
  if (modelConfig.class_name === "Sequential") {
    const list = (Array.isArray(config) ? config : ((config as { layers?: unknown[] })?.layers ?? [])) as Array<{
      class_name: string;
      config: Record<string, unknown>;
    }>;
    const layers: KerasLayer[] = [];
    const first = list[0]?.config;
    if (first?.batch_input_shape) {
      layers.push({
        class_name: "InputLayer",
        name: "sequential_input",
        config: { batch_input_shape: first.batch_input_shape },
        inbound: [],
      });
    }
    for (const raw of list) {
      const name = String(raw.config.name);
      const previous = layers.at(-1);
      layers.push({ class_name: raw.class_name, name, config: raw.config, inbound: previous ? [previous.name] : [] });
    }
    return { layers, outputs: [layers.at(-1)!.name] };
  }
  if (!config || Array.isArray(config) || !Array.isArray(config.layers))
    throw new UnsupportedModelError("the model topology has no layers");
  const layers = config.layers.map((entry) => {
    const raw = entry as { class_name: string; name?: string; config: Record<string, unknown>; inbound_nodes?: unknown[] };
    const nodes = (raw.inbound_nodes ?? []) as Array<Array<[string, number, number]>>;
    if (nodes.length > 1) throw new UnsupportedModelError(`layer ${raw.name} is applied more than once (shared layers are not supported)`);
    return {
      class_name: raw.class_name,
      name: String(raw.name ?? raw.config.name),
      config: raw.config,
      inbound: (nodes[0] ?? []).map((ref) => {
        if (ref[2] !== 0) throw new UnsupportedModelError(`layer ${raw.name} takes a layer's second output`);
        return ref[0];
      }),
    };
  });
  const outputs = ((config.output_layers ?? []) as Array<[string, number, number]>).map((ref) => ref[0]);
  return { layers, outputs };
}

function decodeWeights(model: SerializedModel): tf.NamedTensorMap {
  return tf.io.decodeWeights(model.weightData, model.weightSpecs as tf.io.WeightsManifestEntry[]);
}

class Converter {
  private readonly graph = new OnnxGraph();
  private readonly shapes = new Map<string, Shape>();
  /** Layer name → the ONNX tensor that holds its output (a folded BatchNorm points at its convolution). */
  private readonly tensors = new Map<string, string>();
  private readonly consumers = new Map<string, KerasLayer[]>();
  private readonly folded = new Set<string>();
  private inputShape: number[] = [];

  constructor(
    private readonly model: { layers: KerasLayer[]; outputs: string[] },
    private readonly weights: tf.NamedTensorMap,
    private readonly options: KerasToOnnxOptions,
  ) {
    for (const layer of model.layers) {
      for (const source of layer.inbound) this.consumers.set(source, [...(this.consumers.get(source) ?? []), layer]);
    }
  }

  run(): Uint8Array {
    for (const layer of this.model.layers) {
      if (this.folded.has(layer.name)) continue;
      this.convert(layer);
    }
    const { output, width } = this.finish();
    this.graph.node("Identity", [output], ONNX_OUTPUT);
    return this.graph.encode({
      name: this.options.name ?? "model",
      inputs: [{ name: ONNX_INPUT, shape: ["batch", ...this.inputShape] }],
      output: { name: ONNX_OUTPUT, shape: ["batch", width] },
      ...(this.options.docString ? { docString: this.options.docString } : {}),
      ...(this.options.metadata ? { metadata: this.options.metadata } : {}),
    });
  }

  private finish(): { output: string; width: number } {
    const pooled = this.options.pooledOutputs;
    if (pooled && pooled.length > 0) {
      const parts = pooled.map((name) => {
        const shape = this.shapeOf(name);
        if (shape.length !== 3)
          throw new UnsupportedModelError(`layer ${name} does not output an image-shaped tensor; it cannot be pooled`);
        const pool = this.graph.node("GlobalAveragePool", [this.tensorOf(name)], `pooled/${name}`);
        return { tensor: this.graph.node("Flatten", [pool], `pooled/${name}/flat`, { axis: 1 }), width: shape[0]! };
      });
      const width = parts.reduce((sum, p) => sum + p.width, 0);
      if (parts.length === 1) return { output: parts[0]!.tensor, width };
      return {
        output: this.graph.node(
          "Concat",
          parts.map((p) => p.tensor),
          "pooled/concat",
          { axis: 1 },
        ),
        width,
      };
    }
    if (this.model.outputs.length !== 1)
      throw new UnsupportedModelError(`the model has ${this.model.outputs.length} outputs; expected one`);
    const name = this.model.outputs[0]!;
    const shape = this.shapeOf(name);
    if (shape.length !== 1) throw new UnsupportedModelError(`the model output ${name} is not a vector per image; pass pooledOutputs`);
    return { output: this.tensorOf(name), width: shape[0]! };
  }

  private convert(layer: KerasLayer): void {
    const c = layer.config;
    switch (layer.class_name) {
      case "InputLayer": {
        const shape = (c.batch_input_shape ?? c.batchInputShape) as Array<number | null>;
        if (!shape || shape.length !== 4 || shape.slice(1).some((d) => typeof d !== "number")) {
          throw new UnsupportedModelError("the input must be [batch, height, width, channels] with fixed sizes");
        }
        const [, h, w, ch] = shape as [null, number, number, number];
        this.inputShape = [h, w, ch];
        this.set(layer, this.graph.node("Transpose", [ONNX_INPUT], `${layer.name}/nchw`, { perm: [0, 3, 1, 2] }), [ch, h, w]);
        return;
      }
      case "ZeroPadding2D": {
        const [[top, bottom], [left, right]] = twoByTwo(c.padding);
        const [ch, h, w] = this.image(layer) as [number, number, number];
        const pads = this.graph.int64(`${layer.name}/pads`, [0, 0, top, left, 0, 0, bottom, right]);
        this.set(layer, this.graph.node("Pad", [this.input(layer), pads], layer.name, { mode: "constant" }), [
          ch,
          h + top + bottom,
          w + left + right,
        ]);
        return;
      }
      case "Conv2D":
      case "DepthwiseConv2D":
        return this.convolution(layer);
      case "BatchNormalization":
        return this.batchNorm(layer);
      case "ReLU": {
        if (Number(c.threshold ?? 0) !== 0 || Number(c.negative_slope ?? 0) !== 0) {
          throw new UnsupportedModelError(`layer ${layer.name}: ReLU with a threshold or a negative slope`);
        }
        const max = c.max_value === null || c.max_value === undefined ? undefined : Number(c.max_value);
        this.set(
          layer,
          this.activation(this.input(layer), max === undefined ? "relu" : max === 6 ? "relu6" : `clip:${max}`, layer.name),
          this.inShape(layer),
        );
        return;
      }
      case "Activation":
        this.set(layer, this.activation(this.input(layer), String(c.activation), layer.name), this.inShape(layer));
        return;
      case "Add": {
        const inputs = layer.inbound.map((name) => this.tensorOf(name));
        let sum = inputs[0]!;
        for (let i = 1; i < inputs.length; i++)
          sum = this.graph.node("Add", [sum, inputs[i]!], i === inputs.length - 1 ? layer.name : `${layer.name}/${i}`);
        this.set(layer, sum, this.inShape(layer));
        return;
      }
      case "Concatenate":
        return this.concatenate(layer);
      case "GlobalAveragePooling2D": {
        const [ch] = this.image(layer);
        const pool = this.graph.node("GlobalAveragePool", [this.input(layer)], `${layer.name}/pool`);
        this.set(layer, this.graph.node("Flatten", [pool], layer.name, { axis: 1 }), [ch!]);
        return;
      }
      case "GlobalMaxPooling2D": {
        const [ch] = this.image(layer);
        const pool = this.graph.node("GlobalMaxPool", [this.input(layer)], `${layer.name}/pool`);
        this.set(layer, this.graph.node("Flatten", [pool], layer.name, { axis: 1 }), [ch!]);
        return;
      }
      case "MaxPooling2D":
      case "AveragePooling2D":
        return this.pooling(layer);
      case "Flatten": {
        const shape = this.inShape(layer);
        if (shape.length === 1) return this.alias(layer);
        // Keras flattens channels-last: bring the channels back to the end first so the order matches.
        const nhwc = this.graph.node("Transpose", [this.input(layer)], `${layer.name}/nhwc`, { perm: [0, 2, 3, 1] });
        this.set(layer, this.graph.node("Flatten", [nhwc], layer.name, { axis: 1 }), [shape.reduce((a, b) => a * b, 1)]);
        return;
      }
      case "Dropout":
      case "SpatialDropout2D":
      case "GaussianNoise":
      case "GaussianDropout":
        // Inference: the identity.
        return this.alias(layer);
      case "Dense":
        return this.dense(layer);
      default:
        throw new UnsupportedModelError(`layer ${layer.name}: ${layer.class_name} has no ONNX conversion here`);
    }
  }

  private convolution(layer: KerasLayer): void {
    const c = layer.config;
    const depthwise = layer.class_name === "DepthwiseConv2D";
    const kernel = this.weight(layer.name, depthwise ? "depthwise_kernel" : "kernel");
    const [kh, kw, cin, last] = kernel.shape as [number, number, number, number];
    const values = kernel.dataSync() as Float32Array;
    const cout = depthwise ? cin * last : last;
    // Keras kernels are [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier]); ONNX wants [out, in/group, kh, kw].
    const w = new Float32Array(cout * (depthwise ? 1 : cin) * kh * kw);
    for (let y = 0; y < kh; y++) {
      for (let x = 0; x < kw; x++) {
        for (let i = 0; i < cin; i++) {
          for (let o = 0; o < last; o++) {
            const v = values[((y * kw + x) * cin + i) * last + o]!;
            if (depthwise) w[((i * last + o) * kh + y) * kw + x] = v;
            else w[((o * cin + i) * kh + y) * kw + x] = v;
          }
        }
      }
    }
    const bias =
      c.use_bias === false ? new Float32Array(cout) : Float32Array.from(this.weight(layer.name, depthwise ? "bias" : "bias").dataSync());
    const activation = String(c.activation ?? "linear");
    const bn = this.foldableBatchNorm(layer, activation);
    if (bn) foldBatchNorm(w, bias, cout, this.batchNormParams(bn));

    const [, h, wd] = this.image(layer);
    const strides = pair(c.strides, 1);
    const dilations = pair(c.dilation_rate, 1);
    const [pads, outH, outW] = convPadding(String(c.padding), [h!, wd!], [kh, kw], strides, dilations);
    const W = this.graph.float(`${layer.name}/W`, [cout, depthwise ? 1 : cin, kh, kw], w);
    const B = this.graph.float(`${layer.name}/B`, [cout], bias);
    const convName = bn ? bn.name : layer.name;
    const conv = this.graph.node("Conv", [this.input(layer), W, B], activation === "linear" ? convName : `${convName}/conv`, {
      kernel_shape: [kh, kw],
      strides,
      dilations,
      pads,
      group: depthwise ? cin : 1,
    });
    const out = activation === "linear" ? conv : this.activation(conv, activation, layer.name);
    const shape = [cout, outH, outW];
    this.set(layer, out, shape);
    if (bn) {
      this.folded.add(bn.name);
      this.set(bn, out, shape);
    }
  }

  /** The BatchNormalization that alone consumes a linear convolution's output, if any. */
  private foldableBatchNorm(layer: KerasLayer, activation: string): KerasLayer | undefined {
    if (activation !== "linear") return undefined;
    const consumers = this.consumers.get(layer.name) ?? [];
    if (consumers.length !== 1 || consumers[0]!.class_name !== "BatchNormalization") return undefined;
    if (this.options.pooledOutputs?.includes(layer.name)) return undefined;
    const axis = Number(consumers[0]!.config.axis ?? -1);
    return axis === -1 || axis === 3 ? consumers[0] : undefined;
  }

  private batchNormParams(layer: KerasLayer): { scale: Float32Array; shift: Float32Array } {
    const c = layer.config;
    const mean = this.weight(layer.name, "moving_mean").dataSync() as Float32Array;
    const variance = this.weight(layer.name, "moving_variance").dataSync() as Float32Array;
    const gamma = c.scale === false ? undefined : (this.weight(layer.name, "gamma").dataSync() as Float32Array);
    const beta = c.center === false ? undefined : (this.weight(layer.name, "beta").dataSync() as Float32Array);
    const epsilon = Number(c.epsilon ?? 1e-3);
    const scale = new Float32Array(mean.length);
    const shift = new Float32Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      // In float64, then rounded once: keeps the folded weights as close to TF.js's arithmetic as float32 allows.
      const s = (gamma ? gamma[i]! : 1) / Math.sqrt(variance[i]! + epsilon);
      scale[i] = s;
      shift[i] = (beta ? beta[i]! : 0) - mean[i]! * s;
    }
    return { scale, shift };
  }

  private batchNorm(layer: KerasLayer): void {
    const shape = this.inShape(layer);
    const axis = Number(layer.config.axis ?? -1);
    if (!(axis === -1 || (shape.length === 3 && axis === 3) || (shape.length === 1 && axis === 1))) {
      throw new UnsupportedModelError(`layer ${layer.name}: BatchNormalization over axis ${axis}`);
    }
    const { scale, shift } = this.batchNormParams(layer);
    const channels = shape[0]!;
    // y = x·scale + shift, broadcast over the channel axis (1 in NCHW and in [N, C]).
    const dims = shape.length === 3 ? [channels, 1, 1] : [channels];
    const mul = this.graph.node("Mul", [this.input(layer), this.graph.float(`${layer.name}/scale`, dims, scale)], `${layer.name}/mul`);
    this.set(layer, this.graph.node("Add", [mul, this.graph.float(`${layer.name}/shift`, dims, shift)], layer.name), shape);
  }

  private pooling(layer: KerasLayer): void {
    const c = layer.config;
    const [ch, h, w] = this.image(layer);
    const size = pair(c.pool_size, 2);
    const strides = pair(c.strides ?? c.pool_size, 2);
    const [pads, outH, outW] = convPadding(String(c.padding ?? "valid"), [h!, w!], size, strides, [1, 1]);
    const attributes: Record<string, number | number[]> = { kernel_shape: size, strides, pads };
    // Keras "same" average pooling divides by the pixels inside the image only.
    if (layer.class_name === "AveragePooling2D") attributes.count_include_pad = 0;
    const op = layer.class_name === "MaxPooling2D" ? "MaxPool" : "AveragePool";
    this.set(layer, this.graph.node(op, [this.input(layer)], layer.name, attributes), [ch!, outH, outW]);
  }

  /** Along the channels (the last Keras axis): axis 1 both for vectors [N, C] and for NCHW images. */
  private concatenate(layer: KerasLayer): void {
    const shapes = layer.inbound.map((name) => this.shapeOf(name));
    const rank = shapes[0]!.length;
    const axis = Number(layer.config.axis ?? -1);
    if (!(axis === -1 || axis === rank)) throw new UnsupportedModelError(`layer ${layer.name}: Concatenate over axis ${axis}`);
    if (shapes.some((s) => s.length !== rank || s.slice(1).some((d, i) => d !== shapes[0]![i + 1]))) {
      throw new UnsupportedModelError(`layer ${layer.name}: Concatenate of differently shaped inputs`);
    }
    const channels = shapes.reduce((sum, s) => sum + s[0]!, 0);
    const inputs = layer.inbound.map((name) => this.tensorOf(name));
    this.set(layer, this.graph.node("Concat", inputs, layer.name, { axis: 1 }), [channels, ...shapes[0]!.slice(1)]);
  }

  private dense(layer: KerasLayer): void {
    const shape = this.inShape(layer);
    if (shape.length !== 1) throw new UnsupportedModelError(`layer ${layer.name}: Dense on a ${shape.length + 1}-D tensor`);
    const kernel = this.weight(layer.name, "kernel");
    const [inputs, units] = kernel.shape as [number, number];
    const W = this.graph.float(`${layer.name}/W`, [inputs, units], Float32Array.from(kernel.dataSync()));
    const bias = layer.config.use_bias === false ? new Float32Array(units) : Float32Array.from(this.weight(layer.name, "bias").dataSync());
    const B = this.graph.float(`${layer.name}/B`, [units], bias);
    const activation = String(layer.config.activation ?? "linear");
    const gemm = this.graph.node("Gemm", [this.input(layer), W, B], activation === "linear" ? layer.name : `${layer.name}/gemm`);
    this.set(layer, activation === "linear" ? gemm : this.activation(gemm, activation, layer.name), [units]);
  }

  private activation(input: string, kind: string, name: string): string {
    const clip = (max: number) =>
      this.graph.node(
        "Clip",
        [input, this.graph.float(`${name}/min`, [], new Float32Array([0])), this.graph.float(`${name}/max`, [], new Float32Array([max]))],
        name,
      );
    switch (kind) {
      case "linear":
        return this.graph.node("Identity", [input], name);
      case "relu":
        return this.graph.node("Relu", [input], name);
      case "relu6":
        return clip(6);
      case "sigmoid":
        return this.graph.node("Sigmoid", [input], name);
      case "tanh":
        return this.graph.node("Tanh", [input], name);
      case "softmax":
        // Keras applies softmax over the last axis; only vectors per image reach here.
        return this.graph.node("Softmax", [input], name, { axis: -1 });
      default:
        if (kind.startsWith("clip:")) return clip(Number(kind.slice(5)));
        throw new UnsupportedModelError(`activation ${kind} has no ONNX conversion here`);
    }
  }

  private weight(layerName: string, weightName: string): tf.Tensor {
    const tensor = this.weights[`${layerName}/${weightName}`];
    if (!tensor) throw new UnsupportedModelError(`weight ${layerName}/${weightName} is missing`);
    return tensor;
  }

  private set(layer: KerasLayer, tensor: string, shape: Shape): void {
    this.tensors.set(layer.name, tensor);
    this.shapes.set(layer.name, shape);
  }

  private alias(layer: KerasLayer): void {
    this.set(layer, this.input(layer), this.inShape(layer));
  }

  private input(layer: KerasLayer): string {
    if (layer.inbound.length !== 1) throw new UnsupportedModelError(`layer ${layer.name} expects one input, has ${layer.inbound.length}`);
    return this.tensorOf(layer.inbound[0]!);
  }

  private inShape(layer: KerasLayer): Shape {
    return this.shapeOf(layer.inbound[0]!);
  }

  private image(layer: KerasLayer): Shape {
    const shape = this.inShape(layer);
    if (shape.length !== 3) throw new UnsupportedModelError(`layer ${layer.name} expects an image-shaped input`);
    return shape;
  }

  private tensorOf(name: string): string {
    const tensor = this.tensors.get(name);
    if (!tensor) throw new UnsupportedModelError(`layer ${name} is used before it is computed (or does not exist)`);
    return tensor;
  }

  private shapeOf(name: string): Shape {
    const shape = this.shapes.get(name);
    if (!shape) throw new UnsupportedModelError(`layer ${name} is used before it is computed (or does not exist)`);
    return shape;
  }
}

/** w·scale per output channel; bias' = bias·scale + shift. */
function foldBatchNorm(w: Float32Array, bias: Float32Array, cout: number, bn: { scale: Float32Array; shift: Float32Array }): void {
  if (bn.scale.length !== cout)
    throw new UnsupportedModelError(`BatchNormalization has ${bn.scale.length} channels, the convolution ${cout}`);
  const perOut = w.length / cout;
  for (let o = 0; o < cout; o++) {
    const s = bn.scale[o]!;
    for (let k = 0; k < perOut; k++) w[o * perOut + k]! *= s;
    bias[o] = bias[o]! * s + bn.shift[o]!;
  }
}

/**
 * Keras padding as explicit ONNX pads [top, left, bottom, right] and the output size.
 * "same": out = ceil(in / stride), the odd pixel goes to the end (bottom/right).
 */
export function convPadding(
  padding: string,
  [h, w]: [number, number],
  kernel: number[],
  strides: number[],
  dilations: number[],
): [number[], number, number] {
  const effective = kernel.map((k, i) => (k - 1) * dilations[i]! + 1);
  if (padding === "valid") {
    return [[0, 0, 0, 0], Math.floor((h - effective[0]!) / strides[0]!) + 1, Math.floor((w - effective[1]!) / strides[1]!) + 1];
  }
  if (padding !== "same") throw new UnsupportedModelError(`padding ${padding}`);
  const out = [Math.ceil(h / strides[0]!), Math.ceil(w / strides[1]!)];
  const total = [h, w].map((size, i) => Math.max((out[i]! - 1) * strides[i]! + effective[i]! - size, 0));
  const begin = total.map((t) => Math.floor(t / 2));
  return [[begin[0]!, begin[1]!, total[0]! - begin[0]!, total[1]! - begin[1]!], out[0]!, out[1]!];
}

function pair(value: unknown, fallback: number): [number, number] {
  if (Array.isArray(value)) return [Number(value[0]), Number(value[1] ?? value[0])];
  if (typeof value === "number") return [value, value];
  return [fallback, fallback];
}

function twoByTwo(value: unknown): [[number, number], [number, number]] {
  if (typeof value === "number")
    return [
      [value, value],
      [value, value],
    ];
  if (Array.isArray(value) && typeof value[0] === "number") {
    const [a, b] = value as [number, number];
    return [
      [a, a],
      [b, b],
    ];
  }
  const [[t, b], [l, r]] = value as [[number, number], [number, number]];
  return [
    [t, b],
    [l, r],
  ];
}
