import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/select-backend";
import { embedBatch, instantiateModel } from "../runtime/tf-runtime.mjs";
import { buildMobileNetV2 } from "./architectures";
import { BUNDLED_MOBILENET_V2, BUNDLED_MOBILENET_V2_BLOCK10, BUNDLED_MOBILENET_V2_FINAL, DEFAULT_PRETRAINED_ID } from "./catalog";
import { bundledPackageDir, ensureBundledBackbone } from "./bundled";
import { installSerializedBackbone } from "./install";
import { readManifest } from "./manifest";
import { serializeLayersModel } from "./model-files";
import { loadInstalledBackbone, resolveBackbone } from "./resolve";

const temps: string[] = [];
async function tempDir(prefix: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A 224×224 image in [0, 1]: a bright disc on a dark ground (centred, or in the top-left or bottom-right corner), or vertical stripes. */
function picture(kind: "disc" | "disc-top-left" | "disc-bottom-right" | "stripes"): Float32Array {
  const size = 224;
  const data = new Float32Array(size * size * 3);
  const [cx, cy, r] = kind === "disc-top-left" ? [56, 56, 40] : kind === "disc-bottom-right" ? [168, 168, 40] : [112, 112, 60];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = kind === "stripes" ? Math.floor(x / 14) % 2 === 0 : (x - cx) ** 2 + (y - cy) ** 2 < r ** 2;
      data.set(on ? [0.9, 0.8, 0.2] : [0.1, 0.15, 0.3], (y * size + x) * 3);
    }
  }
  return data;
}

beforeAll(async () => {
  await selectBackend({ preference: "wasm" });
});

afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the backbone bundled with npm (MobileNet v2 from nsfwjs)", () => {
  it("is installed from node_modules into an empty models folder, verified, and chosen by resolveBackbone", async () => {
    const modelsDir = await tempDir("vl-bundled-");
    expect(bundledPackageDir()).toBeDefined();
    expect(await ensureBundledBackbone(modelsDir)).toMatchObject({ status: "installed", id: BUNDLED_MOBILENET_V2.id });
    expect((await readManifest(path.join(modelsDir, BUNDLED_MOBILENET_V2.id))).source).toBe("npm:nsfwjs@4.4.0/dist/models/mobilenet_v2");
    expect(await ensureBundledBackbone(modelsDir)).toMatchObject({ status: "present" });

    const resolution = await resolveBackbone({ modelsDir });
    expect(resolution.status).toBe("pretrained");
    if (resolution.status !== "pretrained") return;
    expect(resolution.backbone.spec).toEqual(BUNDLED_MOBILENET_V2);
    const model = await instantiateModel(resolution.backbone.model);
    const batch = new Float32Array(2 * 224 * 224 * 3);
    batch.set(picture("disc"));
    batch.set(picture("stripes"), 224 * 224 * 3);
    const embeddings = await embedBatch(model, resolution.backbone.spec, batch, 2);
    model.dispose();
    // The default pools block_10_expand_relu (384 channels) whole and in a 2 × 2 grid, and the model stops there.
    const d = BUNDLED_MOBILENET_V2.embeddingSize;
    expect(d).toBe(2304);
    expect(embeddings.length).toBe(2 * d);
    const layerNames = JSON.stringify(resolution.backbone.model.modelTopology);
    expect(layerNames).toContain("block_10_expand_relu");
    expect(layerNames).not.toContain("block_11");
    expect(embeddings.every(Number.isFinite)).toBe(true);
    // ReLU features after pooling: non-negative, many active, and different for different pictures.
    expect(Math.min(...embeddings)).toBeGreaterThanOrEqual(0);
    expect(embeddings.subarray(0, d).filter((v) => v > 0).length).toBeGreaterThan(50);
    const [a, b] = [embeddings.subarray(0, d), embeddings.subarray(d)];
    const cosine = a.reduce((s, v, i) => s + v * b[i]!, 0) / Math.sqrt(a.reduce((s, v) => s + v * v, 0) * b.reduce((s, v) => s + v * v, 0));
    expect(cosine).toBeLessThan(0.95);
  }, 60_000);

  it("keeps where things are: the same disc in opposite corners differs in the grid cells far more than in the whole-image pools", async () => {
    const modelsDir = await tempDir("vl-bundled-grid-");
    await ensureBundledBackbone(modelsDir);
    const backbone = await loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id);
    const model = await instantiateModel(backbone.model);
    const batch = new Float32Array(2 * 224 * 224 * 3);
    batch.set(picture("disc-top-left"));
    batch.set(picture("disc-bottom-right"), 224 * 224 * 3);
    const embeddings = await embedBatch(model, backbone.spec, batch, 2);
    model.dispose();
    const d = BUNDLED_MOBILENET_V2.embeddingSize;
    const [a, b] = [embeddings.subarray(0, d), embeddings.subarray(d)];
    // Layout: global average (384), global maximum (384), then the average of each cell in reading order (4 × 384).
    const part = (v: Float32Array, from: number, to: number) => v.subarray(from, to);
    const relative = (x: Float32Array, y: Float32Array) => {
      let diff = 0;
      let norm = 0;
      for (let i = 0; i < x.length; i++) {
        diff += (x[i]! - y[i]!) ** 2;
        norm += x[i]! ** 2 + y[i]! ** 2;
      }
      return Math.sqrt(diff / norm);
    };
    const whole = relative(part(a, 0, 768), part(b, 0, 768));
    const cells = relative(part(a, 768, d), part(b, 768, d));
    expect(cells).toBeGreaterThan(3 * whole);
    // Each channel's maximum is at least its average, and the four cells average to the whole image.
    for (let c = 0; c < 384; c++) {
      expect(a[384 + c]!).toBeGreaterThanOrEqual(a[c]! - 1e-6);
      const meanOfCells = (a[768 + c]! + a[768 + 384 + c]! + a[768 + 768 + c]! + a[768 + 1152 + c]!) / 4;
      expect(meanOfCells).toBeCloseTo(a[c]!, 4);
    }
  }, 60_000);

  it("keeps the earlier features (block-10 average, final pool) under their own ids (the embedding cache's key) for older runs, never for a new one", async () => {
    const modelsDir = await tempDir("vl-bundled-older-");
    for (const [spec, width] of [
      [BUNDLED_MOBILENET_V2_BLOCK10, 384],
      [BUNDLED_MOBILENET_V2_FINAL, 1280],
    ] as const) {
      expect(spec.id).not.toBe(BUNDLED_MOBILENET_V2.id);
      expect(await ensureBundledBackbone(modelsDir, { spec })).toMatchObject({ status: "installed", id: spec.id });
      const older = await loadInstalledBackbone(modelsDir, spec.id);
      const model = await instantiateModel(older.model);
      const embeddings = await embedBatch(model, older.spec, picture("disc"), 1);
      model.dispose();
      expect(embeddings.length).toBe(width);
      expect(older.onnx).toBeDefined();
    }
    // Only the older backbones are installed: a new run does not train on them.
    expect((await resolveBackbone({ modelsDir })).status).toBe("fallback");
  }, 120_000);

  it("reinstalls itself when its files on disk were damaged", async () => {
    const modelsDir = await tempDir("vl-bundled-damaged-");
    await ensureBundledBackbone(modelsDir);
    const weights = path.join(modelsDir, BUNDLED_MOBILENET_V2.id, "weights.bin");
    const bytes = await readFile(weights);
    bytes[1000] = bytes[1000]! ^ 0xff;
    await writeFile(weights, bytes);
    await expect(loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id)).rejects.toThrow(/sha256/);
    expect(await ensureBundledBackbone(modelsDir)).toMatchObject({ status: "installed" });
    await expect(loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id)).resolves.toBeDefined();
  }, 60_000);

  it("says why it is unavailable when the package is another version, and training falls back to the compact CNN", async () => {
    const modelsDir = await tempDir("vl-bundled-none-");
    const fakePackage = await tempDir("vl-fake-nsfwjs-");
    await writeFile(path.join(fakePackage, "package.json"), JSON.stringify({ name: "nsfwjs", version: "9.9.9" }));
    const result = await ensureBundledBackbone(modelsDir, { packageDir: fakePackage });
    expect(result.status).toBe("unavailable");
    if (result.status === "unavailable") expect(result.reason).toMatch(/9\.9\.9.*expected 4\.4\.0/);
    expect((await resolveBackbone({ modelsDir })).status).toBe("fallback");
  });

  it("gives way to a downloaded TF Hub backbone, which is preferred when both are installed", async () => {
    const modelsDir = await tempDir("vl-bundled-both-");
    await ensureBundledBackbone(modelsDir);
    const stand_in = buildMobileNetV2({ alpha: 0.35, inputSize: 96 });
    await installSerializedBackbone({
      model: await serializeLayersModel(stand_in),
      spec: {
        ...BUNDLED_MOBILENET_V2,
        id: DEFAULT_PRETRAINED_ID,
        embeddingSize: 1280,
        preprocess: { ...BUNDLED_MOBILENET_V2.preprocess, height: 96, width: 96 },
      },
      modelsDir,
      source: "test",
    });
    stand_in.dispose();
    const resolution = await resolveBackbone({ modelsDir });
    expect(resolution.status === "pretrained" && resolution.backbone.spec.id).toBe(DEFAULT_PRETRAINED_ID);
  }, 60_000);
});
