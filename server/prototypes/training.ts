import { ensureBackend } from "@/ml/backend";
import { COMPACT_CNN_V1, buildCompactCnn, resolveBackbone, serializeLayersModel } from "@/ml/backbone";
import { createEmbedder } from "@/ml/embed";
import { buildExportZip } from "@/ml/export";
import { learningCurve, optimises, resolveTrainSettings, trainClassifier, type TrainClassifierResult, type TrainingData } from "@/ml/train";
import { pixelFeatures, pixelPool } from "@/ml/runtime/train/pixels.mjs";
import type { PixelMatrix } from "@/ml/runtime/train/select.mjs";
import type { BackboneSpec, BackendInfo, EpochLog, LoadedBackbone, SerializedModel, TrainSettings } from "@/ml/types";
import type { Db } from "@/server/db";
import type { Env } from "@/server/env";
import { imageKey, imageSources, localFiles, runPrefix, storage as appStorage, type ObjectStorage } from "@/server/storage";
import { writeRunArtifact } from "./export-artifact";
import { removeFilesOfDeletedRun } from "./file-cleanup";
import type { RunEmbeddingEngine } from "./embedding-engine";
import { saveOodReference } from "./ood";
import { fieldRunMetrics } from "./field-metrics";
import { runEvidence } from "./run-evidence";
import { ZRunDataSizes, ZRunMetrics } from "./run-json";
import type { ClaimedRun, ExecuteRun, RunReporter } from "./worker";

const CACHE_CHUNK = 400;

interface Sample {
  imageId: string;
  contentHash: string;
  /** The image's key in storage. */
  key: string;
  label: number;
  /** Set on reviewed predictions from the field; null on uploaded (lab) images. */
  fieldSource: string | null;
}

/**
 * The pipeline of one run: data → (cached) embeddings or images → training thread → metrics → artifact.
 * Images and the model go through `storage` (the app's by default), so a worker on another machine
 * trains from the same bucket the web processes upload to.
 */
export function createExecuteRun(deps: { db: Db; env: Env; storage?: ObjectStorage }): ExecuteRun {
  return async (run, context) => {
    const scratch: Array<() => Promise<void>> = [];
    try {
      await executeRun({ ...deps, storage: deps.storage ?? appStorage(), scratch }, run, context);
    } finally {
      await Promise.all(scratch.map((cleanup) => cleanup().catch(() => undefined)));
    }
  };
}

