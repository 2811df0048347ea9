import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/select-backend";
import { buildMobileNetV2 } from "../backbone/architectures";
import { installSerializedBackbone } from "../backbone/install";
import { serializeLayersModel } from "../backbone/model-files";
import type { BackboneSpec, BackendInfo, LoadedBackbone, Progress } from "../types";
import { createEmbedder, extractEmbeddings, type Embedder } from "./embedder";
import { InProcessExecutor } from "./executors";
import { embedStream } from "./stream";

const spec: BackboneSpec = {
  id: "test_mobilenet_v2_035_64",
  kind: "pretrained",
  title: "MobileNet v2 architecture, random weights (test)",
  format: "layers-model",
  preprocess: { version: 1, height: 64, width: 64, inputRange: [-1, 1], resize: "fill", background: "#ffffff" },
  embeddingSize: 1280,
};

let dir: string;
let backbone: LoadedBackbone;
let backend: BackendInfo;
let images: string[];
let corrupt: string;
let embedder: Embedder;

beforeAll(async () => {
  backend = await selectBackend({ preference: "wasm", threads: 2 });
  dir = await mkdtemp(path.join(os.tmpdir(), "vl-embed-"));
  const model = buildMobileNetV2({ alpha: 0.35, inputSize: 64 });
  backbone = await installSerializedBackbone({
    model: await serializeLayersModel(model),
    spec,
    modelsDir: path.join(dir, "models"),
    source: "test",
  });
  model.dispose();
  images = [];
  for (let i = 0; i < 20; i++) {
    const file = path.join(dir, `img-${i}.jpg`);
    const hue = { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 };
    await sharp({ create: { width: 48 + i, height: 40, channels: 3, background: hue } })
      .composite([
        { input: { create: { width: 10, height: 10, channels: 3, background: { r: 255 - hue.r, g: 0, b: 0 } } }, left: i, top: 5 },
      ])
      .jpeg()
      .toFile(file);
    images.push(file);
  }
  corrupt = path.join(dir, "corrupt.jpg");
  await writeFile(corrupt, Buffer.from("this is not an image"));
  embedder = await createEmbedder({ backbone, backend, workers: 2 });
}, 60_000);

