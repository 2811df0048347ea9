import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/select-backend";
import { embedBatch, instantiateModel } from "../runtime/tf-runtime.mjs";
import type { BackboneSpec } from "../types";
import { buildCompactCnn, buildMobileNetV2 } from "./architectures";
import { COMPACT_CNN_V1, PRETRAINED_BACKBONES } from "./catalog";
import { installSerializedBackbone } from "./install";
import { sha256 } from "./manifest";
import { serializeLayersModel } from "./model-files";
import { buildMobileNetV2Graph } from "./synthetic-graph";
import { loadInstalledBackbone, resolveBackbone } from "./resolve";

const SIZE = 96;
const spec: BackboneSpec = {
  id: "test_mobilenet_v2_035_96",
  kind: "pretrained",
  title: "MobileNet v2 architecture, random weights (test)",
  format: "layers-model",
  preprocess: { version: 1, height: SIZE, width: SIZE, inputRange: [-1, 1], resize: "fill", background: "#ffffff" },
  embeddingSize: 1280,
};

let modelsDir: string;

beforeAll(async () => {
  await selectBackend({ preference: "wasm" });
  modelsDir = await mkdtemp(path.join(os.tmpdir(), "vl-backbone-"));
  const model = buildMobileNetV2({ alpha: 0.35, inputSize: SIZE });
  await installSerializedBackbone({ model: await serializeLayersModel(model), spec, modelsDir, source: "test" });
  model.dispose();
});

afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

function randomBatch(count: number, seed: number): Float32Array {
  const data = new Float32Array(count * SIZE * SIZE * 3);
  let state = seed;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    data[i] = (state / 0x7fffffff) * 2 - 1;
  }
  return data;
}

describe("installed backbone (MobileNet v2 architecture saved in TF.js format)", () => {
  it("loads from the models folder and maps each image to a 1280-wide embedding", async () => {
    const backbone = await loadInstalledBackbone(modelsDir, spec.id);
    expect(backbone.spec).toEqual(spec);
    const model = await instantiateModel(backbone.model);
    const embeddings = await embedBatch(model, backbone.spec, randomBatch(2, 1), 2);
    model.dispose();
    expect(embeddings.length).toBe(2 * 1280);
    const first = embeddings.subarray(0, 1280);
    const second = embeddings.subarray(1280);
    expect(first.some((v, i) => v !== second[i])).toBe(true);
  });

  it("is what resolveBackbone picks when asked for it", async () => {
    const resolution = await resolveBackbone({ modelsDir, preferredId: spec.id });
    expect(resolution.status).toBe("pretrained");
    if (resolution.status === "pretrained")
      expect(resolution.backbone.origin).toEqual({ kind: "models-dir", dir: path.join(modelsDir, spec.id) });
  });

  it("refuses a weight file that was altered after install", async () => {
    const copyDir = await mkdtemp(path.join(os.tmpdir(), "vl-tamper-"));
    try {
      const model = buildMobileNetV2({ alpha: 0.35, inputSize: SIZE, seed: 3 });
      await installSerializedBackbone({ model: await serializeLayersModel(model), spec, modelsDir: copyDir, source: "test" });
      model.dispose();
      const weights = path.join(copyDir, spec.id, "weights.bin");
      const bytes = await readFile(weights);
      bytes[100] = (bytes[100]! + 1) % 256;
      await writeFile(weights, bytes);

      await expect(loadInstalledBackbone(copyDir, spec.id)).rejects.toThrow(/weights.bin .* does not match its sha256/);
      const resolution = await resolveBackbone({ modelsDir: copyDir, preferredId: spec.id });
      expect(resolution).toMatchObject({ status: "fallback", spec: { id: COMPACT_CNN_V1.id } });
      if (resolution.status === "fallback") expect(resolution.reason).toMatch(/refused.*does not match/);
    } finally {
      await rm(copyDir, { recursive: true, force: true });
    }
  });

  it("refuses a model.json that names a weight file outside its folder", async () => {
    const copyDir = await mkdtemp(path.join(os.tmpdir(), "vl-escape-"));
    try {
      const model = buildMobileNetV2({ alpha: 0.35, inputSize: SIZE });
      const serialized = await serializeLayersModel(model);
      model.dispose();
      await installSerializedBackbone({ model: serialized, spec, modelsDir: copyDir, source: "test" });
      const modelJsonPath = path.join(copyDir, spec.id, "model.json");
      const modelJson = JSON.parse(await readFile(modelJsonPath, "utf8"));
      modelJson.weightsManifest[0].paths = ["../../etc/passwd"];
      const text = JSON.stringify(modelJson);
      await writeFile(modelJsonPath, text);
      // Re-sign model.json in the manifest, as a hostile installer would.
      const manifestPath = path.join(copyDir, spec.id, "manifest.json");
      const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
      manifest.files["model.json"] = { sha256: sha256(Buffer.from(text)), bytes: Buffer.byteLength(text) };
      await writeFile(manifestPath, JSON.stringify(manifest));
      await expect(loadInstalledBackbone(copyDir, spec.id)).rejects.toThrow(/refusing weight file name "..\/..\/etc\/passwd"/);
    } finally {
      await rm(copyDir, { recursive: true, force: true });
    }
  });
});