async function executeRun(
  { db, env, storage, scratch }: { db: Db; env: Env; storage: ObjectStorage; scratch: Array<() => Promise<void>> },
  run: ClaimedRun,
  { signal, reporter, workerId }: { signal: AbortSignal; reporter: RunReporter; workerId: string },
) {
  const started = Date.now();
  reporter.progress({ phase: "preparing" });
  const settings = resolveTrainSettings((run.settings ?? {}) as Partial<TrainSettings>);
  const { classes, samples } = await loadSamples(db, run);
  const backend = await ensureBackend({ preference: env.ML_BACKEND });
  const resolution = await resolveBackbone({ modelsDir: env.modelsDir });
  // What computes the image features, as the run page and the API report it. Written as soon as it is
  // known, so a run that fails afterwards (or while extracting) still says which engine it used.
  // Images through TF.js (augmentation, or the compact CNN trained end to end): known now.
  const tfjsEngine: RunEmbeddingEngine = `tfjs-${backend.backend}`;
  const throughTfjs = resolution.status !== "pretrained" || settings.augment;
  await db.trainingRun.updateMany({
    where: { id: run.id, workerId },
    data: {
      backend: backend.backend,
      device: backend.device,
      backboneId: resolution.status === "pretrained" ? resolution.backbone.spec.id : resolution.spec.id,
      ...(throughTfjs ? { embeddingEngine: tfjsEngine } : {}),
    },
  });
  const recordEngine = async (engine: RunEmbeddingEngine) => {
    await db.trainingRun.updateMany({ where: { id: run.id, workerId }, data: { embeddingEngine: engine } });
  };
  signal.throwIfAborted();

  let used: Sample[] = samples;
  let data: TrainingData;
  let backboneForExport: { spec: BackboneSpec; model: SerializedModel };
  let cachedEmbeddings = 0;
  // Image files for the training threads, which decode every image again each epoch: paths on
  // local disk, a scratch copy of the bucket's objects otherwise (removed when the run ends).
  const filesFor = async (chosen: Sample[]) => {
    const files = await localFiles(
      storage,
      chosen.map((s) => s.key),
      { signal },
    );
    scratch.push(files.cleanup);
    return files.paths;
  };

  if (resolution.status === "pretrained") {
    const backbone = resolution.backbone;
    backboneForExport = { spec: backbone.spec, model: backbone.model };
    if (!settings.augment) {
      const embedded = await embeddingsFor(db, storage, run.workspaceId, samples, backbone, backend, {
        signal,
        reporter,
        onEngine: recordEngine,
      });
      used = embedded.samples;
      cachedEmbeddings = embedded.cached;
      data = { kind: "embeddings", embeddings: embedded.matrix, dim: backbone.spec.embeddingSize };
    } else {
      // With augmentation the training thread runs the backbone on every epoch's images, in TF.js.
      data = { kind: "images", paths: await filesFor(used), backbone: backboneForExport, trainBackbone: false };
    }
  } else {
    const cnn = buildCompactCnn({ seed: settings.seed });
    const model = await serializeLayersModel(cnn);
    cnn.dispose();
    backboneForExport = { spec: COMPACT_CNN_V1, model };
    data = { kind: "images", paths: await filesFor(used), backbone: backboneForExport, trainBackbone: true };
  }

  // The optimise step's pixel candidate needs thumbnails of the same images (decoded again: seconds).
  let pixels: PixelMatrix | undefined;
  if (optimises(settings, data) && data.kind === "embeddings" && pixelPool(backboneForExport.spec.preprocess) !== null) {
    reporter.progress({ phase: "selecting", step: 0, steps: 0 });
    const thumbs = await pixelFeatures(await filesFor(used), backboneForExport.spec.preprocess, { signal });
    const failed = new Set(thumbs.failed);
    if (failed.size > 0) {
      // Files that no longer decode are left out of the run, as during extraction.
      const keep = used.map((_, i) => i).filter((i) => !failed.has(i));
      used = keep.map((i) => used[i]!);
      data = { kind: "embeddings", embeddings: pickRows(data.embeddings, data.dim, keep), dim: data.dim };
      thumbs.x = pickRows(thumbs.x, thumbs.d, keep);
    }
    pixels = { x: thumbs.x, d: thumbs.d, height: thumbs.height, width: thumbs.width, pool: thumbs.pool };
  }

  const input = {
    classes: classes.map((c) => c.name),
    labels: Int32Array.from(used, (s) => s.label),
    data,
    settings,
    // Field images are held out for testing first: the test then resembles what customers send,
    // and the run can report on them apart from the lab data.
    preferTest: used.map((s) => s.fieldSource !== null),
    ...(pixels ? { pixels } : {}),
  };
  const result = await train(input, backend, settings, { signal, reporter });
  reporter.progress({ phase: "evaluating" });
  // Test accuracy with fewer training images: how much more data would help (embeddings only: seconds).
  const curve = await learningCurve(input, result, { backend, signal });
  const report = result.report;
  const validated = result.validation.indices.map((row) => used[row]!);
  const tested = result.test.indices.map((row) => used[row]!);
  const skipped = new Set(result.skipped.map((s) => s.index));
  const zip = await buildExportZip({
    classes: report.classes,
    model: result.model,
    modelKind: result.modelKind,
    backbone: backboneForExport,
    metadata: {
      runId: run.id,
      version: run.version,
      accuracy: report.accuracy,
      // What the accuracy rests on: the images it was measured on and its 95 % interval.
      evaluatedOn: result.evaluatedOn,
      accuracyEvidence: runEvidence({ classes: report.classes, confusion: report.confusion, evaluatedOn: result.evaluatedOn }).accuracy,
      macroF1: report.macro.f1,
      trainedAt: new Date().toISOString(),
    },
  });
  // Deleted (with its prototype) or handed to another worker while it trained: write nothing.
  await assertStillRunning(db, run.id, workerId);
  await writeRunArtifact(storage, run.id, zip);
  const trainRows = result.split.train.filter((i) => !skipped.has(i));
  if (data.kind === "embeddings" && resolution.status === "pretrained") {
    // What "like the training images" means for this run: the out-of-distribution hint of its predictions.
    await saveOodReference({
      storage,
      runId: run.id,
      embeddings: data.embeddings,
      dim: data.dim,
      trainRows,
      heldOutRows: [...result.validation.indices, ...result.test.indices],
      backboneId: resolution.backbone.spec.id,
      seed: settings.seed,
    });
  }
  const cellImageRows = report.cells.map((row) => row.map((cell) => [...cell]));
  const field = await fieldRunMetrics(db, { workspaceId: run.workspaceId, samples: used, classes: report.classes, cells: cellImageRows });
  const finished = await db.trainingRun.updateMany({
    where: { id: run.id, workerId },
    data: {
      status: "SUCCEEDED",
      phase: "done",
      finishedAt: new Date(),
      heartbeatAt: new Date(),
      // The run's folder in storage, as before object storage ("models/<runId>").
      artifactPath: runPrefix(run.id).slice(0, -1),
      metrics: ZRunMetrics.parse({
        evaluatedOn: result.evaluatedOn,
        accuracy: report.accuracy ?? 0,
        macroF1: report.macro.f1 ?? 0,
        macroPrecision: report.macro.precision,
        macroRecall: report.macro.recall,
        majorityBaseline: report.majorityBaseline,
        classes: report.classes,
        perClass: report.perClass.map((c) => ({ ...c })),
        confusion: report.confusion,
        // ml/train's report names samples (rows of `used`) in each cell.
        cellImageIds: report.cells.map((row) => row.map((cell) => cell.map((i) => used[i]!.imageId))),
        bestEpoch: result.bestEpoch,
        stoppedEarly: result.stoppedEarly,
        modelKind: result.modelKind,
        durationMs: Date.now() - started,
        trainingMs: result.durationMs,
        compute: result.compute,
        learningCurve: curve,
        field,
        ...(result.selection ? { selection: result.selection } : {}),
        ...(result.candidate ? { candidate: result.candidate } : {}),
      }),
      curves: result.history.map((h) => ({ ...h })),
      dataSizes: ZRunDataSizes.parse({
        total: samples.length,
        used: used.length - skipped.size,
        train: trainRows.length,
        validation: validated.length,
        test: tested.length,
        unreadable: samples.length - used.length + skipped.size,
        // Embeddings taken from the cache instead of being extracted again.
        cachedEmbeddings,
        perClass: classes.map((c, index) => ({
          name: c.name,
          train: trainRows.filter((i) => used[i]!.label === index).length,
          validation: validated.filter((s) => s.label === index).length,
          test: tested.filter((s) => s.label === index).length,
        })),
      }),
      progress: { phase: "done", epochs: result.history.length, durationMs: Date.now() - started },
    },
  });
  // Deleted after the check above: the delete may have removed the run's folder before the files above were written.
  if (finished.count === 0) await removeFilesOfDeletedRun(db, storage, run.id);
}

