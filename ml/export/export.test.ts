import * as tf from "@tensorflow/tfjs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { handWrittenGraphModel } from "../backbone/test-fixtures";
import { serializeModel } from "../runtime/train/serialize.mjs";
import { trainClassifier } from "../train/trainer";
import type { BackboneSpec, BackendInfo, SerializedModel } from "../types";
import { instantiateModel } from "../runtime/tf-runtime.mjs";
import { BUNDLED_MOBILENET_V2, BUNDLED_MOBILENET_V2_BLOCK10, BUNDLED_MOBILENET_V2_FINAL, DEFAULT_PRETRAINED_ID } from "../backbone/catalog";
import { LICENCE_FILE, buildExportZip, readExportZip } from "./bundle";
import { GRAPH_OUTPUT_NODE } from "./graph-head";

const CPU: BackendInfo = { backend: "cpu", device: "test", threads: 1 };
const classes = ["cat", "dog", "fox"];

function randomImages(n: number, size: number, seed: number): tf.Tensor4D {
  return tf.randomUniform([n, size, size, 3], 0, 1, "float32", seed) as tf.Tensor4D;
}

/** Trains a small head on the given embeddings (labels from the embedding itself, so there is something to learn). */
async function trainHead(embeddings: Float32Array, dim: number): Promise<SerializedModel> {
  const n = embeddings.length / dim;
  const labels = Array.from({ length: n }, (_, i) => {
    const row = embeddings.subarray(i * dim, (i + 1) * dim);
    return row[0]! > row[1]! ? 0 : row[1]! > row[2]! ? 1 : 2;
  });
  // Ensure every class appears (the trainer refuses fewer than two).
  labels[0] = 0;
  labels[1] = 1;
  labels[2] = 2;
  const result = await trainClassifier(
    { classes, labels, data: { kind: "embeddings", embeddings, dim }, settings: { epochs: 3, hiddenUnits: 16, validationShare: 0 } },
    { backend: CPU, inProcess: true },
  );
  return result.model;
}

