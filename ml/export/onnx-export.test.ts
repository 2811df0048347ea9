import * as tf from "@tensorflow/tfjs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { handWrittenGraphModel } from "../backbone/test-fixtures";
import { maxAbsDifference } from "../onnx/convert-backbone";
import { createSession, runBatch } from "../runtime/ort.mjs";
import { buildHead } from "../runtime/train/head.mjs";
import { serializeModel } from "../runtime/train/serialize.mjs";
import type { BackboneSpec } from "../types";
import { instantiateModel } from "../runtime/tf-runtime.mjs";
import { ONNX_MODEL_FILE, buildExportZip, readExportZip } from "./bundle";

const classes = ["cat", "dog", "fox", "owl"];
const preprocess = {
  version: 1,
  height: 48,
  width: 48,
  inputRange: [-1, 1] as [number, number],
  resize: "fill" as const,
  background: "#ffffff",
};

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** A small layers-model backbone with the layer kinds MobileNet uses: padding, strided and depthwise convolutions, BatchNorm, ReLU6, a residual add. */
function smallBackbone(): tf.LayersModel {
  const input = tf.input({ shape: [48, 48, 3] });
  const padded = tf.layers
    .zeroPadding2d({
      padding: [
        [0, 1],
        [0, 1],
      ],
    })
    .apply(input);
  let x = tf.layers
    .conv2d({ filters: 8, kernelSize: 3, strides: 2, useBias: false, kernelInitializer: tf.initializers.heNormal({ seed: 1 }) })
    .apply(padded);
  x = tf.layers
    .batchNormalization({
      movingMeanInitializer: tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2, seed: 2 }),
      movingVarianceInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: 3 }),
    })
    .apply(x);
  x = tf.layers.reLU({ maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  let y = tf.layers
    .depthwiseConv2d({ kernelSize: 3, padding: "same", useBias: false, depthwiseInitializer: tf.initializers.heNormal({ seed: 4 }) })
    .apply(x);
  y = tf.layers
    .batchNormalization({ gammaInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: 5 }) })
    .apply(y) as tf.SymbolicTensor;
  const sum = tf.layers.add().apply([x, y]) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({}).apply(sum) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: pooled });
}

describe("the ONNX file in the export zip", () => {
  it("is the whole classifier (backbone + head) and gives the exported TF.js model's probabilities within 1e-4, same top-1", async () => {
    const backbone = smallBackbone();
    const head = buildHead({ inputSize: 8, classCount: classes.length, hiddenUnits: 16, dropout: 0.1, seed: 9 });
    const spec: BackboneSpec = {
      id: "layers_test",
      kind: "pretrained",
      title: "small",
      format: "layers-model",
      preprocess,
      embeddingSize: 8,
    };
    const zip = await buildExportZip({
      classes,
      model: await serializeModel(head),
      modelKind: "head",
      backbone: { spec, model: await serializeModel(backbone) },
    });
    const exported = await readExportZip(zip);
    expect(exported.onnx).toBeDefined();

    const n = 12;
    const images = tf.randomUniform([n, 48, 48, 3], -1, 1, "float32", 11);
    const data = (await images.data()) as Float32Array;
    const model = (await instantiateModel(exported.model)) as tf.LayersModel;
    const expected = (await (model.predict(images) as tf.Tensor).data()) as Float32Array;
    const { session } = await createSession(exported.onnx!, { threads: 1 });
    const actual = await runBatch(session, data, n, preprocess);
    await session.release();

    expect(actual.length).toBe(n * classes.length);
    expect(maxAbsDifference(actual, expected)).toBeLessThan(1e-4);
    const top = (values: Float32Array, i: number) => {
      const row = Array.from(values.subarray(i * classes.length, (i + 1) * classes.length));
      return row.indexOf(Math.max(...row));
    };
    for (let i = 0; i < n; i++) expect(top(actual, i)).toBe(top(expected, i));
    // The predictions are not all one class: the comparison above can fail.
    expect(new Set(Array.from({ length: n }, (_, i) => top(expected, i))).size).toBeGreaterThan(1);

    const metadata = JSON.parse(await (await JSZip.loadAsync(zip)).file("metadata.json")!.async("string"));
    expect(metadata.onnx).toMatchObject({ included: true, file: ONNX_MODEL_FILE, input: { name: "image", layout: "NHWC" } });
    expect(metadata.onnx.maxAbsDiffFromTfjs).toBeLessThan(1e-4);
    expect(exported.readme).toContain("## Use it with ONNX Runtime");
  });

  it("is left out, with the reason in metadata.json, when the backbone is a TF Hub graph model", async () => {
    const embeddingNode = "module_apply_default/MobilenetV2/Logits/AvgPool";
    const spec: BackboneSpec = {
      id: "graph_test",
      kind: "pretrained",
      title: "graph",
      format: "graph-model",
      preprocess,
      embeddingNode,
      embeddingSize: 12,
    };
    const head = buildHead({ inputSize: 12, classCount: classes.length, hiddenUnits: 8, dropout: 0, seed: 1 });
    const zip = await buildExportZip({
      classes,
      model: await serializeModel(head),
      modelKind: "head",
      backbone: { spec, model: handWrittenGraphModel({ embeddingNode, channels: 12, inputSize: 48 }) },
    });
    const raw = await JSZip.loadAsync(zip);
    expect(raw.file(ONNX_MODEL_FILE)).toBeNull();
    expect(JSON.parse(await raw.file("metadata.json")!.async("string")).onnx).toMatchObject({ included: false });
    expect((await readExportZip(zip)).readme).not.toContain("ONNX Runtime");
  });
});
