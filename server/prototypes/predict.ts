import { inspectImage, type ImageRejectionReason } from "@/ml/data/images";
import { topK } from "@/ml/metrics";
import type { InferenceEngine } from "@/ml/types";
import type { Db, DbTx } from "@/server/db";
import { env } from "@/server/env";
import { DomainError, found } from "@/server/errors";
import { ensureBackend } from "@/ml/backend";
import { storage as appStorage, ObjectNotFoundError, type ObjectStorage } from "@/server/storage";
import { readRunArtifact } from "./export-artifact";
import { OodChecker } from "./ood";
import { keepPredictions, type KeepPolicy, type KeptSource } from "./kept";
import { Predictor } from "./predictor";

export interface PredictResult {
  runId: string;
  version: number;
  /** Which engine computed the probabilities (ONNX Runtime, or TF.js as the fallback). */
  engine: InferenceEngine;
  predictions: { label: string; probability: number }[];
  /**
   * Whether the image looks unlike the run's training images (its embedding is further from
   * them than the run's held-out images usually were); null when the run keeps no such statistics.
   */
  outOfDistribution: boolean | null;
  /** That distance relative to the run's threshold (above 1 is flagged); null with outOfDistribution. */
  outOfDistributionScore: number | null;
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

/**
 * Why one image got no prediction: the upload rules' reason (`ImageRejectionReason`), or
 * "corrupt" when the decoder gave up. Pages translate `reason`; `error` is the English sentence for API clients.
 */
export type BatchPrediction = PredictResult | { runId: string; version: number; reason: ImageRejectionReason; error: string };

/** Where run artifacts and backbones live; the server's by default (tests pass their own). */
export interface ModelPaths {
  storage: ObjectStorage;
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
  paths?: ModelPaths,
): Promise<BatchPrediction[]> {
  return (await predictWithRun(db, args, paths)).results;
}

async function predictWithRun(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; runId?: string; images: Buffer[] },
  paths: ModelPaths = { storage: appStorage(), modelsDir: env.modelsDir },
): Promise<{ results: BatchPrediction[]; keepPredictions: boolean }> {
  const { run, keepPredictions } = await findPredictableRun(db, args);
  const limits = { maxBytes: env.UPLOAD_MAX_IMAGE_MB * 1024 * 1024, maxPixels: env.UPLOAD_MAX_PIXELS };
  const inspected = await Promise.all(args.images.map((image) => inspectImage(image, limits)));
  const accepted = args.images.filter((_, i) => inspected[i]!.ok);
  if (accepted.length === 0)
    return {
      keepPredictions,
      results: inspected.map((check) => ({
        runId: run.id,
        version: run.version,
        reason: check.ok ? "corrupt" : check.reason,
        error: check.ok ? "" : check.message,
      })),
    };
  const loaded = await predictor().prepare(run.id, () =>
    readRunArtifact(paths.storage, run.id).catch((err: unknown) => {
      if (!(err instanceof ObjectNotFoundError)) throw err;
      throw new DomainError(
        "PRECONDITION_FAILED",
        "artifactMissing",
        "The trained model of this run is missing on the server; train again",
      );
    }),
  );
  const { classes } = loaded;
  const [output, unfamiliar] = await Promise.all([predictor().predict(loaded, accepted), oodChecker(paths).judge(run.id, accepted)]);
  const slots = new Map(output.okIndices.map((index, slot) => [index, slot]));
  let sent = -1;
  const results = args.images.map((_, i): BatchPrediction => {
    const check = inspected[i]!;
    if (!check.ok) return { runId: run.id, version: run.version, reason: check.reason, error: check.message };
    sent++;
    const slot = slots.get(sent);
    // The decoder's own words ("Input buffer contains unsupported image format") stay in `error` for API clients.
    if (slot === undefined)
      return { runId: run.id, version: run.version, reason: "corrupt", error: output.errors[sent] ?? "could not decode image" };
    const probabilities = output.probabilities.subarray(slot * output.classCount, (slot + 1) * output.classCount);
    const ood = unfamiliar[sent] ?? null;
    return {
      runId: run.id,
      version: run.version,
      engine: output.engine,
      predictions: topK(probabilities, classes, classes.length).map(({ label, probability }) => ({ label, probability })),
      outOfDistribution: ood ? ood.outOfDistribution : null,
      outOfDistributionScore: ood ? ood.score : null,
    };
  });
  return { results, keepPredictions };
}

/**
 * Predicts, then keeps the answered images when the prototype has keeping on (./kept.ts):
 * what Try it and the REST API call. `source` records where the images came from.
 */
export async function predictAndKeep(
  db: Db,
  args: { workspaceId: string; prototypeId: string; runId?: string; images: Buffer[]; source: KeptSource },
  paths?: ModelPaths,
  policy?: KeepPolicy,
): Promise<BatchPrediction[]> {
  const { results, keepPredictions: keeping } = await predictWithRun(db, args, paths);
  if (keeping) await keepPredictions(db, { ...args, results }, policy);
  return results;
}

/** The run to predict with, and whether the prototype keeps answered images (read here, so keeping costs no second query). */
async function findPredictableRun(db: DbTx, args: { workspaceId: string; prototypeId: string; runId?: string }) {
  const { keepPredictions } = found(
    await db.prototype.findFirst({
      where: { id: args.prototypeId, workspaceId: args.workspaceId },
      select: { keepPredictions: true },
    }),
    "Prototype",
  );
  const where = {
    workspaceId: args.workspaceId,
    prototypeId: args.prototypeId,
    status: "SUCCEEDED" as const,
    ...(args.runId ? { id: args.runId } : {}),
  };
  const run = await db.trainingRun.findFirst({ where, orderBy: { version: "desc" }, select: { id: true, version: true } });
  if (run) return { run, keepPredictions };
  if (args.runId) throw new DomainError("NOT_FOUND", "runNotFound", "No finished run with that id in this prototype");
  throw new DomainError("PRECONDITION_FAILED", "noTrainedRun", "This prototype has no successfully trained run yet: train one first");
}

const globalForPredictor = globalThis as unknown as { __vlPredictor?: Predictor; __vlOod?: OodChecker };

function predictor(): Predictor {
  return (globalForPredictor.__vlPredictor ??= new Predictor({ backend: env.ML_BACKEND }));
}

/** One checker per process; tests that pass their own folders get their own. */
function oodChecker(paths: ModelPaths): OodChecker {
  const existing = globalForPredictor.__vlOod;
  if (existing && existing.paths.storage === paths.storage && existing.paths.modelsDir === paths.modelsDir) return existing;
  void existing?.close();
  return (globalForPredictor.__vlOod = new OodChecker({ ...paths, backend: () => ensureBackend({ preference: env.ML_BACKEND }) }));
}

export async function closePredictor() {
  await Promise.all([globalForPredictor.__vlPredictor?.close(), globalForPredictor.__vlOod?.close()]);
  globalForPredictor.__vlPredictor = undefined;
  globalForPredictor.__vlOod = undefined;
}