async function loadExported(zip: Buffer) {
  const exported = await readExportZip(zip);
  return { ...exported, model: await instantiateModel(exported.model) };
}

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("buildExportZip", () => {
  it("grafts the head onto a graph-model backbone: one model from image to probabilities, same predictions", async () => {
    const embeddingNode = "module_apply_default/MobilenetV2/Logits/AvgPool";
    const backboneModel = handWrittenGraphModel({ embeddingNode, channels: 12, inputSize: 64 });
    const spec: BackboneSpec = {
      id: "graph_test",
      kind: "pretrained",
      title: "hand-written graph",
      format: "graph-model",
      preprocess: { version: 1, height: 64, width: 64, inputRange: [0, 1], resize: "fill", background: "#ffffff" },
      embeddingNode,
      embeddingSize: 12,
    };
    const graph = (await instantiateModel(backboneModel)) as tf.GraphModel;
    const images = randomImages(20, 64, 1);
    const embeddings = tf.tidy(() => (graph.execute(images, embeddingNode) as tf.Tensor).reshape([20, 12])).dataSync() as Float32Array;
    const headModel = await trainHead(embeddings, 12);
    const head = (await instantiateModel(headModel)) as tf.LayersModel;
    const expected = (head.predict(tf.tensor2d(embeddings, [20, 12])) as tf.Tensor).arraySync() as number[][];

    const zip = await buildExportZip({
      classes,
      model: headModel,
      modelKind: "head",
      backbone: { spec, model: backboneModel },
      metadata: { runId: "r1", version: 3 },
    });
    const exported = await loadExported(zip);
    const got = (exported.model.predict(images) as tf.Tensor).arraySync() as number[][];
    got.forEach((row, i) => row.forEach((p, c) => expect(p).toBeCloseTo(expected[i]![c]!, 5)));

    expect(exported.labels).toEqual(classes);
    expect(exported.preprocessing).toMatchObject({ inputShape: [1, 64, 64, 3], channelOrder: "RGB", layout: "NHWC", inputRange: [0, 1] });
    expect(exported.preprocessing).toMatchObject({ modelFormat: "graph-model", resizeKernel: "lanczos3" });
    expect(exported.readme).toContain('from "./classify-browser.mjs"');
    // ImageNet's classifier branch is gone, nodes and weights alike.
    expect((exported.model as tf.GraphModel).outputNodes).toEqual(["probabilities"]);
    const raw = await JSZip.loadAsync(zip);
    const modelJson = JSON.parse(await raw.file("model.json")!.async("string")) as {
      modelTopology: { node: Array<{ name: string }> };
      weightsManifest: Array<{ weights: Array<{ name: string }> }>;
      signature: { outputs: Record<string, { name: string }> };
    };
    expect(modelJson.signature.outputs.probabilities!.name).toBe(`${GRAPH_OUTPUT_NODE}:0`);
    expect(modelJson.modelTopology.node.map((n) => n.name)).not.toContain("logits");
    expect(modelJson.weightsManifest[0]!.weights.map((w) => w.name)).not.toContain("logits/zero");
    expect(JSON.parse(await raw.file("metadata.json")!.async("string"))).toMatchObject({
      runId: "r1",
      version: 3,
      backbone: { id: "graph_test" },
    });
  });

  it("attaches the head to a layers-model backbone and reproduces the two-step predictions", async () => {
    const input = tf.input({ shape: [32, 32, 3] });
    const features = tf.layers
      .conv2d({ filters: 6, kernelSize: 3, strides: 2, activation: "relu", kernelInitializer: tf.initializers.heNormal({ seed: 3 }) })
      .apply(input) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling2d({}).apply(features) as tf.SymbolicTensor;
    const backbone = tf.model({ inputs: input, outputs: pooled });
    const spec: BackboneSpec = {
      id: "layers_test",
      kind: "pretrained",
      title: "small conv",
      format: "layers-model",
      preprocess: { version: 1, height: 32, width: 32, inputRange: [-1, 1], resize: "fill", background: "#ffffff" },
      embeddingSize: 6,
    };
    const images = randomImages(16, 32, 2);
    const embeddings = (backbone.predict(images) as tf.Tensor).dataSync() as Float32Array;
    const headModel = await trainHead(embeddings, 6);
    const head = (await instantiateModel(headModel)) as tf.LayersModel;
    const expected = (head.predict(tf.tensor2d(embeddings, [16, 6])) as tf.Tensor).arraySync() as number[][];

    const zip = await buildExportZip({
      classes,
      model: headModel,
      modelKind: "head",
      backbone: { spec, model: await serializeModel(backbone) },
    });
    const exported = await loadExported(zip);
    const got = (exported.model.predict(images) as tf.Tensor).arraySync() as number[][];
    got.forEach((row, i) => row.forEach((p, c) => expect(p).toBeCloseTo(expected[i]![c]!, 5)));
    expect(exported.preprocessing).toMatchObject({ modelFormat: "layers-model", inputRange: [-1, 1] });
    expect(exported.readme).toContain('from "./classify-node.mjs"');
  });

  it("ships a trained full model as it is, and refuses a head without its backbone", async () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const out = tf.layers.dense({ units: 3, activation: "softmax" }).apply(tf.layers.flatten().apply(input)) as tf.SymbolicTensor;
    const full = await serializeModel(tf.model({ inputs: input, outputs: out }));
    const spec: BackboneSpec = {
      id: "compact_cnn_v1",
      kind: "trainable",
      title: "compact",
      format: "layers-model",
      preprocess: { version: 1, height: 8, width: 8, inputRange: [0, 1], resize: "fill", background: "#ffffff" },
      embeddingSize: 3,
    };
    const exported = await readExportZip(await buildExportZip({ classes, model: full, modelKind: "full", backbone: { spec } }));
    expect(Buffer.from(exported.model.weightData).equals(Buffer.from(full.weightData))).toBe(true);
    await expect(buildExportZip({ classes, model: full, modelKind: "head", backbone: { spec } })).rejects.toThrow(/backbone's weights/);
    // Trained from scratch: nothing of anyone else's inside, no notice.
    expect(
      (await JSZip.loadAsync(await buildExportZip({ classes, model: full, modelKind: "full", backbone: { spec } }))).file(LICENCE_FILE),
    ).toBeNull();
  });

  it("ships the pretrained backbone's licence notice with its weights", async () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const backbone = tf.model({ inputs: input, outputs: tf.layers.globalAveragePooling2d({}).apply(input) as tf.SymbolicTensor });
    const headModel = await trainHead(
      new Float32Array(16 * 3).map((_, i) => (i % 7) / 7),
      3,
    );
    const nsfwjs = /nsfwjs 4\.4\.0[\s\S]*Apache License 2\.0[\s\S]*Copyright \(c\) 2019 Infinite Red/;
    const notices: Record<string, RegExp> = {
      // The default and the bundled backbones older runs keep (their exports ship the same weights).
      [BUNDLED_MOBILENET_V2.id]: nsfwjs,
      [BUNDLED_MOBILENET_V2_BLOCK10.id]: nsfwjs,
      [BUNDLED_MOBILENET_V2_FINAL.id]: nsfwjs,
      [DEFAULT_PRETRAINED_ID]: /TF Hub[\s\S]*Apache License 2\.0/,
    };
    for (const [id, notice] of Object.entries(notices)) {
      const spec: BackboneSpec = {
        id,
        kind: "pretrained",
        title: id,
        format: "layers-model",
        preprocess: { version: 1, height: 8, width: 8, inputRange: [0, 1], resize: "fill", background: "#ffffff" },
        embeddingSize: 3,
      };
      const raw = await JSZip.loadAsync(
        await buildExportZip({ classes, model: headModel, modelKind: "head", backbone: { spec, model: await serializeModel(backbone) } }),
      );
      expect(await raw.file(LICENCE_FILE)!.async("string")).toMatch(notice);
      expect(await raw.file("README.md")!.async("string")).toContain(`keep \`${LICENCE_FILE}\` with the model`);
    }
  });
});