describe("synthetic MobileNet v2 graph model (the TF Hub backbone's format and fused ops)", () => {
  it("installs, loads and embeds through the graph-model path", async () => {
    const graphSpec: BackboneSpec = { ...spec, id: "test_graph_mobilenet_v2", format: "graph-model", embeddingNode: "embedding/AvgPool" };
    const model = buildMobileNetV2Graph({ alpha: 0.35, inputSize: SIZE, embeddingNode: "embedding/AvgPool" });
    await installSerializedBackbone({ model, spec: graphSpec, modelsDir, source: "test" });
    const backbone = await loadInstalledBackbone(modelsDir, graphSpec.id);
    const graph = await instantiateModel(backbone.model);
    const embeddings = await embedBatch(graph, backbone.spec, randomBatch(2, 5), 2);
    graph.dispose();
    expect(embeddings.length).toBe(2 * 1280);
    expect(embeddings.subarray(0, 1280)).not.toEqual(embeddings.subarray(1280));
    await rm(path.join(modelsDir, graphSpec.id), { recursive: true });
  });
});

describe("resolveBackbone", () => {
  it("falls back to the compact CNN, with the reason and the accuracy note, when nothing is installed", async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), "vl-empty-"));
    try {
      const resolution = await resolveBackbone({ modelsDir: empty });
      expect(resolution.status).toBe("fallback");
      if (resolution.status !== "fallback") return;
      expect(resolution.spec.id).toBe("compact_cnn_v1");
      expect(resolution.reason).toContain("no pretrained backbone installed");
      expect(resolution.accuracyNote).toMatch(/lower accuracy/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("lists only catalog entries whose download location comes from @tensorflow-models/mobilenet", () => {
    for (const entry of PRETRAINED_BACKBONES) {
      expect(entry.source?.tfHubHandle).toMatch(/^https:\/\/tfhub\.dev\/google\/imagenet\/mobilenet_v2_\d{3}_224\/classification\/2$/);
      expect(entry.spec.id).toBe(entry.source!.tfHubHandle.split("/")[5]);
    }
  });
});

describe("compact CNN fallback", () => {
  it("maps its declared input size to its declared embedding size", async () => {
    const model = buildCompactCnn({ seed: 1 });
    const { height, width } = COMPACT_CNN_V1.preprocess;
    expect(model.inputs[0]!.shape).toEqual([null, height, width, 3]);
    expect(model.outputs[0]!.shape).toEqual([null, COMPACT_CNN_V1.embeddingSize]);
    expect(model.countParams()).toBeLessThan(150_000);
    model.dispose();
  });
});

describe("staging", () => {
  it("leaves no staging folder behind after an install", async () => {
    const entries = await import("node:fs/promises").then((fs) => fs.readdir(modelsDir));
    expect(entries).toEqual([spec.id]);
    expect((await stat(path.join(modelsDir, spec.id, "manifest.json"))).isFile()).toBe(true);
  });
});
