import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBackend, selectBackend } from "@/ml/backend";
import { plannedEngine } from "@/ml/embed";
import {
  BUNDLED_BACKBONES,
  BUNDLED_MOBILENET_V2,
  BUNDLED_MOBILENET_V2_BLOCK10,
  BUNDLED_MOBILENET_V2_FINAL,
  DEFAULT_PRETRAINED_ID,
  MOBILENET_V2_EMBEDDING_NODE,
  buildMobileNetV2Graph,
  installSerializedBackbone,
  resolveBackbone,
} from "@/ml/backbone";
import { SHAPE_CLASSES, writeShapeImages } from "@/ml/train/test-shapes";
import type { BackboneSpec } from "@/ml/types";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { createUser } from "@/server/test/factories";
import { LocalDiskStorage, readObject, runExportKey, type ObjectStorage } from "@/server/storage";
import JSZip from "jszip";
import { buildRunExport } from "./export-zip";
import { OOD_FILE } from "./ood";
import { closePredictor, predictImage } from "./predict";
import { createApiKey, revokeApiKey } from "./api-keys";
import { defineRoute } from "@/server/http/route";
import { PREDICT_BODY_TYPES, predictHandler } from "./rest-predict";
import { prepareBundledBackbone } from "@/server/runtime/ml-services";
import { createExecuteRun } from "./training";
import { createRunWorker, type RunWorker } from "./worker";

// The whole pipeline on real images and a real (synthetic-weights) MobileNet v2 graph
// model installed in a temporary models folder: extraction on the worker pool,
// the embedding cache, the training thread, metrics, the artifact and prediction.
let root: string;
let testEnv: typeof env;
let uploadsDir: string;
/** Files under the test's own folder, in the same layout the app uses under its data folder. */
let testStorage: LocalDiskStorage;
const modelPaths = (e: typeof env) => ({ storage: testStorage, modelsDir: e.modelsDir });
let owner: Awaited<ReturnType<typeof createUser>>;
let prototypeId: string;
let worker: RunWorker;
const imageIds: string[] = [];

const spec: BackboneSpec = {
  id: DEFAULT_PRETRAINED_ID,
  kind: "pretrained",
  title: "MobileNet v2 architecture, random weights (test)",
  format: "graph-model",
  preprocess: { version: 1, height: 64, width: 64, inputRange: [0, 1], resize: "fill", background: "#ffffff" },
  embeddingNode: MOBILENET_V2_EMBEDDING_NODE,
  embeddingSize: 1280,
};

/** The test's files, failing on purpose: reading the images (as a bucket, no local paths) or writing a run's model. */
function flakyStorage(inner: LocalDiskStorage) {
  const state: { failing: "images" | "artifact" | null } = { failing: null };
  const storage: ObjectStorage = {
    kind: inner.kind,
    put: (key, body, options) =>
      state.failing === "artifact" && key.startsWith("models/")
        ? Promise.reject(new Error("the bucket refused the write (test)"))
        : inner.put(key, body, options),
    get: (key) =>
      state.failing === "images" && !key.startsWith("models/") ? Promise.reject(new Error("the bucket timed out (test)")) : inner.get(key),
    head: (key) => inner.head(key),
    delete: (key) => inner.delete(key),
    list: (prefix) => inner.list(prefix),
    localPath: (key) => (state.failing === "images" ? null : inner.localPath(key)),
  };
  return { storage, state };
}