/** Throws an AbortError (the worker then records nothing) when the run is no longer this worker's running run. */
async function assertStillRunning(db: Db, runId: string, workerId: string) {
  const mine = await db.trainingRun.count({ where: { id: runId, workerId, status: "RUNNING" } });
  if (mine === 0) throw new DOMException("the run was deleted, cancelled or handed to another worker", "AbortError");
}

function pickRows(matrix: Float32Array, dim: number, rows: number[]): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => out.set(matrix.subarray(row * dim, (row + 1) * dim), i * dim));
  return out;
}

async function loadSamples(db: Db, run: ClaimedRun) {
  const classRows = await db.prototypeClass.findMany({
    where: { workspaceId: run.workspaceId, prototypeId: run.prototypeId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true },
  });
  const images = await db.prototypeImage.findMany({
    where: { workspaceId: run.workspaceId, prototypeId: run.prototypeId },
    orderBy: { createdAt: "asc" },
    select: { id: true, classId: true, contentHash: true, storagePath: true, fieldSource: true },
  });
  // Classes without images cannot be learnt; they are left out of this run.
  const withImages = classRows.filter((c) => images.some((i) => i.classId === c.id));
  if (withImages.length < 2) throw new Error("Training needs at least two classes with images");
  const index = new Map(withImages.map((c, i) => [c.id, i]));
  const samples: Sample[] = images.map((image) => ({
    imageId: image.id,
    contentHash: image.contentHash,
    key: imageKey(image.storagePath),
    label: index.get(image.classId)!,
    fieldSource: image.fieldSource,
  }));
  return { classes: withImages, samples };
}

/**
 * Embeddings for every sample: from the workspace's cache (content hash + backbone id) where
 * possible, extracted on the worker pool otherwise, then cached. Images that no
 * longer decode are dropped from the run.
 */
