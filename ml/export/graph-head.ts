import type { SerializedModel } from "../types";

/**
 * Weights of the trained head, in the order they are applied. Without the hidden layer the head is
 * the optimise step's linear model (logistic regression): one dense layer + softmax.
 */
export interface HeadWeights {
  hidden?: { kernel: { values: Float32Array; shape: [number, number] }; bias: Float32Array };
  logitsKernel: { values: Float32Array; shape: [number, number] };
  logitsBias: Float32Array;
}

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}

export const GRAPH_OUTPUT_NODE = "vl_head/probabilities";

/**
 * A TF Hub image classifier's graph with the trained head grafted onto its
 * embedding node: one graph model from a 224×224 image to the project's class
 * probabilities. TF.js cannot train a graph model, so the head is trained as a
 * layers model on embeddings; here its dense layers become MatMul/BiasAdd graph
 * ops. Nodes the new output does not need (ImageNet's 1000-way classifier) are
 * dropped with their weights, which also makes the download smaller.
 */
export function graftHeadOntoGraph(backbone: SerializedModel, embeddingNode: string, head: HeadWeights): SerializedModel {
  if (backbone.format !== "graph-model") throw new Error("graftHeadOntoGraph needs a graph model");
  const topology = backbone.modelTopology as { node: GraphNode[]; [key: string]: unknown };
  if (!topology.node.some((n) => n.name === embeddingNode)) throw new Error(`the backbone graph has no node ${embeddingNode}`);
  const embeddingSize = head.hidden ? head.hidden.kernel.shape[0] : head.logitsKernel.shape[0];
  const classCount = head.logitsKernel.shape[1];

  const float = { type: "DT_FLOAT" };
  const constNode = (name: string, shape: number[], dtype: "DT_FLOAT" | "DT_INT32"): GraphNode => ({
    name,
    op: "Const",
    attr: { dtype: { type: dtype }, value: { tensor: { dtype, tensorShape: { dim: shape.map((d) => ({ size: String(d) })) } } } },
  });
  const matMul = (name: string, input: string, kernel: string): GraphNode => ({
    name,
    op: "MatMul",
    input: [input, kernel],
    attr: { T: float, transpose_a: { b: false }, transpose_b: { b: false } },
  });
  const biasAdd = (name: string, input: string, bias: string): GraphNode => ({
    name,
    op: "BiasAdd",
    input: [input, bias],
    attr: { T: float, data_format: { s: base64("NHWC") } },
  });
  const extraNodes: GraphNode[] = [
    constNode("vl_head/flatten/shape", [2], "DT_INT32"),
    {
      name: "vl_head/flatten",
      op: "Reshape",
      input: [embeddingNode, "vl_head/flatten/shape"],
      attr: { T: float, Tshape: { type: "DT_INT32" } },
    },
  ];
  const extraSpecs: WeightSpec[] = [{ name: "vl_head/flatten/shape", shape: [2], dtype: "int32" }];
  const extraValues: ArrayBufferView[] = [new Int32Array([-1, embeddingSize])];
  let logitsInput = "vl_head/flatten";
  if (head.hidden) {
    const hiddenUnits = head.hidden.kernel.shape[1];
    extraNodes.push(
      constNode("vl_head/hidden/kernel", [embeddingSize, hiddenUnits], "DT_FLOAT"),
      constNode("vl_head/hidden/bias", [hiddenUnits], "DT_FLOAT"),
      matMul("vl_head/hidden/MatMul", "vl_head/flatten", "vl_head/hidden/kernel"),
      biasAdd("vl_head/hidden/BiasAdd", "vl_head/hidden/MatMul", "vl_head/hidden/bias"),
      { name: "vl_head/hidden/Relu", op: "Relu", input: ["vl_head/hidden/BiasAdd"], attr: { T: float } },
    );
    extraSpecs.push(
      { name: "vl_head/hidden/kernel", shape: [embeddingSize, hiddenUnits], dtype: "float32" },
      { name: "vl_head/hidden/bias", shape: [hiddenUnits], dtype: "float32" },
    );
    extraValues.push(head.hidden.kernel.values, head.hidden.bias);
    logitsInput = "vl_head/hidden/Relu";
  }
  const logitsIn = head.logitsKernel.shape[0];
  extraNodes.push(
    constNode("vl_head/logits/kernel", [logitsIn, classCount], "DT_FLOAT"),
    constNode("vl_head/logits/bias", [classCount], "DT_FLOAT"),
    matMul("vl_head/logits/MatMul", logitsInput, "vl_head/logits/kernel"),
    biasAdd("vl_head/logits/BiasAdd", "vl_head/logits/MatMul", "vl_head/logits/bias"),
    { name: GRAPH_OUTPUT_NODE, op: "Softmax", input: ["vl_head/logits/BiasAdd"], attr: { T: float } },
  );
  extraSpecs.push(
    { name: "vl_head/logits/kernel", shape: [logitsIn, classCount], dtype: "float32" },
    { name: "vl_head/logits/bias", shape: [classCount], dtype: "float32" },
  );
  extraValues.push(head.logitsKernel.values, head.logitsBias);
  const extraData = concatBytes(extraValues);

  const allNodes = [...topology.node, ...extraNodes];
  const keep = reachableFrom(GRAPH_OUTPUT_NODE, allNodes);
  const pruned = pruneWeights(backbone.weightSpecs as WeightSpec[], backbone.weightData, keep);
  const inputs = allNodes.filter((n) => n.op === "Placeholder" && keep.has(n.name));

  const result: SerializedModel = {
    ...backbone,
    modelTopology: { ...topology, node: allNodes.filter((n) => keep.has(n.name)) },
    weightSpecs: [...pruned.specs, ...extraSpecs],
    weightData: concatBytes([new Uint8Array(pruned.data), new Uint8Array(extraData)]),
    // The signature is what GraphModel.predict() returns; the original one named ImageNet's logits.
    signature: {
      inputs: Object.fromEntries(inputs.map((n) => [n.name, { name: `${n.name}:0`, dtype: "DT_FLOAT" }])),
      outputs: { probabilities: { name: `${GRAPH_OUTPUT_NODE}:0`, dtype: "DT_FLOAT" } },
    },
  };
  return result;
}