/** The shapes prototype's images, copied (same files) into a new prototype of `workspaceId`. */
async function copyShapes(workspaceId: string, name: string): Promise<{ id: string; images: number }> {
  const db = getDb();
  const copy = await db.prototype.create({ data: { workspaceId, name }, select: { id: true } });
  const source = await db.prototypeImage.findMany({
    where: { prototypeId },
    select: {
      contentHash: true,
      storagePath: true,
      originalName: true,
      format: true,
      width: true,
      height: true,
      bytes: true,
      class: { select: { name: true, position: true } },
    },
  });
  const classIds = new Map<string, string>();
  for (const image of source) {
    if (!classIds.has(image.class.name)) {
      const cls = await db.prototypeClass.create({
        data: { workspaceId, prototypeId: copy.id, name: image.class.name, position: image.class.position },
        select: { id: true },
      });
      classIds.set(image.class.name, cls.id);
    }
    const { class: cls, ...fields } = image;
    await db.prototypeImage.create({ data: { ...fields, workspaceId, prototypeId: copy.id, classId: classIds.get(cls.name)! } });
  }
  return { id: copy.id, images: source.length };
}

async function waitForRun(id: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getDb().trainingRun.findUniqueOrThrow({ where: { id } });
    if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run still ${run.status} (${JSON.stringify(run.progress)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  await selectBackend({ preference: "wasm" });
  root = await mkdtemp(path.join(os.tmpdir(), "vl-training-"));
  uploadsDir = path.join(root, "uploads");
  testEnv = { ...env, dataDir: root, modelsDir: path.join(root, "models"), ML_BACKEND: "wasm" };
  testStorage = new LocalDiskStorage(root);
  await installSerializedBackbone({
    model: buildMobileNetV2Graph({ alpha: 0.35, inputSize: 64, embeddingNode: MOBILENET_V2_EMBEDDING_NODE }),
    spec,
    modelsDir: testEnv.modelsDir,
    source: "test",
  });

  owner = await createUser({ name: "Trainer" });
  const db = getDb();
  const workspaceId = owner.workspace.id;
  const prototype = await db.prototype.create({ data: { workspaceId, name: "Shapes" }, select: { id: true } });
  prototypeId = prototype.id;
  const images = await writeShapeImages({ dir: path.join(uploadsDir, "shapes"), perClass: 8, size: 48, seed: 3 });
  const classIds: string[] = [];
  for (const [position, name] of SHAPE_CLASSES.entries()) {
    classIds.push((await db.prototypeClass.create({ data: { workspaceId, prototypeId, name, position }, select: { id: true } })).id);
  }
  for (const image of images) {
    const bytes = await readFile(image.path);
    const row = await db.prototypeImage.create({
      data: {
        workspaceId,
        prototypeId,
        classId: classIds[image.label]!,
        contentHash: createHash("sha256").update(bytes).digest("hex") + prototypeId,
        storagePath: path.relative(uploadsDir, image.path),
        originalName: path.basename(image.path),
        format: "png",
        width: 48,
        height: 48,
        bytes: bytes.byteLength,
      },
      select: { id: true },
    });
    imageIds.push(row.id);
  }
  worker = createRunWorker({
    db,
    execute: createExecuteRun({ db, env: testEnv, storage: testStorage }),
    pollMs: 100,
    heartbeatMs: 200,
    log: () => {},
  });
  worker.start();
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await closePredictor();
  await rm(root, { recursive: true, force: true });
});

describe("training pipeline", () => {
  it("trains a run end to end, stores metrics and curves, and predicts with it", async () => {
    const started = await owner.caller.runs.start({
      workspaceId: owner.workspace.id,
      prototypeId,
      settings: { mode: "quick", epochs: 4, batchSize: 8, validationShare: 0.25, seed: 5 },
    });
    const run = await waitForRun(started.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe("SUCCEEDED");
    expect(run).toMatchObject({ backboneId: DEFAULT_PRETRAINED_ID, backend: "wasm" });
    // The run records the engine that computed its embeddings: the one the health report announces for this backbone.
    const resolution = await resolveBackbone({ modelsDir: testEnv.modelsDir });
    const planned = await plannedEngine(
      resolution.status === "pretrained" ? resolution.backbone : undefined,
      await ensureBackend({ preference: "wasm" }),
    );
    expect(run.embeddingEngine).toBe(planned.engine);
    expect((await owner.caller.runs.get({ workspaceId: owner.workspace.id, runId: run.id })).embeddingEngine).toBe(planned.engine);

    const metrics = run.metrics as {
      accuracy: number;
      macroF1: number;
      classes: string[];
      confusion: number[][];
      cellImageIds: string[][][];
    };
    expect(metrics.classes).toEqual([...SHAPE_CLASSES]);
    expect(metrics.accuracy).toBeGreaterThanOrEqual(0);
    expect(metrics.confusion).toHaveLength(3);
    const behindCells = metrics.cellImageIds.flat(2);
    const sizes = run.dataSizes as { train: number; validation: number; test: number; total: number };
    // The figures come from the test images, set aside before training and early stopping.
    expect(metrics).toMatchObject({ evaluatedOn: "test" });
    expect(behindCells).toHaveLength(sizes.test);
    expect(behindCells.every((id) => imageIds.includes(id))).toBe(true);
    expect(sizes).toMatchObject({ total: 24, train: 12, validation: 6, test: 6 });

    // What pages read: parsed columns, the accuracy with its interval and count, no per-image ids in lists.
    const shown = await owner.caller.runs.get({ workspaceId: owner.workspace.id, runId: run.id });
    expect(shown.evidence).toMatchObject({ evaluatedOn: "test", accuracy: { n: 6, rough: true } });
    expect(shown.evidence!.accuracy.low).toBeLessThanOrEqual(shown.evidence!.accuracy.estimate!);
    expect(shown.metrics).not.toHaveProperty("cellImageIds");
    const [listed] = await owner.caller.runs.list({ workspaceId: owner.workspace.id, prototypeId });
    expect(JSON.stringify(listed)).not.toContain("cellImageIds");
    expect(listed!.evidence?.accuracy.n).toBe(6);
    // The learning curve: the same 6 test images, scored after training on 2, 2, 3 and all 4 images a class.
    expect(shown.evidence!.learningCurve!.points.map((p) => [p.imagesPerClass, p.accuracy.n])).toEqual([
      [2, 6],
      [2, 6],
      [3, 6],
      [4, 6],
    ]);
    expect((run.curves as unknown[]).length).toBeGreaterThanOrEqual(1);
    expect(existsSync(path.join(root, "models", run.id, "export.zip"))).toBe(true);

    const cell = await owner.caller.runs.cellImages({
      workspaceId: owner.workspace.id,
      runId: run.id,
      truth: 0,
      predicted: metrics.confusion[0]!.findIndex((n) => n > 0),
    });
    expect(cell.length).toBeGreaterThan(0);

    const image = await readFile(path.join(uploadsDir, "shapes", "img-circle-0.png"));
    const prediction = await predictImage(getDb(), { workspaceId: owner.workspace.id, prototypeId, image }, modelPaths(testEnv));
    expect(prediction).toMatchObject({ runId: run.id, version: started.version });
    expect(prediction.predictions.map((p) => p.label).sort()).toEqual([...SHAPE_CLASSES].sort());
    expect(prediction.predictions.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 4);
    // The run kept what "like its training images" means, so every answer says whether the image is.
    expect(existsSync(path.join(root, "models", run.id, OOD_FILE))).toBe(true);
    expect(typeof prediction.outOfDistribution).toBe("boolean");
    expect(prediction.outOfDistributionScore).toBeGreaterThanOrEqual(0);
  }, 180_000);

  it("optimises by default: cross-validates the candidates on the training images only, then answers with the winner", async () => {
    const started = await owner.caller.runs.start({
      workspaceId: owner.workspace.id,
      prototypeId,
      settings: { epochs: 4, batchSize: 8, seed: 5 },
    });
    const run = await waitForRun(started.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe("SUCCEEDED");
    const shown = await owner.caller.runs.get({ workspaceId: owner.workspace.id, runId: run.id });
    expect(shown.settings).toMatchObject({ mode: "optimise", cvFolds: 5, testShare: 0.2 });
    // No validation part: the folds choose. 8 a class, 2 to the test, 6 to training.
    expect(shown.dataSizes).toMatchObject({ train: 18, validation: 0, test: 6 });
    const selection = shown.metrics!.selection!;
    expect(selection.candidates.map((c) => c.kind)).toEqual(["logistic", "pixels", "mlp"]);
    expect(selection.trainImages).toBe(18);
    for (const c of selection.candidates) expect(c.n).toBe(18);
    expect(shown.metrics!.candidate?.kind).toBe(selection.winner);
    expect(shown.evidence).toMatchObject({ evaluatedOn: "test", accuracy: { n: 6 } });
    // The learning curve retrains the chosen candidate on fewer images: same 6 test images.
    expect(shown.evidence!.learningCurve!.points.every((p) => p.accuracy.n === 6)).toBe(true);

    const image = await readFile(path.join(uploadsDir, "shapes", "img-circle-0.png"));
    const prediction = await predictImage(
      getDb(),
      { workspaceId: owner.workspace.id, prototypeId, runId: run.id, image },
      modelPaths(testEnv),
    );
    expect(prediction.predictions.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 4);
  }, 180_000);

  it("serves the REST endpoint to a valid key only, and only for its own workspace's prototypes", async () => {
    const db = getDb();
    const image = await readFile(path.join(uploadsDir, "shapes", "img-square-1.png"));
    const route = (perKeyPerMinute: number) =>
      defineRoute(
        { name: "predict (test)", auth: "apiKey", body: { maxBytes: 10 * 1024 * 1024, contentTypes: PREDICT_BODY_TYPES } },
        predictHandler({ perKeyPerMinute }, modelPaths(testEnv)),
      );
    const handlePredict = (perKeyPerMinute: number, req: Request, id: string) =>
      route(perKeyPerMinute)(req, { params: Promise.resolve({ id }) });
    const post = (key: string | null, body: BodyInit, id = prototypeId, type = "image/png") =>
      handlePredict(
        1000,
        new Request(`http://x/api/v1/prototypes/${id}/predict`, {
          method: "POST",
          headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), "content-type": type },
          body,
        }),
        id,
      );

    const { key, id: keyId } = await createApiKey(db, { workspaceId: owner.workspace.id, userId: owner.user.id, name: "CI" });
    const ok = await post(key, image);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { predictions: { label: string; probability: number }[]; quality: unknown };
    expect(body.predictions.map((p) => p.label).sort()).toEqual([...SHAPE_CLASSES].sort());
    expect(body.quality).toMatchObject({
      measuredOn: "test",
      images: 6,
      rough: true,
      interval95: [expect.any(Number), expect.any(Number)],
      // The latest run is the optimise run above: the answer names the candidate that won there.
      model: expect.stringMatching(/^(logistic|pixels|mlp)$/),
      // That run found every embedding in the cache the first run filled.
      embeddingEngine: "cached",
    });

    const form = new FormData();
    form.set("image", new Blob([image], { type: "image/png" }), "square.png");
    const multipart = await handlePredict(
      1000,
      new Request(`http://x/api/v1/prototypes/${prototypeId}/predict`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}` },
        body: form,
      }),
      prototypeId,
    );
    expect(multipart.status).toBe(200);

    expect((await post(key, Buffer.from("not an image"))).status).toBe(400);
    expect(ok.headers.get("x-ratelimit-limit")).toBe("1000");

    // Per key, per minute: over the limit answers 429 with Retry-After; another key is unaffected.
    const { key: limitedKey } = await createApiKey(db, { workspaceId: owner.workspace.id, userId: owner.user.id, name: "Loop" });
    const limited = () =>
      handlePredict(
        2,
        new Request(`http://x/api/v1/prototypes/${prototypeId}/predict`, {
          method: "POST",
          headers: { authorization: `Bearer ${limitedKey}`, "content-type": "image/png" },
          body: image,
        }),
        prototypeId,
      );
    expect((await limited()).status).toBe(200);
    expect((await limited()).status).toBe(200);
    const refused = await limited();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { reason: "rateLimited" } });
    expect((await post(key, image)).status).toBe(200);
    expect((await post(null, image)).status).toBe(401);
    expect((await post("vl_made-up-key", image)).status).toBe(401);

    // A key of another workspace: the prototype is "not found", not forbidden.
    const stranger = await createUser({ name: "Stranger" });
    const foreign = await createApiKey(db, { workspaceId: stranger.workspace.id, userId: stranger.user.id, name: "theirs" });
    const res = await post(foreign.key, image);
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain("Shapes");

    await revokeApiKey(db, { workspaceId: owner.workspace.id, userId: owner.user.id, keyId });
    expect((await post(key, image)).status).toBe(401);
  }, 120_000);

  it("reuses cached embeddings on the next run", async () => {
    const started = await owner.caller.runs.start({
      workspaceId: owner.workspace.id,
      prototypeId,
      settings: { epochs: 1, batchSize: 8, seed: 6 },
    });
    const run = await waitForRun(started.id);
    expect(run.status).toBe("SUCCEEDED");
    const cached = await getDb().embeddingCache.count({
      where: { workspaceId: owner.workspace.id, backboneId: DEFAULT_PRETRAINED_ID, contentHash: { endsWith: prototypeId } },
    });
    expect(cached).toBe(24);
    expect(run.dataSizes).toMatchObject({ cachedEmbeddings: 24 });
    expect(run.embeddingEngine).toBe("cached");
  }, 180_000);

  it("shares no cached embedding with another workspace that holds the same images", async () => {
    const db = getDb();
    const other = await createUser({ name: "Outsider" });
    const workspaceId = other.workspace.id;
    const copy = await copyShapes(workspaceId, "Same shapes");
    const started = await other.caller.runs.start({ workspaceId, prototypeId: copy.id, settings: { epochs: 1, batchSize: 8, seed: 6 } });
    const run = await waitForRun(started.id);
    expect(run.status).toBe("SUCCEEDED");
    expect(run.dataSizes).toMatchObject({ cachedEmbeddings: 0 });
    expect(await db.embeddingCache.count({ where: { workspaceId } })).toBe(copy.images);
  }, 180_000);

  it("records which engine computed the features of a run that failed, during extraction or after it", async () => {
    const db = getDb();
    const other = await createUser({ name: "Unlucky" });
    const workspaceId = other.workspace.id;
    // New to this workspace's embedding cache: the run has to extract every image.
    const copy = await copyShapes(workspaceId, "Failing shapes");
    const flaky = flakyStorage(testStorage);
    const flakyWorker = createRunWorker({
      db,
      execute: createExecuteRun({ db, env: testEnv, storage: flaky.storage }),
      pollMs: 100,
      log: () => {},
    });
    await worker.stop();
    flakyWorker.start();
    try {
      const resolution = await resolveBackbone({ modelsDir: testEnv.modelsDir });
      const planned = await plannedEngine(
        resolution.status === "pretrained" ? resolution.backbone : undefined,
        await ensureBackend({ preference: "wasm" }),
      );
      const failedRun = async () => {
        const started = await other.caller.runs.start({
          workspaceId,
          prototypeId: copy.id,
          settings: { epochs: 1, batchSize: 8, seed: 6 },
        });
        const run = await waitForRun(started.id);
        expect(run.status).toBe("FAILED");
        const shown = await other.caller.runs.get({ workspaceId, runId: run.id });
        return { error: run.error, stored: run.embeddingEngine, shown: shown.embeddingEngine };
      };

      // The bucket stops answering while the images are read: the run fails during extraction.
      flaky.state.failing = "images";
      expect(await failedRun()).toEqual({
        error: expect.stringContaining("bucket timed out"),
        stored: planned.engine,
        shown: planned.engine,
      });
      expect(await db.embeddingCache.count({ where: { workspaceId } })).toBe(0);

      // Every embedding computed, then the model cannot be stored: the run fails after extraction.
      flaky.state.failing = "artifact";
      expect(await failedRun()).toEqual({
        error: expect.stringContaining("bucket refused"),
        stored: planned.engine,
        shown: planned.engine,
      });
      expect(await db.embeddingCache.count({ where: { workspaceId } })).toBe(copy.images);
    } finally {
      await flakyWorker.stop();
      worker.start();
    }
  }, 180_000);

  it("exports a succeeded run as one self-contained model with labels and preprocessing, for its own workspace only", async () => {
    const run = await getDb().trainingRun.findFirstOrThrow({ where: { prototypeId, status: "SUCCEEDED" }, orderBy: { version: "desc" } });
    const { fileName, zip } = await buildRunExport(getDb(), { workspaceId: owner.workspace.id, prototypeId, runId: run.id }, testStorage);
    expect(zip.size).toBe((await readObject(testStorage, runExportKey(run.id))).length);
    expect(fileName).toBe(`Shapes-v${run.version}.zip`);
    zip.body.destroy();
    const files = await JSZip.loadAsync(await readObject(testStorage, runExportKey(run.id)));
    expect(
      Object.keys(files.files)
        .filter((f) => !f.endsWith("/"))
        .sort(),
    ).toEqual(
      [
        "LICENSE-backbone.txt",
        "README.md",
        "classify-browser.mjs",
        "classify-node.mjs",
        "labels.json",
        "metadata.json",
        "model.json",
        "preprocessing.json",
        "weights.bin",
      ].sort(),
    );
    expect(JSON.parse(await files.file("labels.json")!.async("string"))).toEqual([...SHAPE_CLASSES]);
    expect(JSON.parse(await files.file("preprocessing.json")!.async("string"))).toMatchObject({
      height: 64,
      width: 64,
      inputRange: [0, 1],
      resizeKernel: "lanczos3",
    });
    // One self-contained graph model: the head grafted onto the backbone.
    expect(JSON.parse(await files.file("model.json")!.async("string"))).toMatchObject({ format: "graph-model" });

    const stranger = await createUser({ name: "Stranger" });
    await expect(
      buildRunExport(getDb(), { workspaceId: stranger.workspace.id, prototypeId, runId: run.id }, testStorage),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("falls back to the compact CNN trained end to end when no pretrained backbone is installed", async () => {
    const offline = { ...testEnv, modelsDir: path.join(root, "no-models") };
    const fallbackWorker = createRunWorker({
      db: getDb(),
      execute: createExecuteRun({ db: getDb(), env: offline, storage: testStorage }),
      pollMs: 100,
      log: () => {},
    });
    await worker.stop();
    fallbackWorker.start();
    try {
      const started = await owner.caller.runs.start({
        workspaceId: owner.workspace.id,
        prototypeId,
        settings: { epochs: 2, batchSize: 8, seed: 9 },
      });
      const run = await waitForRun(started.id);
      expect(run.error).toBeNull();
      expect(run).toMatchObject({ status: "SUCCEEDED", backboneId: "compact_cnn_v1", embeddingEngine: "tfjs-wasm" });
      expect(run.metrics).toMatchObject({ modelKind: "full" });
      const image = await readFile(path.join(uploadsDir, "shapes", "img-square-1.png"));
      const prediction = await predictImage(
        getDb(),
        { workspaceId: owner.workspace.id, prototypeId, runId: run.id, image },
        modelPaths(offline),
      );
      expect(prediction.predictions).toHaveLength(3);
    } finally {
      await fallbackWorker.stop();
      worker.start();
    }
  }, 300_000);

  it("trains a fresh install on the MobileNet bundled with npm: the worker installs it at start-up", async () => {
    const fresh = { ...testEnv, modelsDir: path.join(root, "fresh-models") };
    await prepareBundledBackbone(fresh);
    // Every bundled feature kind is installed: the default, and those older runs embed with.
    expect(BUNDLED_BACKBONES.map((spec) => spec.id)).toEqual([
      BUNDLED_MOBILENET_V2.id,
      BUNDLED_MOBILENET_V2_BLOCK10.id,
      BUNDLED_MOBILENET_V2_FINAL.id,
    ]);
    for (const spec of BUNDLED_BACKBONES) expect(existsSync(path.join(fresh.modelsDir, spec.id, "manifest.json"))).toBe(true);
    // Embeddings cached with the earlier features (384 and 1280 values) are never mixed into a run on the new ones.
    const db = getDb();
    const images = await db.prototypeImage.findMany({ where: { prototypeId }, select: { contentHash: true } });
    for (const older of [BUNDLED_MOBILENET_V2_BLOCK10, BUNDLED_MOBILENET_V2_FINAL]) {
      await db.embeddingCache.createMany({
        data: images.map((image) => ({
          workspaceId: owner.workspace.id,
          contentHash: image.contentHash,
          backboneId: older.id,
          vector: new Uint8Array(new Float32Array(older.embeddingSize).fill(1).buffer),
        })),
        skipDuplicates: true,
      });
    }
    const olderRun = await db.trainingRun.findFirstOrThrow({
      where: { prototypeId, status: "SUCCEEDED", backboneId: DEFAULT_PRETRAINED_ID },
      orderBy: { version: "desc" },
    });
    const bundledWorker = createRunWorker({
      db: getDb(),
      execute: createExecuteRun({ db: getDb(), env: fresh, storage: testStorage }),
      pollMs: 100,
      log: () => {},
    });
    await worker.stop();
    bundledWorker.start();
    try {
      const started = await owner.caller.runs.start({
        workspaceId: owner.workspace.id,
        prototypeId,
        settings: { epochs: 5, batchSize: 8, seed: 9 },
      });
      const run = await waitForRun(started.id);
      expect(run.error).toBeNull();
      expect(run).toMatchObject({ status: "SUCCEEDED", backboneId: BUNDLED_MOBILENET_V2.id });
      expect(run.metrics).toMatchObject({ modelKind: "head" });
      expect(run.dataSizes).toMatchObject({ cachedEmbeddings: 0 });
      const byBackbone = (backboneId: string) =>
        db.embeddingCache.count({ where: { workspaceId: owner.workspace.id, backboneId, contentHash: { endsWith: prototypeId } } });
      expect(await byBackbone(BUNDLED_MOBILENET_V2.id)).toBe(images.length);
      expect(await byBackbone(BUNDLED_MOBILENET_V2_BLOCK10.id)).toBe(images.length);
      expect(await byBackbone(BUNDLED_MOBILENET_V2_FINAL.id)).toBe(images.length);
      const image = await readFile(path.join(uploadsDir, "shapes", "img-circle-2.png"));
      const prediction = await predictImage(
        getDb(),
        { workspaceId: owner.workspace.id, prototypeId, runId: run.id, image },
        modelPaths(fresh),
      );
      expect(prediction.predictions.map((p) => p.label).sort()).toEqual([...SHAPE_CLASSES].sort());
      expect(prediction.predictions.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 3);
      // A run trained before, on other features, still answers with its own model.
      const older = await predictImage(
        getDb(),
        { workspaceId: owner.workspace.id, prototypeId, runId: olderRun.id, image },
        modelPaths(testEnv),
      );
      expect(older.predictions.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 3);
    } finally {
      await bundledWorker.stop();
      worker.start();
    }
  }, 300_000);

  it("refuses a prediction when the prototype has no finished run", async () => {
    const other = await getDb().prototype.create({ data: { workspaceId: owner.workspace.id, name: "Untrained" }, select: { id: true } });
    await expect(
      predictImage(getDb(), { workspaceId: owner.workspace.id, prototypeId: other.id, image: Buffer.from("x") }, modelPaths(testEnv)),
    ).rejects.toMatchObject({ reason: "noTrainedRun" });
  });
});
