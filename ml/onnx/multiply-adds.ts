import onnxProto, { type onnx as Onnx } from "onnx-proto";

// onnx-proto is CommonJS; Node's ESM loader cannot see its named export statically.
const { onnx } = onnxProto;

export interface MultiplyAdds {
  /** Multiply-adds for one image through every node the output depends on (Conv, Gemm, MatMul). */
  total: number;
  /** The same, per operator type. */
  byOp: Record<string, number>;
}

/** protobufjs gives int64 fields as numbers or as Long objects, depending on what is installed. */
type Int64 = number | { toNumber(): number };

const int = (value: Int64 | null | undefined): number => (typeof value === "number" ? value : (value?.toNumber() ?? 0));

/** Operators that keep their (first non-constant) input's shape and cost no multiply-adds worth counting. */
const ELEMENTWISE = new Set(["Identity", "Relu", "Clip", "Sigmoid", "Tanh", "Softmax", "Add", "Sub", "Mul", "Div", "BatchNormalization"]);

/**
 * Counts the multiply-adds of one image through an ONNX image model, from its graph: the input's
 * fixed sizes are propagated node by node (batch 1) and each convolution and matrix product adds
 * output elements × (input channels per group × kernel area), or inputs × outputs. Only nodes that the
 * graph's output depends on are counted. Elementwise operators, pooling and padding cost well under 1 %
 * of that in a convolutional network and are left out, as in the published figures (Sandler et al. 2018
 * count MobileNet v2 at 224² as 300 M). An operator this does not know throws, so a figure is never
 * quietly wrong.
 */
export function countMultiplyAdds(model: Uint8Array): MultiplyAdds {
  const graph = onnx.ModelProto.decode(model).graph;
  if (!graph) throw new Error("the ONNX file holds no graph");
  const constants = new Map((graph.initializer ?? []).map((t) => [t.name ?? "", t]));
  const shapes = new Map<string, number[]>();
  for (const input of graph.input ?? []) {
    if (constants.has(input.name ?? "")) continue;
    const dims = input.type?.tensorType?.shape?.dim ?? [];
    // Symbolic sizes (the batch) count as one image.
    shapes.set(
      input.name ?? "",
      dims.map((d) => (d.dimValue !== undefined && d.dimValue !== null ? int(d.dimValue as Int64) : 1)),
    );
  }
  for (const [name, tensor] of constants)
    shapes.set(
      name,
      (tensor.dims ?? []).map((d) => int(d as Int64)),
    );

  const needed = neededNodes(graph);
  const byOp: Record<string, number> = {};
  for (const node of graph.node ?? []) {
    if (!needed.has(node)) continue;
    const { shape, multiplyAdds } = inferNode(node, shapes, constants);
    shapes.set(node.output?.[0] ?? "", shape);
    if (multiplyAdds > 0) byOp[node.opType ?? ""] = (byOp[node.opType ?? ""] ?? 0) + multiplyAdds;
  }
  return { total: Object.values(byOp).reduce((a, b) => a + b, 0), byOp };
}

/** The nodes the graph's outputs depend on (a cut network may still carry the layers after the cut). */
function neededNodes(graph: Onnx.IGraphProto): Set<Onnx.INodeProto> {
  const producer = new Map<string, Onnx.INodeProto>();
  for (const node of graph.node ?? []) for (const output of node.output ?? []) producer.set(output, node);
  const needed = new Set<Onnx.INodeProto>();
  const pending = (graph.output ?? []).map((o) => o.name ?? "");
  while (pending.length > 0) {
    const node = producer.get(pending.pop()!);
    if (!node || needed.has(node)) continue;
    needed.add(node);
    pending.push(...(node.input ?? []));
  }
  return needed;
}

function attribute(node: Onnx.INodeProto, name: string): Onnx.IAttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

function ints(node: Onnx.INodeProto, name: string, fallback: number[]): number[] {
  const found = attribute(node, name);
  return found?.ints && found.ints.length > 0 ? found.ints.map((v) => int(v as Int64)) : fallback;
}

function intAttribute(node: Onnx.INodeProto, name: string, fallback: number): number {
  const found = attribute(node, name);
  return found && found.i !== undefined && found.i !== null ? int(found.i as Int64) : fallback;
}

