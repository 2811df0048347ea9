import path from "node:path";
import { Worker } from "node:worker_threads";
import { ensureBackend, defaultWasmDir } from "@/ml/backend";
import { inspectImage } from "@/ml/data/images";
import { topK } from "@/ml/metrics";
import type { SerializedModel } from "@/ml/types";
import type { DbTx } from "@/server/db";
import { env } from "@/server/env";
import { DomainError, found } from "@/server/errors";
import { readRunArtifact } from "./export-artifact";

export interface PredictResult {
  runId: string;
  version: number;
  predictions: { label: string; probability: number }[];
}

/**
 * Predicts the class of one image with a prototype's latest succeeded run (or the
 * given run). The REST endpoint and the predict page call this.
 */
export async function predictImage(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; runId?: string; image: Buffer },
  paths?: ModelPaths,
): Promise<PredictResult> {
  const [result] = await predictImages(db, { ...args, images: [args.image] }, paths);
  if (!result || "error" in result)
    throw new DomainError("BAD_REQUEST", "imageUnreadable", result && "error" in result ? result.error : "The image could not be read");
  return result;
}

export type BatchPrediction = PredictResult | { runId: string; version: number; error: string };

/** Where run artifacts and backbones live; the server's env by default (tests pass their own folders). */
export interface ModelPaths {
  dataDir: string;
  modelsDir: string;
}

/**
 * Several images with one run; a refused or unreadable image gets an error, the others still get
 * predictions. Each image first passes the upload rules (format allow-list, size, pixel count:
 * `inspectImage`), so an SVG or a decompression bomb never reaches the decoder.
 */
export async function predictImages(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; runId?: string; images: Buffer[] },
  paths: ModelPaths = { dataDir: env.dataDir, modelsDir: env.modelsDir },
): Promise<BatchPrediction[]> {
  const run = await findPredictableRun(db, args);
  const limits = { maxBytes: env.UPLOAD_MAX_IMAGE_MB * 1024 * 1024, maxPixels: env.UPLOAD_MAX_PIXELS };
  const inspected = await Promise.all(args.images.map((image) => inspectImage(image, limits)));
  const accepted = args.images.filter((_, i) => inspected[i]!.ok);
  if (accepted.length === 0)
    return inspected.map((check) => ({ runId: run.id, version: run.version, error: check.ok ? "" : check.message }));
  const loaded = await predictor().prepare(run.id, paths);
  const output = await predictor().predict(loaded, accepted);
  let sent = -1;
  return args.images.map((_, i) => {
    const check = inspected[i]!;
    if (!check.ok) return { runId: run.id, version: run.version, error: check.message };
    sent++;
    const slot = output.okIndices.indexOf(sent);
    if (slot === -1) return { runId: run.id, version: run.version, error: output.errors[sent] ?? "could not decode image" };
    const probabilities = output.probabilities.subarray(slot * output.classCount, (slot + 1) * output.classCount);
    return {
      runId: run.id,
      version: run.version,
      predictions: topK(probabilities, loaded.classes, loaded.classes.length).map(({ label, probability }) => ({ label, probability })),
    };
  });
}

async function findPredictableRun(db: DbTx, args: { workspaceId: string; prototypeId: string; runId?: string }) {
  found(
    await db.prototype.findFirst({ where: { id: args.prototypeId, workspaceId: args.workspaceId }, select: { id: true } }),
    "Prototype",
  );
  const where = {
    workspaceId: args.workspaceId,
    prototypeId: args.prototypeId,
    status: "SUCCEEDED" as const,
    ...(args.runId ? { id: args.runId } : {}),
  };
  const run = await db.trainingRun.findFirst({ where, orderBy: { version: "desc" }, select: { id: true, version: true } });
  if (run) return run;
  if (args.runId) throw new DomainError("NOT_FOUND", "runNotFound", "No finished run with that id in this prototype");
  throw new DomainError("PRECONDITION_FAILED", "noTrainedRun", "This prototype has no successfully trained run yet: train one first");
}