afterAll(async () => {
  await embedder?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("embedder on worker threads", () => {
  it("runs one ONNX Runtime session per worker and embeds every image, reporting the undecodable one", async () => {
    expect(embedder).toMatchObject({ engine: "onnxruntime-cpu", mode: "worker-threads", threads: 2 });
    expect(embedder.fallbackReason).toBeUndefined();
    const refs = [...images.slice(0, 10), { id: "bad", path: corrupt }, ...images.slice(10)];
    const progress: Progress[] = [];
    const results = [];
    for await (const batch of embedder.embed(refs, { batchSize: 4, onProgress: (p) => progress.push(p) })) results.push(...batch);

    expect(results.map((r) => r.id).sort()).toEqual([...images, "bad"].sort());
    const bad = results.find((r) => r.id === "bad")!;
    expect(bad.embedding).toBeUndefined();
    expect(bad.error).toMatch(/could not decode image/);
    for (const r of results.filter((r) => r.id !== "bad")) expect(r.embedding?.length).toBe(1280);
    expect(progress[0]).toEqual({ done: 0, total: 21 });
    expect(progress.at(-1)).toEqual({ done: 21, total: 21 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  });

  it("gives TF.js's embeddings (run in-process) within 1e-4: one preprocessing, one network on two engines", async () => {
    const fromPool = new Map<string, Float32Array>();
    for await (const batch of embedder.embed(images.slice(0, 6), { batchSize: 2 }))
      for (const item of batch) fromPool.set(item.id, item.embedding!);

    const local = await InProcessExecutor.start(backbone);
    try {
      const inProcess = [];
      for await (const batch of embedStream(local, images.slice(0, 6), { batchSize: 3 })) inProcess.push(...batch);
      for (const item of inProcess) {
        const pooled = fromPool.get(item.id)!;
        const maxDiff = Math.max(...item.embedding!.map((v, i) => Math.abs(v - pooled[i]!)));
        expect(maxDiff).toBeLessThan(1e-4);
      }
      // Different pictures, different embeddings (the check above is not vacuous).
      expect(fromPool.get(images[0]!)).not.toEqual(fromPool.get(images[1]!));
    } finally {
      await local.close();
    }
  });

  it("embeds encoded bytes (an upload) exactly like the same image read from disk", async () => {
    const { readFile } = await import("node:fs/promises");
    const bytes = new Uint8Array(await readFile(images[2]!));
    const results = [];
    for await (const batch of embedder.embed([{ id: "upload", data: bytes }, images[2]!])) results.push(...batch);
    const upload = results.find((r) => r.id === "upload")!;
    const file = results.find((r) => r.id === images[2])!;
    expect(upload.path).toBeUndefined();
    expect(upload.embedding).toEqual(file.embedding);
  });

  it("streams from an async iterator and stops when cancelled, staying usable afterwards", async () => {
    async function* source() {
      for (let round = 0; round < 50; round++) yield* images;
    }
    const controller = new AbortController();
    let batches = 0;
    const consume = async () => {
      for await (const _ of embedder.embed(source(), { batchSize: 4, total: 1000, signal: controller.signal })) {
        batches += 1;
        if (batches === 2) controller.abort();
      }
    };
    await expect(consume()).rejects.toMatchObject({ name: "AbortError" });
    expect(batches).toBe(2);

    const again = [];
    for await (const batch of embedder.embed(images.slice(0, 3))) again.push(...batch);
    expect(again).toHaveLength(3);
  });
});

describe("the TF.js fallback", () => {
  it("runs WASM in the workers when the backbone has no ONNX file, and says why", async () => {
    const { onnx: _onnx, ...withoutOnnx } = backbone;
    const fallback = await createEmbedder({ backbone: withoutOnnx, backend, workers: 1 });
    try {
      expect(fallback).toMatchObject({ engine: "tfjs-wasm", mode: "worker-threads" });
      expect(fallback.fallbackReason).toMatch(/has no ONNX file/);
      const results = [];
      for await (const batch of fallback.embed(images.slice(0, 2))) results.push(...batch);
      expect(results.map((r) => r.embedding?.length)).toEqual([1280, 1280]);
    } finally {
      await fallback.close();
    }
  });
});

describe("when ONNX Runtime cannot start", () => {
  it("falls back to TF.js and says why (here: a file ONNX Runtime refuses)", async () => {
    const fallback = await createEmbedder({ backbone: { ...backbone, onnx: new Uint8Array([8, 1, 2, 3]) }, backend, workers: 1 });
    try {
      expect(fallback.engine).toBe("tfjs-wasm");
      expect(fallback.fallbackReason).toMatch(/ONNX Runtime did not start/);
      const results = [];
      for await (const batch of fallback.embed(images.slice(0, 1))) results.push(...batch);
      expect(results[0]?.embedding?.length).toBe(1280);
    } finally {
      await fallback.close();
    }
  });
});

describe("extractEmbeddings", () => {
  it("works on the pure-JS cpu backend in workers too", async () => {
    const results = await extractEmbeddings({
      backbone,
      engine: "tfjs",
      backend: { backend: "cpu", device: "CPU (pure JavaScript)", threads: 1 },
      images: images.slice(0, 2),
    });
    expect(results.map((r) => r.embedding?.length)).toEqual([1280, 1280]);
  });

  it("says where it looked when the worker script is missing", async () => {
    await expect(createEmbedder({ backbone, backend, engine: "tfjs", workerScript: path.join(dir, "nope.mjs") })).rejects.toThrow(
      /Embedding worker script not found at .*nope\.mjs/,
    );
  });
});