/** The values of an int64 constant (Pad's pads, Reshape's shape). */
function int64Values(tensor: Onnx.ITensorProto | undefined): number[] {
  if (!tensor) throw new Error("expected a constant int64 tensor");
  if (tensor.rawData && tensor.rawData.length > 0) {
    const raw = tensor.rawData;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    return Array.from({ length: raw.byteLength / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
  }
  return (tensor.int64Data ?? []).map((v) => int(v as Int64));
}

/** Output size of a sliding window along one axis (ONNX Conv/Pool arithmetic). */
function windowed(size: number, kernel: number, stride: number, padBegin: number, padEnd: number, dilation = 1): number {
  return Math.floor((size + padBegin + padEnd - dilation * (kernel - 1) - 1) / stride) + 1;
}

function inferNode(
  node: Onnx.INodeProto,
  shapes: Map<string, number[]>,
  constants: Map<string, Onnx.ITensorProto>,
): { shape: number[]; multiplyAdds: number } {
  const op = node.opType ?? "";
  const inputs = node.input ?? [];
  const shapeOf = (i: number) => {
    const shape = shapes.get(inputs[i] ?? "");
    if (!shape) throw new Error(`${op} node ${node.name}: the shape of ${inputs[i]} is unknown`);
    return shape;
  };
  const elements = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

  if (ELEMENTWISE.has(op)) {
    // Broadcasting against a constant (a per-channel scale) keeps the tensor's shape.
    const variable = inputs.findIndex((name) => !constants.has(name));
    return { shape: shapeOf(Math.max(variable, 0)), multiplyAdds: 0 };
  }
  switch (op) {
    case "Transpose": {
      const input = shapeOf(0);
      const perm = ints(node, "perm", [...input.keys()].reverse());
      return { shape: perm.map((p) => input[p]!), multiplyAdds: 0 };
    }
    case "Pad": {
      const input = shapeOf(0);
      const pads = inputs[1] ? int64Values(constants.get(inputs[1])) : ints(node, "pads", []);
      return { shape: input.map((d, i) => d + (pads[i] ?? 0) + (pads[i + input.length] ?? 0)), multiplyAdds: 0 };
    }
    case "Conv": {
      const [n, , h, w] = shapeOf(0) as [number, number, number, number];
      const [outChannels, inPerGroup, kh, kw] = shapeOf(1) as [number, number, number, number];
      const strides = ints(node, "strides", [1, 1]);
      const dilations = ints(node, "dilations", [1, 1]);
      const pads = ints(node, "pads", [0, 0, 0, 0]);
      if (attribute(node, "auto_pad")?.s?.length) throw new Error(`Conv node ${node.name}: auto_pad is not supported here`);
      const outH = windowed(h, kh, strides[0]!, pads[0]!, pads[2]!, dilations[0]);
      const outW = windowed(w, kw, strides[1]!, pads[1]!, pads[3]!, dilations[1]);
      const shape = [n, outChannels, outH, outW];
      return { shape, multiplyAdds: (elements(shape) / n) * inPerGroup * kh * kw };
    }
    case "Gemm":
    case "MatMul": {
      const [rows, inner] = shapeOf(0) as [number, number];
      const weight = shapeOf(1);
      const transposed = op === "Gemm" && intAttribute(node, "transB", 0) === 1;
      if (op === "Gemm" && intAttribute(node, "transA", 0) === 1) throw new Error(`Gemm node ${node.name}: transA is not supported here`);
      const outputs = transposed ? weight[0]! : weight[weight.length - 1]!;
      return { shape: [rows, outputs], multiplyAdds: inner * outputs };
    }
    case "GlobalAveragePool":
    case "GlobalMaxPool": {
      const [n, c, ...spatial] = shapeOf(0);
      return { shape: [n!, c!, ...spatial.map(() => 1)], multiplyAdds: 0 };
    }
    case "AveragePool":
    case "MaxPool": {
      const [n, c, h, w] = shapeOf(0) as [number, number, number, number];
      const [kh, kw] = ints(node, "kernel_shape", []) as [number, number];
      const strides = ints(node, "strides", [1, 1]);
      const pads = ints(node, "pads", [0, 0, 0, 0]);
      return {
        shape: [n, c, windowed(h, kh, strides[0]!, pads[0]!, pads[2]!), windowed(w, kw, strides[1]!, pads[1]!, pads[3]!)],
        multiplyAdds: 0,
      };
    }
    case "Flatten": {
      const input = shapeOf(0);
      const axis = intAttribute(node, "axis", 1);
      return { shape: [elements(input.slice(0, axis)), elements(input.slice(axis))], multiplyAdds: 0 };
    }
    case "Concat": {
      const parts = inputs.map((_, i) => shapeOf(i));
      const axis = intAttribute(node, "axis", 0);
      const first = parts[0]!;
      const at = axis < 0 ? first.length + axis : axis;
      return { shape: first.map((d, i) => (i === at ? parts.reduce((sum, p) => sum + p[i]!, 0) : d)), multiplyAdds: 0 };
    }
    default:
      throw new Error(`cannot count the multiply-adds of an ONNX ${op} node (${node.name})`);
  }
}
