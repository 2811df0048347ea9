import { z } from "zod";
import { DEFAULT_TRAIN_SETTINGS, TRAIN_MODES, TRAIN_SETTING_BOUNDS } from "@/ml/train/settings";
import { findCatalogEntry } from "@/ml/backbone";
import type { DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { runEvidence } from "./run-evidence";
import {
  answeringModel,
  readRunJson,
  ZRunCurves,
  ZRunDataSizes,
  ZRunMetrics,
  ZRunProgress,
  ZRunSettings,
  type RunMetrics,
} from "./run-json";
import { wakeRunWorkers } from "./worker";
import type { RunEmbeddingEngine } from "./embedding-engine";

const bounded = (name: keyof typeof TRAIN_SETTING_BOUNDS, integer = false) => {
  const [min, max] = TRAIN_SETTING_BOUNDS[name];
  const base = z.number().min(min).max(max);
  return (integer ? base.int() : base).optional();
};

/** The settings a user may choose; omitted ones take ml/train's defaults. */
export const ZTrainSettingsInput = z.object({
  mode: z.enum(TRAIN_MODES).optional(),
  cvFolds: bounded("cvFolds", true),
  epochs: bounded("epochs", true),
  batchSize: bounded("batchSize", true),
  learningRate: bounded("learningRate"),
  validationShare: bounded("validationShare"),
  testShare: bounded("testShare"),
  augment: z.boolean().optional(),
  seed: bounded("seed", true),
  patience: bounded("patience", true),
});
export type TrainSettingsInput = z.infer<typeof ZTrainSettingsInput>;

/** What a run needs before it is worth queueing: two classes with images to learn from and to check on. */
export const MIN_IMAGES_PER_CLASS = 2;
export const MIN_CLASSES = 2;

const RUN_LIST_SELECT = {
  id: true,
  version: true,
  status: true,
  phase: true,
  progress: true,
  metrics: true,
  dataSizes: true,
  backboneId: true,
  backend: true,
  device: true,
  error: true,
  cancelRequested: true,
  settings: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

/**
 * A run as lists show it: the JSON columns parsed, the headline figures with their evidence
 * (image count, 95 % interval), and nothing per image (no confusion-cell ids).
 */
function toRunSummary<T extends { progress: unknown; metrics: unknown; dataSizes: unknown; settings: unknown }>(row: T) {
  const metrics = readRunJson(ZRunMetrics, row.metrics);
  return {
    ...row,
    settings: readRunJson(ZRunSettings, row.settings),
    progress: readRunJson(ZRunProgress, row.progress),
    dataSizes: readRunJson(ZRunDataSizes, row.dataSizes),
    metrics: metrics
      ? {
          accuracy: metrics.accuracy,
          macroF1: metrics.macroF1,
          majorityBaseline: metrics.majorityBaseline,
          classes: metrics.classes,
          model: answeringModel(metrics),
        }
      : null,
    evidence: metrics ? runEvidence(metrics) : null,
  };
}

export async function startRun(db: DbTx, args: { workspaceId: string; prototypeId: string; userId: string; settings: TrainSettingsInput }) {
  const prototype = found(
    await db.prototype.findFirst({
      where: { id: args.prototypeId, workspaceId: args.workspaceId, archivedAt: null },
      select: { id: true },
    }),
    "Prototype",
  );
  const counts = await db.prototypeImage.groupBy({
    by: ["classId"],
    where: { workspaceId: args.workspaceId, prototypeId: prototype.id },
    _count: { _all: true },
  });
  const usable = counts.filter((c) => c._count._all >= MIN_IMAGES_PER_CLASS).length;
  if (usable < MIN_CLASSES) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      "notEnoughImages",
      `Training needs at least ${MIN_CLASSES} classes with ${MIN_IMAGES_PER_CLASS} or more images each`,
    );
  }
  const settings = { ...DEFAULT_TRAIN_SETTINGS, ...stripUndefined(args.settings) };
  // Versions are 1, 2, 3… per prototype; two starts at once collide on the unique
  // (prototypeId, version) and the loser takes the next number.
  for (let attempt = 0; ; attempt++) {
    const last = await db.trainingRun.findFirst({
      where: { prototypeId: prototype.id },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    try {
      const created = await db.trainingRun.create({
        data: {
          workspaceId: args.workspaceId,
          prototypeId: prototype.id,
          version: (last?.version ?? 0) + 1,
          settings: ZRunSettings.parse(settings),
          createdById: args.userId,
          phase: "queued",
        },
        select: RUN_LIST_SELECT,
      });
      wakeRunWorkers();
      return toRunSummary(created);
    } catch (err) {
      if (attempt < 3 && (err as { code?: string }).code === "P2002") continue;
      throw err;
    }
  }
}

export async function listRuns(db: DbTx, args: { workspaceId: string; prototypeId: string }) {
  found(
    await db.prototype.findFirst({ where: { id: args.prototypeId, workspaceId: args.workspaceId }, select: { id: true } }),
    "Prototype",
  );
  const rows = await db.trainingRun.findMany({
    where: { workspaceId: args.workspaceId, prototypeId: args.prototypeId },
    orderBy: { version: "desc" },
    select: RUN_LIST_SELECT,
  });
  return rows.map(toRunSummary);
}

async function loadRun(db: DbTx, args: { workspaceId: string; runId: string }) {
  return found(
    await db.trainingRun.findFirst({
      where: { id: args.runId, workspaceId: args.workspaceId },
      select: { ...RUN_LIST_SELECT, prototypeId: true, curves: true, attempts: true, embeddingEngine: true },
    }),
    "Run",
  );
}

/** One run for its results page: every stored figure, parsed, with its evidence; confusion-cell ids stay on the server. */
export async function getRun(db: DbTx, args: { workspaceId: string; runId: string }) {
  const run = await loadRun(db, args);
  const metrics = readRunJson(ZRunMetrics, run.metrics);
  const { cellImageIds: _ids, ...shown } = metrics ?? {};
  return {
    ...toRunSummary(run),
    metrics: metrics ? (shown as Omit<typeof metrics, "cellImageIds">) : null,
    curves: readRunJson(ZRunCurves, run.curves) ?? [],
    // The id is what the embedding cache and the export record; people read the title.
    backboneTitle: run.backboneId ? (findCatalogEntry(run.backboneId)?.spec.title ?? run.backboneId) : null,
    embeddingEngine: run.embeddingEngine as RunEmbeddingEngine | null,
  };
}

/** A queued run is cancelled at once; a running one is asked to stop (the worker sees the flag within a heartbeat). */
export async function cancelRun(db: DbTx, args: { workspaceId: string; runId: string }) {
  const run = found(
    await db.trainingRun.findFirst({ where: { id: args.runId, workspaceId: args.workspaceId }, select: { id: true, status: true } }),
    "Run",
  );
  if (run.status === "QUEUED") {
    const updated = await db.trainingRun.updateMany({
      where: { id: run.id, status: "QUEUED" },
      data: { status: "CANCELLED", phase: "cancelled", finishedAt: new Date(), cancelRequested: true },
    });
    if (updated.count === 1) return getRun(db, args);
  }
  if (run.status === "QUEUED" || run.status === "RUNNING") {
    await db.trainingRun.update({ where: { id: run.id }, data: { cancelRequested: true } });
    return getRun(db, args);
  }
  throw new DomainError("CONFLICT", "runFinished", "This run has already finished");
}

/**
 * The images behind one cell of a run's confusion matrix (true class × predicted
 * class), for the results page. Ids come from the run's stored metrics; the
 * images are re-read with the workspace in the filter.
 */
export async function confusionCellImages(db: DbTx, args: { workspaceId: string; runId: string; truth: number; predicted: number }) {
  const run = await loadRun(db, args);
  const ids = readRunJson(ZRunMetrics, run.metrics)?.cellImageIds?.[args.truth]?.[args.predicted] ?? [];
  if (ids.length === 0) return [];
  const images = await db.prototypeImage.findMany({
    where: { id: { in: ids.slice(0, 200) }, workspaceId: args.workspaceId },
    select: { id: true, originalName: true, classId: true, width: true, height: true },
  });
  const order = new Map(ids.map((id, i) => [id, i]));
  return images.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** How far a run's answers can be trusted, as runQuality reports it. */
export type RunQuality = {
  accuracy: number | null;
  interval95: [number, number] | null;
  images: number;
  measuredOn: ReturnType<typeof runEvidence>["evaluatedOn"];
  rough: boolean;
  /** Which model answers: logistic, pixels or mlp (see the optimise step), cnn for the compact CNN. */
  model: ReturnType<typeof answeringModel>;
  /** What computed the run's image features when it trained (see embedding-engine.ts). */
  embeddingEngine: RunEmbeddingEngine | null;
};

/**
 * A finished run's metrics are written once, when it succeeds, so its quality never changes: REST
 * predict asks for it on every call, and this keeps the parsed answer per process (bounded, oldest out).
 * An entry answers only for the workspace it was read in.
 */
const qualityCache = new Map<string, { workspaceId: string; quality: RunQuality | null }>();
const QUALITY_CACHE_SIZE = 256;

/**
 * How far a run's answers can be trusted, for the REST API: accuracy on held-out images with
 * its 95 % interval and the number of images behind it ("rough" below 30).
 */
export async function runQuality(db: DbTx, args: { workspaceId: string; runId: string }): Promise<RunQuality | null> {
  const cached = qualityCache.get(args.runId);
  if (cached?.workspaceId === args.workspaceId) return cached.quality;
  const run = found(
    await db.trainingRun.findFirst({
      where: { id: args.runId, workspaceId: args.workspaceId },
      select: { status: true, metrics: true, embeddingEngine: true },
    }),
    "Run",
  );
  const metrics = readRunJson(ZRunMetrics, run.metrics);
  const quality = metrics ? qualityOf(metrics, run.embeddingEngine as RunEmbeddingEngine | null) : null;
  if (run.status === "SUCCEEDED") {
    if (qualityCache.size >= QUALITY_CACHE_SIZE) qualityCache.delete(qualityCache.keys().next().value!);
    qualityCache.set(args.runId, { workspaceId: args.workspaceId, quality });
  }
  return quality;
}

function qualityOf(metrics: RunMetrics, embeddingEngine: RunEmbeddingEngine | null): RunQuality {
  const { accuracy, evaluatedOn } = runEvidence(metrics);
  return {
    accuracy: accuracy.estimate,
    interval95: accuracy.low === null || accuracy.high === null ? null : [accuracy.low, accuracy.high],
    images: accuracy.n,
    measuredOn: evaluatedOn,
    rough: accuracy.rough,
    model: answeringModel(metrics),
    embeddingEngine,
  };
}
