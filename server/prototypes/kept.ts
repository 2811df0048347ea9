import { randomBytes, randomInt } from "node:crypto";
import { checkImage, type ImageLimits } from "@/ml/data/images";
import type { Db, DbTx } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/log";
import type { BatchPrediction } from "./predict";
import { getPrototypeOrThrow } from "./prototypes";
import { storage as appStorage, type ObjectStorage } from "@/server/storage";
import { removeStoredFile, storagePathFor, writeStoredFile } from "./storage";

const log = logger("kept-predictions");

/** Where a prediction came from: the predict page, one REST image, or a REST batch. */
export const KEPT_SOURCES = ["tryIt", "api", "batch"] as const;
export type KeptSource = (typeof KEPT_SOURCES)[number];

/** How long, how much and how many at random: the env by default; tests pass their own. */
export interface KeepPolicy {
  /** The app's storage (server/storage): the same place and functions uploads use. */
  storage: ObjectStorage;
  retentionDays: number;
  maxBytesPerWorkspace: number;
  sampleShare: number;
  image: Partial<ImageLimits>;
}

export function keepPolicyFromEnv(): KeepPolicy {
  return {
    storage: appStorage(),
    retentionDays: env.KEEP_PREDICTIONS_DAYS,
    maxBytesPerWorkspace: Math.round(env.KEEP_PREDICTIONS_MAX_MB * 1024 * 1024),
    sampleShare: env.KEEP_PREDICTIONS_SAMPLE_SHARE,
    image: { maxBytes: env.UPLOAD_MAX_IMAGE_MB * 1024 * 1024, maxPixels: env.UPLOAD_MAX_PIXELS },
  };
}

/** Turns keeping on or off for one prototype (off by default; it covers Try it and the REST API alike). */
export async function setKeepPredictions(db: DbTx, args: { workspaceId: string; prototypeId: string; keep: boolean }) {
  const prototype = await getPrototypeOrThrow(db, args);
  return db.prototype.update({
    where: { id: prototype.id },
    data: { keepPredictions: args.keep },
    select: { id: true, keepPredictions: true },
  });
}

/** What the prototype page states: whether keeping is on, the limits, and what is stored now. */
export async function keepSettings(db: DbTx, args: { workspaceId: string; prototypeId: string }, policy: KeepPolicy = keepPolicyFromEnv()) {
  const prototype = await getPrototypeOrThrow(db, args);
  const [row, kept, workspace] = await Promise.all([
    db.prototype.findFirst({ where: { id: prototype.id, workspaceId: args.workspaceId }, select: { keepPredictions: true } }),
    db.keptPrediction.aggregate({ where: { workspaceId: args.workspaceId, prototypeId: prototype.id }, _count: true }),
    db.keptPrediction.aggregate({ where: { workspaceId: args.workspaceId }, _sum: { bytes: true } }),
  ]);
  const pending = await db.keptPrediction.count({ where: { workspaceId: args.workspaceId, prototypeId: prototype.id, status: "PENDING" } });
  return {
    keep: row?.keepPredictions ?? false,
    retentionDays: policy.retentionDays,
    maxMb: Math.round(policy.maxBytesPerWorkspace / (1024 * 1024)),
    samplePercent: Math.round(policy.sampleShare * 100),
    keptCount: kept._count,
    pendingCount: pending,
    workspaceMb: Math.round(((workspace._sum.bytes ?? 0) / (1024 * 1024)) * 10) / 10,
  };
}

function confidenceOf(result: BatchPrediction): { label: string; confidence: number; margin: number } | null {
  if ("error" in result) return null;
  const [first, second] = result.predictions;
  if (!first) return null;
  return { label: first.label, confidence: first.probability, margin: first.probability - (second?.probability ?? 0) };
}

/**
 * Keeps answered predictions when the prototype has keeping on. Each image passes the upload
 * checks again and its normalised copy is stored through the same storage functions uploads use.
 * The same content already kept for this prototype is not stored twice. Never throws: a failure to
 * keep must not turn an answered prediction into an error (it is logged).
 */
export async function keepPredictions(
  db: Db,
  args: { workspaceId: string; prototypeId: string; source: KeptSource; images: Buffer[]; results: BatchPrediction[] },
  policy: KeepPolicy = keepPolicyFromEnv(),
  now: Date = new Date(),
): Promise<{ kept: number }> {
  try {
    const prototype = await db.prototype.findFirst({
      where: { id: args.prototypeId, workspaceId: args.workspaceId },
      select: { keepPredictions: true },
    });
    if (!prototype?.keepPredictions) return { kept: 0 };
    await dropExpired(db, { workspaceId: args.workspaceId }, policy, now);
    let kept = 0;
    for (const [i, result] of args.results.entries()) {
      const answer = confidenceOf(result);
      const bytes = args.images[i];
      if (!answer || !bytes || "error" in result) continue;
      if (await keepOne(db, { ...args, bytes, result, answer }, policy)) kept++;
    }
    return { kept };
  } catch (err) {
    log.error("keeping predictions failed", { err });
    return { kept: 0 };
  }
}

