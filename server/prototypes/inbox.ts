import { z } from "zod";
import type { Db, DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { ZId } from "@/server/schemas";
import type { ObjectStorage } from "@/server/storage";
import { getClassOrThrow } from "./classes";
import { deleteImages } from "./images";
import { KEPT_SOURCES, type KeepPolicy } from "./kept";
import { getPrototypeOrThrow } from "./prototypes";
import { readStoredFile } from "./storage";
import { ingestImage } from "./uploads";

/** Below this confidence, or this gap between the two top classes, a prediction is worth a look. */
export const LOW_CONFIDENCE = 0.6;
export const SMALL_MARGIN = 0.2;

/** Why an item is near the top of the inbox; a random sample is flagged as such (it measures field accuracy). */
export type InboxReason = "outOfDistribution" | "lowConfidence" | "closeCall" | "randomSample";

export const ZInboxFilter = z.object({
  prototypeId: ZId,
  view: z.enum(["pending", "reviewed"]).default("pending"),
  label: z.string().max(60).optional(),
  source: z.enum(KEPT_SOURCES).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type InboxFilter = z.input<typeof ZInboxFilter>;

const INBOX_PAGE = 100;
/** Rows read to rank; the inbox shows the most useful of the latest this many. */
const RANK_WINDOW = 1000;

export function inboxReasons(row: { confidence: number; margin: number; outOfDistribution: boolean | null; sampled: boolean }) {
  const reasons: InboxReason[] = [];
  if (row.outOfDistribution) reasons.push("outOfDistribution");
  if (row.confidence < LOW_CONFIDENCE) reasons.push("lowConfidence");
  if (row.margin < SMALL_MARGIN) reasons.push("closeCall");
  if (row.sampled) reasons.push("randomSample");
  return reasons;
}

/** Most useful first: unsure answers (low confidence, close calls, out of distribution) by confidence, then random samples, then the rest. */
function rank(row: { confidence: number; margin: number; outOfDistribution: boolean | null; sampled: boolean }): number {
  const unsure = row.outOfDistribution || row.confidence < LOW_CONFIDENCE || row.margin < SMALL_MARGIN;
  if (unsure) return row.outOfDistribution ? -1 : Math.min(row.confidence, row.margin);
  return row.sampled ? 10 : 20 + row.confidence;
}

export async function listInbox(db: DbTx, args: { workspaceId: string } & InboxFilter) {
  const filter = ZInboxFilter.parse(args);
  const prototype = await getPrototypeOrThrow(db, { workspaceId: args.workspaceId, prototypeId: filter.prototypeId });
  const reviewed = filter.view === "reviewed";
  const where = {
    workspaceId: args.workspaceId,
    prototypeId: prototype.id,
    ...(reviewed ? { status: { not: "PENDING" as const } } : { status: "PENDING" as const }),
    ...(filter.label ? { OR: [{ predictedLabel: filter.label }, { reviewedLabel: filter.label }] } : {}),
    ...(filter.source ? { source: filter.source } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.keptPrediction.findMany({
      where,
      orderBy: reviewed ? [{ reviewedAt: "desc" }, { id: "desc" }] : [{ createdAt: "desc" }, { id: "desc" }],
      take: reviewed ? INBOX_PAGE : RANK_WINDOW,
      select: {
        id: true,
        source: true,
        runVersion: true,
        predictedLabel: true,
        confidence: true,
        margin: true,
        outOfDistribution: true,
        sampled: true,
        status: true,
        reviewedLabel: true,
        createdAt: true,
        width: true,
        height: true,
      },
    }),
    db.keptPrediction.count({ where }),
  ]);
  const ordered = reviewed ? rows : [...rows].sort((a, b) => rank(a) - rank(b)).slice(0, INBOX_PAGE);
  return { total, items: ordered.map((row) => ({ ...row, reasons: inboxReasons(row) })) };
}

export const REVIEW_ACTIONS = ["confirm", "correct", "none", "discard"] as const;
export const ZReviewInput = z.object({
  prototypeId: ZId,
  ids: z.array(ZId).min(1).max(200),
  action: z.enum(REVIEW_ACTIONS),
  /** The right class, for "correct". */
  classId: ZId.optional(),
});

/**
 * Records a verdict on kept predictions. Confirmed and corrected images join the training set as
 * field images (PrototypeImage.fieldSource = where they came from) in the class the reviewer chose;
 * "none of these" and "discard" add nothing. Reviewing again replaces the earlier verdict (and its training image).
 */
export async function reviewKept(
  db: Db,
  args: { workspaceId: string; userId: string } & z.input<typeof ZReviewInput>,
  policy: Pick<KeepPolicy, "storage" | "image">,
) {
  const input = ZReviewInput.parse(args);
  await getPrototypeOrThrow(db, { workspaceId: args.workspaceId, prototypeId: input.prototypeId });
  if (input.action === "correct" && !input.classId)
    throw new DomainError("BAD_REQUEST", "classRequired", "Pick the class this image belongs to");
  const chosen =
    input.action === "correct" ? await getClassOrThrow(db, { ...args, prototypeId: input.prototypeId, classId: input.classId! }) : null;
  const rows = await db.keptPrediction.findMany({
    where: { id: { in: input.ids }, workspaceId: args.workspaceId, prototypeId: input.prototypeId },
    select: { id: true, predictedLabel: true, storagePath: true, source: true, contentHash: true, imageId: true },
  });
  if (rows.length === 0) throw new DomainError("NOT_FOUND", "notFound", "Prediction not found", { entity: "KeptPrediction" });
  const classes = await db.prototypeClass.findMany({
    where: { workspaceId: args.workspaceId, prototypeId: input.prototypeId },
    select: { id: true, name: true },
  });
  const byName = new Map(classes.map((c) => [c.name, c]));
  let added = 0;
  for (const row of rows) {
    const target = input.action === "confirm" ? byName.get(row.predictedLabel) : chosen;
    if (input.action === "confirm" && !target)
      throw new DomainError("PRECONDITION_FAILED", "classGone", "The predicted class no longer exists: pick the right one instead");
    if (row.imageId) await removeFieldImage(db, { ...args, prototypeId: input.prototypeId, imageId: row.imageId }, policy.storage);
    let imageId: string | null = null;
    if (target && (input.action === "confirm" || input.action === "correct")) {
      imageId = await addFieldImage(
        db,
        { ...args, prototypeId: input.prototypeId, row, classId: target.id, className: target.name },
        policy,
      );
      if (imageId) added++;
    }
    const status =
      input.action === "confirm"
        ? "CONFIRMED"
        : input.action === "correct"
          ? target!.name === row.predictedLabel
            ? "CONFIRMED"
            : "CORRECTED"
          : input.action === "none"
            ? "NONE_OF_THESE"
            : "DISCARDED";
    await db.keptPrediction.update({
      where: { id: row.id },
      data: {
        status,
        reviewedLabel: target && (input.action === "confirm" || input.action === "correct") ? target.name : null,
        reviewedById: args.userId,
        reviewedAt: new Date(),
        imageId,
      },
    });
  }
  return { reviewed: rows.length, addedToTraining: added };
}

/** The stored copy joins the class through the upload path (same checks), marked as a field image. */
async function addFieldImage(
  db: Db,
  args: {
    workspaceId: string;
    prototypeId: string;
    classId: string;
    className: string;
    row: { id: string; storagePath: string; source: string; contentHash: string };
  },
  policy: Pick<KeepPolicy, "storage" | "image">,
): Promise<string | null> {
  // The same picture already uploaded as lab data stays where it is: one copy per content, so it cannot
  // sit in both the training and the test part of a run.
  const lab = await db.prototypeImage.findFirst({
    where: { workspaceId: args.workspaceId, prototypeId: args.prototypeId, contentHash: args.row.contentHash },
    select: { id: true },
  });
  if (lab) return null;
  const bytes = await readStoredFile(policy.storage, args.row.storagePath);
  const item = await ingestImage(
    db,
    {
      workspaceId: args.workspaceId,
      prototypeId: args.prototypeId,
      classId: args.classId,
      className: args.className,
      name: `field-${args.row.source}-${args.row.id}`,
      bytes,
      fieldSource: args.row.source,
    },
    { image: policy.image, zip: {}, storage: policy.storage },
  );
  return item.status === "accepted" ? item.imageId : null;
}

async function removeFieldImage(db: Db, args: { workspaceId: string; prototypeId: string; imageId: string }, storage: ObjectStorage) {
  const image = await db.prototypeImage.findFirst({
    where: { id: args.imageId, workspaceId: args.workspaceId, prototypeId: args.prototypeId, fieldSource: { not: null } },
    select: { id: true },
  });
  if (image) await deleteImages(db, { ...args, imageIds: [image.id] }, storage);
}

/** One kept prediction's stored file, for the inbox (tenant-scoped: another workspace's id is "not found"). */
export async function getKeptOrThrow(db: DbTx, args: { workspaceId: string; prototypeId: string; keptId: string }) {
  return found(
    await db.keptPrediction.findFirst({
      where: { id: args.keptId, workspaceId: args.workspaceId, prototypeId: args.prototypeId },
      select: { id: true, storagePath: true, contentHash: true },
    }),
    "KeptPrediction",
  );
}
