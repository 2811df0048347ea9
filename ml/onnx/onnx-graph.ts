import onnxProto, { type onnx as Onnx } from "onnx-proto";

// onnx-proto is CommonJS; Node's ESM loader cannot see its named export statically.
const { onnx } = onnxProto;

/** ONNX Runtime 1.30 runs opset 13 and IR 8 everywhere (CPU and CUDA providers); nothing here needs newer operators. */
export const OPSET = 13;
export const IR_VERSION = 8;

/** Integers are INT attributes; a float attribute is written `{ float: x }` so that 1.0 stays a float. */
type AttributeValue = number | number[] | string | { float: number };

/**
 * Collects nodes and initializers while a converter walks a network, then
 * encodes one ModelProto. Names are the converter's business; this only knows
 * the protobuf shapes.
 */
export class OnnxGraph {
  private readonly nodes: Onnx.INodeProto[] = [];
  private readonly initializers: Onnx.ITensorProto[] = [];
  private readonly names = new Set<string>();

  /** A float32 constant (weights, biases). Returns its name. */
  float(name: string, dims: number[], values: Float32Array): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (values.length !== expected) throw new Error(`initializer ${name}: ${values.length} values for dims [${dims.join(", ")}]`);
    this.initializers.push({ name: this.claim(name), dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: littleEndianBytes(values) });
    return name;
  }

  /** An int64 constant (Pad's pads, Reshape's shape). */
  int64(name: string, values: number[]): string {
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({
      name: this.claim(name),
      dims: [values.length],
      dataType: onnx.TensorProto.DataType.INT64,
      rawData: new Uint8Array(data.buffer),
    });
    return name;
  }

  node(opType: string, inputs: string[], output: string, attributes: Record<string, AttributeValue> = {}): string {
    this.nodes.push({
      opType,
      name: `${output}/${opType}`,
      input: inputs,
      output: [this.claim(output)],
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return output;
  }

  encode(options: {
    name: string;
    inputs: Array<{ name: string; shape: Array<number | string> }>;
    output: { name: string; shape: Array<number | string> };
    docString?: string;
    metadata?: Record<string, string>;
  }): Uint8Array {
    const model: Onnx.IModelProto = {
      irVersion: IR_VERSION,
      opsetImport: [{ domain: "", version: OPSET }],
      producerName: "venturelens",
      producerVersion: "1",
      docString: options.docString ?? "",
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: options.name,
        node: this.nodes,
        initializer: this.initializers,
        input: options.inputs.map((input) => valueInfo(input.name, input.shape)),
        output: [valueInfo(options.output.name, options.output.shape)],
      },
    };
    return onnx.ModelProto.encode(model).finish();
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new Error(`ONNX graph: the name ${name} is used twice`);
    this.names.add(name);
    return name;
  }
}

function attribute(name: string, value: AttributeValue): Onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === "string") return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (typeof value === "object") return { name, type: AttributeType.FLOAT, f: value.float };
  if (!Number.isInteger(value)) throw new Error(`attribute ${name}: write floats as { float: ${value} }`);
  return { name, type: AttributeType.INT, i: value };
}

function valueInfo(name: string, shape: Array<number | string>): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: shape.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function littleEndianBytes(values: Float32Array): Uint8Array {
  // x86 and arm64 are little-endian, as ONNX's raw_data is; copy so the proto owns its bytes.
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}