function reachableFrom(output: string, nodes: GraphNode[]): Set<string> {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const keep = new Set<string>();
  const stack = [output];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (keep.has(name)) continue;
    const node = byName.get(name);
    if (!node) continue;
    keep.add(name);
    // Inputs look like "node", "node:1" or "^node" (control dependency).
    for (const input of node.input ?? []) stack.push(input.replace(/^\^/, "").split(":")[0]!);
  }
  return keep;
}

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, int8: 1, int16: 2 };

function pruneWeights(specs: WeightSpec[], data: ArrayBuffer, keep: Set<string>): { specs: WeightSpec[]; data: ArrayBuffer } {
  const sizes = specs.map((spec) => {
    const bytes = BYTES_PER_ELEMENT[spec.quantization?.dtype ?? spec.dtype];
    return bytes === undefined ? undefined : spec.shape.reduce((a, b) => a * b, 1) * bytes;
  });
  // String weights have no fixed size; keep everything rather than guess offsets.
  if (sizes.some((s) => s === undefined)) return { specs, data };
  const kept: WeightSpec[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  specs.forEach((spec, i) => {
    const size = sizes[i]!;
    if (keep.has(spec.name)) {
      kept.push(spec);
      parts.push(new Uint8Array(data, offset, size));
    }
    offset += size;
  });
  if (offset !== data.byteLength) throw new Error(`weight specs describe ${offset} bytes but the weights hold ${data.byteLength}`);
  return { specs: kept, data: concatBytes(parts) };
}

function concatBytes(parts: ArrayBufferView[]): ArrayBuffer {
  const total = parts.reduce((sum, p) => sum + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), offset);
    offset += p.byteLength;
  }
  return out.buffer;
}

function base64(text: string): string {
  return Buffer.from(text).toString("base64");
}
