import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handWrittenGraphModel } from "../backbone/test-fixtures";
import { writeShapeImages } from "../train/test-shapes";
import { trainClassifier } from "../train/trainer";
import type { BackboneSpec, BackendInfo } from "../types";
import { instantiateModel } from "../runtime/tf-runtime.mjs";
import { buildExportZip, readExportZip } from "./bundle";
import { exportAgreement, quantiseExportZip } from "./quantise";

const CPU: BackendInfo = { backend: "cpu", device: "test", threads: 1 };
const embeddingNode = "module_apply_default/MobilenetV2/Logits/AvgPool";
let dir: string;

beforeAll(async () => {
  await tf.setBackend("cpu");
  dir = await mkdtemp(path.join(os.tmpdir(), "vl-quantise-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the float16 export", () => {
  it("stores the weights in about half the bytes and answers like the full export on held-out images (measured, then bounded)", async () => {
    const spec: BackboneSpec = {
      id: "graph_test",
      kind: "pretrained",
      title: "hand-written graph",
      format: "graph-model",
      preprocess: { version: 1, height: 64, width: 64, inputRange: [0, 1], resize: "fill", background: "#ffffff" },
      embeddingNode,
      embeddingSize: 12,
    };
    const backbone = handWrittenGraphModel({ embeddingNode, channels: 12, inputSize: 64 });
    const images = await writeShapeImages({ dir, perClass: 12, size: 64, seed: 5 });
    const graph = (await instantiateModel(backbone)) as tf.GraphModel;
    const { preprocessBatch } = await import("../runtime/preprocess.mjs");
    const { data, okIndices } = await preprocessBatch(
      images.map((i) => i.path),
      spec.preprocess,
    );
    const embeddings = tf.tidy(
      () =>
        (graph.execute(tf.tensor4d(data, [okIndices.length, 64, 64, 3]), embeddingNode) as tf.Tensor)
          .reshape([-1, 12])
          .dataSync() as Float32Array,
    );
    graph.dispose();
    const trained = await trainClassifier(
      {
        classes: ["circle", "square", "triangle"],
        labels: images.map((i) => i.label),
        data: { kind: "embeddings", embeddings, dim: 12 },
        settings: { epochs: 5, hiddenUnits: 16 },
      },
      { backend: CPU, inProcess: true },
    );
    const full = await buildExportZip({
      classes: ["circle", "square", "triangle"],
      model: trained.model,
      modelKind: "head",
      backbone: { spec, model: backbone },
    });
    const small = await quantiseExportZip(full);

    const [a, b] = [await readExportZip(full), await readExportZip(small)];
    expect(b.model.weightData.byteLength).toBeLessThan(a.model.weightData.byteLength * 0.55);
    expect(b.onnx).toBeUndefined();
    expect(b.labels).toEqual(a.labels);
    expect(b.readme).toContain("float16");
    const metadata = JSON.parse(await (await JSZip.loadAsync(small)).file("metadata.json")!.async("string")) as { weights: string };
    expect(metadata.weights).toBe("float16");

    const agreement = await exportAgreement(
      full,
      small,
      images.map((i) => i.path),
    );
    expect(agreement.n).toBe(images.length);
    expect(agreement.sameTop1 / agreement.n).toBeGreaterThanOrEqual(0.99);
    expect(agreement.maxProbabilityDifference).toBeLessThan(0.01);
    // Not two copies of the same numbers: the weights really changed.
    expect(agreement.maxProbabilityDifference).toBeGreaterThan(0);
  }, 60_000);
});