async function embeddingsFor(
  db: Db,
  storage: ObjectStorage,
  workspaceId: string,
  samples: Sample[],
  backbone: LoadedBackbone,
  backend: BackendInfo,
  {
    signal,
    reporter,
    onEngine,
  }: {
    signal: AbortSignal;
    reporter: RunReporter;
    /** Called once the engine is known: before any image is extracted. */
    onEngine: (engine: RunEmbeddingEngine) => Promise<void>;
  },
): Promise<{ samples: Sample[]; matrix: Float32Array; cached: number }> {
  const dim = backbone.spec.embeddingSize;
  const backboneId = backbone.spec.id;
  const vectors = new Map<string, Float32Array>();
  for (let start = 0; start < samples.length; start += CACHE_CHUNK) {
    const hashes = samples.slice(start, start + CACHE_CHUNK).map((s) => s.contentHash);
    const rows = await db.embeddingCache.findMany({
      where: { workspaceId, backboneId, contentHash: { in: hashes } },
      select: { contentHash: true, vector: true },
    });
    for (const row of rows) {
      const bytes = row.vector;
      if (bytes.byteLength === dim * 4)
        vectors.set(row.contentHash, new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
    }
  }
  const missing = samples.filter((s) => !vectors.has(s.contentHash));
  const cachedCount = samples.length - missing.length;
  reporter.progress({ phase: "extracting", done: 0, total: missing.length, cached: cachedCount });
  if (missing.length === 0) await onEngine("cached");
  else {
    const embedder = await createEmbedder({ backbone, backend });
    try {
      await onEngine(embedder.engine);
      const pendingWrites: Array<{ workspaceId: string; contentHash: string; backboneId: string; vector: Uint8Array<ArrayBuffer> }> = [];
      const flush = async () => {
        if (pendingWrites.length === 0) return;
        await db.embeddingCache.createMany({ data: pendingWrites.splice(0), skipDuplicates: true });
      };
      let done = 0;
      const byId = new Map(missing.map((s) => [s.imageId, s]));
      for await (const batch of embedder.embed(
        imageSources(
          storage,
          missing.map((s) => ({ id: s.imageId, key: s.key })),
        ),
        { signal, total: missing.length },
      )) {
        for (const item of batch) {
          const sample = byId.get(item.id)!;
          if (!item.embedding) continue;
          vectors.set(sample.contentHash, item.embedding);
          pendingWrites.push({
            workspaceId,
            contentHash: sample.contentHash,
            backboneId,
            vector: new Uint8Array(Float32Array.from(item.embedding).buffer),
          });
        }
        done += batch.length;
        reporter.progress({ phase: "extracting", done, total: missing.length, cached: cachedCount });
        if (pendingWrites.length >= 64) await flush();
      }
      await flush();
    } finally {
      await embedder.close();
    }
  }
  const usable = samples.filter((s) => vectors.has(s.contentHash));
  const matrix = new Float32Array(usable.length * dim);
  usable.forEach((s, i) => matrix.set(vectors.get(s.contentHash)!, i * dim));
  return { samples: usable, matrix, cached: cachedCount };
}

async function train(
  input: { classes: string[]; labels: Int32Array; data: TrainingData; settings: TrainSettings; pixels?: PixelMatrix },
  backend: BackendInfo,
  settings: TrainSettings,
  { signal, reporter }: { signal: AbortSignal; reporter: RunReporter },
): Promise<TrainClassifierResult> {
  const history: EpochLog[] = [];
  let epochStarted = Date.now();
  reporter.progress({ phase: "training", epoch: 0, epochs: settings.epochs });
  return trainClassifier(input, {
    backend,
    signal,
    onSelectStep: ({ candidate, fold, folds }) => {
      // Candidates run in a fixed order; the pixel model only when thumbnails were made.
      const order = input.pixels ? ["logistic", "pixels", "mlp"] : ["logistic", "mlp"];
      reporter.progress({
        phase: "selecting",
        candidate,
        fold,
        folds,
        step: order.indexOf(candidate) * folds + fold,
        steps: order.length * folds,
      });
    },
    onEpoch: (log) => {
      history.push(log);
      epochStarted = Date.now();
      const perEpoch = history.reduce((sum, h) => sum + h.durationMs, 0) / history.length;
      reporter.progress({
        phase: "training",
        epoch: log.epoch,
        epochs: settings.epochs,
        loss: log.loss,
        acc: log.acc,
        valLoss: log.valLoss,
        valAcc: log.valAcc,
        // An upper bound: early stopping often ends sooner.
        etaMs: Math.round(perEpoch * (settings.epochs - log.epoch)),
        history,
      });
    },
    onBatch: ({ done, total }) => {
      const last = history.at(-1);
      const perEpoch = last ? last.durationMs : ((Date.now() - epochStarted) / Math.max(done, 1)) * total;
      reporter.progress({
        phase: "training",
        epoch: history.length,
        epochs: settings.epochs,
        batch: done,
        batches: total,
        loss: last?.loss,
        acc: last?.acc,
        valLoss: last?.valLoss,
        valAcc: last?.valAcc,
        etaMs: Math.round(perEpoch * (settings.epochs - history.length) - (Date.now() - epochStarted)),
        history,
      });
    },
  });
}
