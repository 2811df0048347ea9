import type { DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { getPrototypeOrThrow, ZClassName } from "./prototypes";
import { pruneEmbeddingCache } from "./embedding-cache";
import { storage as appStorage, type ObjectStorage } from "@/server/storage";
import { removeStoredFile } from "./storage";

export { ZClassName };

const MIN_CLASSES = 2;

export async function getClassOrThrow(db: DbTx, args: { workspaceId: string; prototypeId: string; classId: string }) {
  return found(
    await db.prototypeClass.findFirst({
      where: { id: args.classId, prototypeId: args.prototypeId, workspaceId: args.workspaceId },
      select: { id: true, name: true },
    }),
    "Class",
  );
}

async function assertNameFree(db: DbTx, prototypeId: string, name: string, exceptId?: string) {
  const same = await db.prototypeClass.findFirst({
    where: { prototypeId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (same) throw new DomainError("CONFLICT", "classExists", `A class named "${name}" already exists`);
}

export async function addClass(db: DbTx, args: { workspaceId: string; prototypeId: string; name: string }) {
  const prototype = await getPrototypeOrThrow(db, args);
  const name = ZClassName.parse(args.name);
  await assertNameFree(db, prototype.id, name);
  const last = await db.prototypeClass.findFirst({
    where: { prototypeId: prototype.id },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  return db.prototypeClass.create({
    data: { workspaceId: args.workspaceId, prototypeId: prototype.id, name, position: (last?.position ?? -1) + 1 },
    select: { id: true, name: true },
  });
}

export async function renameClass(db: DbTx, args: { workspaceId: string; prototypeId: string; classId: string; name: string }) {
  const cls = await getClassOrThrow(db, args);
  const name = ZClassName.parse(args.name);
  await assertNameFree(db, args.prototypeId, name, cls.id);
  return db.prototypeClass.update({ where: { id: cls.id }, data: { name }, select: { id: true, name: true } });
}

/** Moves every image of `sourceId` into `targetId`, then deletes the source class. */
export async function mergeClasses(db: DbTx, args: { workspaceId: string; prototypeId: string; sourceId: string; targetId: string }) {
  if (args.sourceId === args.targetId) throw new DomainError("BAD_REQUEST", "sameClass", "Choose two different classes to merge");
  const source = await getClassOrThrow(db, { ...args, classId: args.sourceId });
  const target = await getClassOrThrow(db, { ...args, classId: args.targetId });
  const classCount = await db.prototypeClass.count({ where: { prototypeId: args.prototypeId } });
  if (classCount <= MIN_CLASSES) throw new DomainError("PRECONDITION_FAILED", "minClasses", "A classifier needs at least two classes");
  const moved = await db.prototypeImage.updateMany({
    where: { classId: source.id, prototypeId: args.prototypeId },
    data: { classId: target.id },
  });
  await db.prototypeClass.delete({ where: { id: source.id } });
  return { targetId: target.id, moved: moved.count };
}

/** Deletes a class with its images (rows first, then files: a failed file removal leaves an orphan file, never a row without a file). */
export async function deleteClass(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; classId: string },
  storage: ObjectStorage = appStorage(),
) {
  const cls = await getClassOrThrow(db, args);
  const classCount = await db.prototypeClass.count({ where: { prototypeId: args.prototypeId } });
  if (classCount <= MIN_CLASSES) throw new DomainError("PRECONDITION_FAILED", "minClasses", "A classifier needs at least two classes");
  const images = await db.prototypeImage.findMany({ where: { classId: cls.id }, select: { storagePath: true, contentHash: true } });
  await db.prototypeClass.delete({ where: { id: cls.id } });
  await pruneEmbeddingCache(db, { workspaceId: args.workspaceId, contentHashes: images.map((i) => i.contentHash) });
  await Promise.all(images.map((img) => removeStoredFile(storage, img.storagePath).catch(() => undefined)));
  return { deletedImages: images.length };
}