// ---------- the prediction thread ----------

interface Loaded {
  classes: string[];
  modelKey: string;
}

interface Output {
  probabilities: Float32Array;
  okIndices: number[];
  errors: Array<string | null>;
  classCount: number;
}

const MAX_RUNS_LOADED = 8;

class Predictor {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (o: Output) => void; reject: (e: Error) => void }>();
  /** Run id → the model the thread holds for it, most recently used last. */
  private readonly runs = new Map<string, Loaded>();

  private start(): Promise<void> {
    this.ready ??= (async () => {
      const info = await ensureBackend({ preference: env.ML_BACKEND });
      const script = path.join(/* turbopackIgnore: true */ process.cwd(), "ml", "workers", "predict-worker.mjs");
      const worker = new Worker(script, { workerData: { backend: info.backend === "cpu" ? "cpu" : "wasm", wasmDir: defaultWasmDir() } });
      this.worker = worker;
      await new Promise<void>((resolve, reject) => {
        worker.once("message", (m: { type: string; message?: string }) => (m.type === "ready" ? resolve() : reject(new Error(m.message))));
        worker.once("error", reject);
      });
      worker.on("message", (m: { type: string; id: number; message?: string } & Output) => {
        const job = this.pending.get(m.id);
        if (!job) return;
        this.pending.delete(m.id);
        if (m.type === "result") job.resolve(m);
        else job.reject(new Error(m.message ?? "prediction failed"));
      });
      const fail = (reason: string) => {
        for (const job of this.pending.values()) job.reject(new Error(`prediction thread stopped: ${reason}`));
        this.pending.clear();
        this.runs.clear();
        this.worker = undefined;
        this.ready = undefined;
      };
      worker.on("error", (err) => fail(err.message));
      worker.on("exit", (code) => fail(`exit code ${code}`));
    })();
    this.ready.catch(() => (this.ready = undefined));
    return this.ready;
  }

  /** Loads a run's model into the thread once; later calls are a map lookup. */
  async prepare(runId: string, paths: ModelPaths): Promise<Loaded> {
    await this.start();
    const cached = this.runs.get(runId);
    if (cached) {
      this.runs.delete(runId);
      this.runs.set(runId, cached);
      return cached;
    }
    const { model, labels, preprocessing } = await readRunArtifact(paths.dataDir, runId).catch(() => {
      throw new DomainError(
        "PRECONDITION_FAILED",
        "artifactMissing",
        "The trained model of this run is missing on the server; train again",
      );
    });
    const loaded: Loaded = { classes: labels, modelKey: `run:${runId}` };
    this.send({ type: "load", key: loaded.modelKey, model, preprocess: preprocessing });
    this.runs.set(runId, loaded);
    while (this.runs.size > MAX_RUNS_LOADED) {
      const [oldest, old] = this.runs.entries().next().value as [string, Loaded];
      this.runs.delete(oldest);
      this.send({ type: "unload", key: old.modelKey });
    }
    return loaded;
  }

  async predict(loaded: Loaded, images: Buffer[]): Promise<Output> {
    await this.start();
    const id = this.nextId++;
    return new Promise<Output>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ type: "predict", id, modelKey: loaded.modelKey, images: images.map((b) => new Uint8Array(b)) });
    });
  }

  private send(message: { type: string; model?: SerializedModel; [key: string]: unknown }) {
    this.worker?.postMessage(message);
  }

  async close() {
    await this.worker?.terminate();
  }
}

const globalForPredictor = globalThis as unknown as { __vlPredictor?: Predictor };

function predictor(): Predictor {
  return (globalForPredictor.__vlPredictor ??= new Predictor());
}

export async function closePredictor() {
  await globalForPredictor.__vlPredictor?.close();
  globalForPredictor.__vlPredictor = undefined;
}
