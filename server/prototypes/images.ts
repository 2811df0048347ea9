import type { DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { getClassOrThrow } from "./classes";
import { getPrototypeOrThrow } from "./prototypes";
import { pruneEmbeddingCache } from "./embedding-cache";
import { storage as appStorage, type ObjectStorage } from "@/server/storage";
import { removeStoredFile } from "./storage";

const PAGE_MAX = 100;

export async function listImages(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; classId?: string; cursor?: string; limit?: number },
) {
  const prototype = await getPrototypeOrThrow(db, args);
  if (args.classId) await getClassOrThrow(db, { ...args, classId: args.classId });
  const take = Math.min(args.limit ?? 48, PAGE_MAX);
  const rows = await db.prototypeImage.findMany({
    where: { workspaceId: args.workspaceId, prototypeId: prototype.id, ...(args.classId ? { classId: args.classId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(args.cursor ? { cursor: { id: args.cursor }, skip: 1 } : {}),
    select: { id: true, classId: true, originalName: true, format: true, width: true, height: true, bytes: true, createdAt: true },
  });
  const more = rows.length > take;
  return { items: rows.slice(0, take), nextCursor: more ? rows[take - 1]!.id : null };
}

export async function getImageOrThrow(db: DbTx, args: { workspaceId: string; prototypeId: string; imageId: string }) {
  return found(
    await db.prototypeImage.findFirst({
      where: { id: args.imageId, prototypeId: args.prototypeId, workspaceId: args.workspaceId },
      select: { id: true, storagePath: true, format: true, originalName: true, contentHash: true },
    }),
    "Image",
  );
}

/** Moves images to another class of the same prototype. */
export async function relabelImages(db: DbTx, args: { workspaceId: string; prototypeId: string; imageIds: string[]; classId: string }) {
  const target = await getClassOrThrow(db, args);
  const moved = await db.prototypeImage.updateMany({
    where: { id: { in: args.imageIds }, prototypeId: args.prototypeId, workspaceId: args.workspaceId },
    data: { classId: target.id },
  });
  if (moved.count === 0 && args.imageIds.length > 0) throw new DomainError("NOT_FOUND", "notFound", "Image not found", { entity: "Image" });
  return { moved: moved.count };
}

/** Deletes rows, then files (a failed file removal leaves an orphan file, never a row without its file). */
export async function deleteImages(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; imageIds: string[] },
  storage: ObjectStorage = appStorage(),
) {
  await getPrototypeOrThrow(db, args);
  const rows = await db.prototypeImage.findMany({
    where: { id: { in: args.imageIds }, prototypeId: args.prototypeId, workspaceId: args.workspaceId },
    select: { id: true, storagePath: true, contentHash: true },
  });
  if (rows.length === 0 && args.imageIds.length > 0) throw new DomainError("NOT_FOUND", "notFound", "Image not found", { entity: "Image" });
  await db.prototypeImage.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  await pruneEmbeddingCache(db, { workspaceId: args.workspaceId, contentHashes: rows.map((r) => r.contentHash) });
  await Promise.all(rows.map((r) => removeStoredFile(storage, r.storagePath).catch(() => undefined)));
  return { deleted: rows.length };
}
