import type { Db } from "@/server/db";
import { logger } from "@/server/log";
import { storage as appStorage, type ObjectStorage } from "@/server/storage";
import { removePrototypeFiles } from "./file-cleanup";
import { getPrototypeOrThrow } from "./prototypes";

const log = logger("storage");

/**
 * Deletes a prototype: its rows first (classes, images, runs and kept predictions cascade), then its
 * files. A crash in between leaves orphan files for the start-up sweep, never a row without its file.
 */
export async function deletePrototype(db: Db, args: { workspaceId: string; prototypeId: string }, storage: ObjectStorage = appStorage()) {
  const prototype = await getPrototypeOrThrow(db, args);
  const runs = await db.trainingRun.findMany({ where: { workspaceId: args.workspaceId, prototypeId: prototype.id }, select: { id: true } });
  await db.prototype.deleteMany({ where: { id: prototype.id, workspaceId: args.workspaceId } });
  await removePrototypeFiles(storage, { workspaceId: args.workspaceId, prototypeId: prototype.id, runIds: runs.map((r) => r.id) }).catch(
    (err: unknown) => log.error("could not remove a deleted prototype's files; the start-up sweep will", { err }),
  );
  return { deleted: true };
}
