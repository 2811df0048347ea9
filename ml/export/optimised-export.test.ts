import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { handWrittenGraphModel } from "../backbone/test-fixtures";
import { maxAbsDifference } from "../onnx/convert-backbone";
import { createSession, runBatch } from "../runtime/ort.mjs";
import { logisticProbabilities } from "../train/logistic.mjs";
import { blockMeans } from "../train/pixels.mjs";
import { mulberry32 } from "../train/prng.mjs";
import { buildLinearHead, buildPixelModel } from "../train/select.mjs";
import { serializeModel } from "../train/serialize.mjs";
import type { BackboneSpec } from "../types";
import { instantiateModel } from "../workers/tf-runtime.mjs";
import { buildExportZip, readExportZip } from "./bundle";

// The optimise step's two new model shapes — a linear head (one dense layer + softmax) and the
// pixel model (average pooling → dense → softmax on the image) — through the same export as the
// MLP head: the TF.js model answers what the trained parameters say, and model.onnx agrees with it.

const classes = ["cat", "dog", "fox"];
const preprocess = {
  version: 1,
  height: 48,
  width: 48,
  inputRange: [0, 1] as [number, number],
  resize: "fill" as const,
  background: "#ffffff",
};
const N = 8;

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function randomParams(d: number, seed: number) {
  const random = mulberry32(seed);
  return {
    W: Float32Array.from({ length: d * classes.length }, () => (random() - 0.5) * 4),
    b: Float32Array.from({ length: classes.length }, () => random() - 0.5),
  };
}

function images() {
  const random = mulberry32(5);
  return Float32Array.from({ length: N * 48 * 48 * 3 }, () => random());
}

async function predictTfjs(model: Parameters<typeof instantiateModel>[0], data: Float32Array) {
  const loaded = await instantiateModel(model);
  const input = tf.tensor4d(data, [N, 48, 48, 3]);
  const output = (loaded as tf.LayersModel).predict(input) as tf.Tensor;
  const values = (await output.data()) as Float32Array;
  tf.dispose([input, output]);
  loaded.dispose();
  return values;
}

async function predictOnnx(onnx: Uint8Array, data: Float32Array) {
  const { session } = await createSession(onnx, { threads: 1 });
  try {
    return await runBatch(session, data, N, preprocess);
  } finally {
    await session.release();
  }
}

describe("exporting the optimise step's models", () => {
  it("a linear head behind a layers backbone answers softmax(embedding · W + b), in TF.js and in model.onnx", async () => {
    const input = tf.input({ shape: [48, 48, 3] });
    const conv = tf.layers
      .conv2d({ filters: 6, kernelSize: 3, strides: 2, kernelInitializer: tf.initializers.heNormal({ seed: 1 }) })
      .apply(input);
    const backbone = tf.model({ inputs: input, outputs: tf.layers.globalAveragePooling2d({}).apply(conv) as tf.SymbolicTensor });
    const spec: BackboneSpec = { id: "layers_test", kind: "pretrained", title: "t", format: "layers-model", preprocess, embeddingSize: 6 };
    const params = randomParams(6, 2);
    const head = buildLinearHead(params, 6, classes.length);
    const zip = await buildExportZip({
      classes,
      model: await serializeModel(head),
      modelKind: "head",
      backbone: { spec, model: await serializeModel(backbone) },
    });
    head.dispose();
    const exported = await readExportZip(zip);
    const data = images();
    const embeddings = (await (backbone.predict(tf.tensor4d(data, [N, 48, 48, 3])) as tf.Tensor).data()) as Float32Array;
    const expected = logisticProbabilities(embeddings, 6, params, classes.length);
    const fromTfjs = await predictTfjs(exported.model, data);
    expect(maxAbsDifference(fromTfjs, expected)).toBeLessThan(1e-5);
    expect(exported.onnx).toBeDefined();
    expect(maxAbsDifference(await predictOnnx(exported.onnx!, data), expected)).toBeLessThan(1e-4);
    backbone.dispose();
  });

  it("a linear head grafted onto a graph backbone answers softmax(embedding · W + b)", async () => {
    const embeddingNode = "module_apply_default/MobilenetV2/Logits/AvgPool";
    const graph = handWrittenGraphModel({ embeddingNode, channels: 12, inputSize: 48 });
    const spec: BackboneSpec = {
      id: "graph_test",
      kind: "pretrained",
      title: "g",
      format: "graph-model",
      preprocess,
      embeddingNode,
      embeddingSize: 12,
    };
    const params = randomParams(12, 3);
    const head = buildLinearHead(params, 12, classes.length);
    const exported = await readExportZip(
      await buildExportZip({ classes, model: await serializeModel(head), modelKind: "head", backbone: { spec, model: graph } }),
    );
    head.dispose();
    const data = images();
    const backbone = (await instantiateModel(graph)) as tf.GraphModel;
    const embedding = backbone.execute(tf.tensor4d(data, [N, 48, 48, 3]), embeddingNode) as tf.Tensor;
    const expected = logisticProbabilities((await embedding.reshape([N, 12]).data()) as Float32Array, 12, params, classes.length);
    const grafted = (await instantiateModel(exported.model)) as tf.GraphModel;
    const actual = (await (grafted.predict(tf.tensor4d(data, [N, 48, 48, 3])) as tf.Tensor).data()) as Float32Array;
    expect(maxAbsDifference(actual, expected)).toBeLessThan(1e-5);
  });

  it("the pixel model answers softmax(thumbnail · W + b) from the image, in TF.js and in model.onnx", async () => {
    const pool = 3; // 48 px → 16 × 16 blocks
    const d = 16 * 16 * 3;
    const params = randomParams(d, 4);
    const model = buildPixelModel(params, { height: 48, width: 48, pool }, classes.length);
    const spec: BackboneSpec = { id: "layers_test", kind: "pretrained", title: "t", format: "layers-model", preprocess, embeddingSize: 6 };
    const exported = await readExportZip(
      await buildExportZip({ classes, model: await serializeModel(model), modelKind: "full", backbone: { spec } }),
    );
    model.dispose();
    const data = images();
    const thumbs = new Float32Array(N * d);
    for (let i = 0; i < N; i++) blockMeans(data.subarray(i * 48 * 48 * 3, (i + 1) * 48 * 48 * 3), 48, 48, pool, thumbs, i * d);
    const expected = logisticProbabilities(thumbs, d, params, classes.length);
    expect(maxAbsDifference(await predictTfjs(exported.model, data), expected)).toBeLessThan(1e-5);
    expect(exported.onnx).toBeDefined();
    expect(maxAbsDifference(await predictOnnx(exported.onnx!, data), expected)).toBeLessThan(1e-4);
    expect(exported.preprocessing).toMatchObject({ height: 48, width: 48, resizeKernel: "lanczos3" });
  });
});