async function keepOne(
  db: Db,
  args: {
    workspaceId: string;
    prototypeId: string;
    source: KeptSource;
    bytes: Buffer;
    result: Exclude<BatchPrediction, { error: string }>;
    answer: { label: string; confidence: number; margin: number };
  },
  policy: KeepPolicy,
): Promise<boolean> {
  const checked = await checkImage(args.bytes, policy.image);
  if (!checked.ok) return false;
  const already = await db.keptPrediction.findFirst({
    where: { workspaceId: args.workspaceId, prototypeId: args.prototypeId, contentHash: checked.contentHash },
    select: { id: true },
  });
  if (already) return false;
  const size = checked.stored.data.byteLength;
  if (!(await makeRoom(db, { workspaceId: args.workspaceId, bytes: size }, policy))) return false;
  // A name of its own per kept row (not the content hash alone): a training image of the same content
  // lives next to it, and deleting one must never remove the other's file.
  const storagePath = storagePathFor({
    workspaceId: args.workspaceId,
    prototypeId: args.prototypeId,
    contentHash: `kept-${randomBytes(12).toString("hex")}`,
    extension: checked.stored.extension,
  });
  await writeStoredFile(policy.storage, storagePath, checked.stored.data);
  try {
    // The quality work adds `outOfDistribution` to prediction results; null until a run reports it.
    const ood = (args.result as { outOfDistribution?: boolean | null }).outOfDistribution ?? null;
    await db.keptPrediction.create({
      data: {
        workspaceId: args.workspaceId,
        prototypeId: args.prototypeId,
        runId: args.result.runId,
        runVersion: args.result.version,
        source: args.source,
        contentHash: checked.contentHash,
        storagePath,
        format: checked.format,
        width: checked.width,
        height: checked.height,
        bytes: size,
        predictedLabel: args.answer.label,
        confidence: args.answer.confidence,
        margin: args.answer.margin,
        outOfDistribution: ood,
        sampled: randomInt(1_000_000) < policy.sampleShare * 1_000_000,
      },
    });
    return true;
  } catch (err) {
    await removeStoredFile(policy.storage, storagePath).catch(() => undefined);
    throw err;
  }
}

/** Retention: rows older than the limit go, then their files. */
async function dropExpired(db: Db, args: { workspaceId: string }, policy: KeepPolicy, now: Date) {
  const cutoff = new Date(now.getTime() - policy.retentionDays * 24 * 60 * 60 * 1000);
  const old = await db.keptPrediction.findMany({
    where: { workspaceId: args.workspaceId, createdAt: { lt: cutoff } },
    select: { id: true, storagePath: true },
  });
  await deleteKeptRows(db, old, policy.storage);
}

/**
 * The size cap, enforced at write time: the oldest kept predictions of the workspace are dropped
 * until the new one fits (a stream of new inputs is worth more than old ones). An image larger than
 * the whole cap is not kept.
 */
async function makeRoom(db: Db, args: { workspaceId: string; bytes: number }, policy: KeepPolicy): Promise<boolean> {
  if (args.bytes > policy.maxBytesPerWorkspace) return false;
  const total = (await db.keptPrediction.aggregate({ where: { workspaceId: args.workspaceId }, _sum: { bytes: true } }))._sum.bytes ?? 0;
  let excess = total + args.bytes - policy.maxBytesPerWorkspace;
  if (excess <= 0) return true;
  const victims: Array<{ id: string; storagePath: string }> = [];
  while (excess > 0) {
    const batch = await db.keptPrediction.findMany({
      where: { workspaceId: args.workspaceId, id: { notIn: victims.map((v) => v.id) } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 50,
      select: { id: true, storagePath: true, bytes: true },
    });
    if (batch.length === 0) break;
    for (const row of batch) {
      if (excess <= 0) break;
      victims.push(row);
      excess -= row.bytes;
    }
  }
  await deleteKeptRows(db, victims, policy.storage);
  return excess <= 0;
}

/** Rows first, files after (a crash leaves an orphan file for the start-up sweep, never a row without its file). */
export async function deleteKeptRows(db: DbTx, rows: Array<{ id: string; storagePath: string }>, storage: ObjectStorage) {
  if (rows.length === 0) return;
  await db.keptPrediction.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  await Promise.all(rows.map((r) => removeStoredFile(storage, r.storagePath).catch(() => undefined)));
}
