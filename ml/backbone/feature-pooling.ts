import * as tf from "@tensorflow/tfjs";

/**
 * One part of a feature vector pooled from a layer's feature map: averaged (or maxed) over the
 * whole image (`grid` 1), or over each cell of a `grid` × `grid` split of the map, which keeps
 * where in the image a feature fired (cells in reading order, each cell's channels together).
 */
export interface PooledPart {
  layer: string;
  op: "avg" | "max";
  grid: number;
}

/** Values one part adds, for a map of `channels` channels. */
export function pooledPartWidth(part: PooledPart, channels: number): number {
  return part.grid * part.grid * channels;
}

function poolPart(map: tf.SymbolicTensor, part: PooledPart, name: string): tf.SymbolicTensor {
  const [, height, width] = map.shape as number[];
  if (part.grid === 1) {
    const pool = part.op === "avg" ? tf.layers.globalAveragePooling2d({ name }) : tf.layers.globalMaxPooling2d({ name });
    return pool.apply(map) as tf.SymbolicTensor;
  }
  if (!Number.isInteger(part.grid) || part.grid < 1 || height! % part.grid !== 0 || width! % part.grid !== 0) {
    throw new Error(`${part.layer} (${height}×${width}) does not split into a ${part.grid}×${part.grid} grid`);
  }
  const cell: [number, number] = [height! / part.grid, width! / part.grid];
  const options = { poolSize: cell, strides: cell, padding: "valid" as const, name: `${name}_cells` };
  const cells = (part.op === "avg" ? tf.layers.averagePooling2d(options) : tf.layers.maxPooling2d(options)).apply(map);
  return tf.layers.flatten({ name }).apply(cells) as tf.SymbolicTensor;
}

/**
 * The model's pooled features: every part, concatenated in order. Built from Keras layers
 * (pooling, flatten, concatenate) so the pooling is part of the saved model: TF.js, the ONNX
 * conversion (ml/onnx) and the exported model all compute it.
 */
export function pooledFeatures(model: tf.LayersModel, parts: readonly PooledPart[], prefix = "embedding"): tf.SymbolicTensor {
  if (parts.length === 0) throw new Error("no part to pool");
  const pooled = parts.map((part, i) =>
    poolPart(model.getLayer(part.layer).output as tf.SymbolicTensor, part, parts.length === 1 ? `${prefix}_pool` : `${prefix}_pool_${i}`),
  );
  if (pooled.length === 1) return pooled[0]!;
  return tf.layers.concatenate({ name: `${prefix}_concat`, axis: -1 }).apply(pooled) as tf.SymbolicTensor;
}
