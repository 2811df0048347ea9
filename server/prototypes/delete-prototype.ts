import type { Db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { logger } from "@/server/log";
import { storage as appStorage, type ObjectStorage } from "@/server/storage";
import { recordAudit } from "@/server/workspaces/audit";
import { removePrototypeFiles } from "./file-cleanup";
import { getPrototypeOrThrow } from "./prototypes";

const log = logger("storage");

/**
 * What deleting the prototype would take with it, for the confirmation dialog: counts of its
 * images, runs and kept predictions, and the ideas whose evidence points at it (linked directly
 * or through an experiment), so the founder sees which verdicts lose their proof.
 */
export async function deletionImpact(db: Db, args: { workspaceId: string; prototypeId: string }) {
  const prototype = await getPrototypeOrThrow(db, args);
  const scope = { workspaceId: args.workspaceId, prototypeId: prototype.id };
  const [images, runs, keptPredictions, ideas] = await Promise.all([
    db.prototypeImage.count({ where: scope }),
    db.trainingRun.count({ where: scope }),
    db.keptPrediction.count({ where: scope }),
    db.idea.findMany({
      where: {
        workspaceId: args.workspaceId,
        OR: [{ prototypeId: prototype.id }, { experiments: { some: { workspaceId: args.workspaceId, prototypeId: prototype.id } } }],
      },
      orderBy: { createdAt: "asc" },
      select: { id: true, title: true },
    }),
  ]);
  return { name: prototype.name, images, runs, keptPredictions, ideas };
}

/**
 * Deletes a prototype: its rows first (classes, images, runs and kept predictions cascade), then its
 * files. A crash in between leaves orphan files for the start-up sweep, never a row without its file.
 * The caller types the prototype's name (as for a workspace): a wrong id pasted in a script, or a
 * click on the wrong card, must not wipe a data set. Ideas keep their experiments; an experiment whose
 * prototype is gone reads as "prototype deleted" (server/ideas/validation.ts), the idea's own link is cleared.
 */
export async function deletePrototype(
  db: Db,
  args: { workspaceId: string; prototypeId: string; actorId: string; confirmName: string },
  storage: ObjectStorage = appStorage(),
) {
  const prototype = await getPrototypeOrThrow(db, args);
  if (args.confirmName.trim() !== prototype.name.trim()) {
    throw new DomainError("BAD_REQUEST", "confirmMismatch", "Type the prototype name exactly to confirm");
  }
  const scope = { workspaceId: args.workspaceId, prototypeId: prototype.id };
  const [runs, images, kept] = await Promise.all([
    db.trainingRun.findMany({ where: scope, select: { id: true } }),
    db.prototypeImage.count({ where: scope }),
    db.keptPrediction.count({ where: scope }),
  ]);
  await db.$transaction(async (tx) => {
    await tx.prototype.deleteMany({ where: { id: prototype.id, workspaceId: args.workspaceId } });
    await recordAudit(tx, {
      workspaceId: args.workspaceId,
      actorId: args.actorId,
      action: "prototype.deleted",
      targetType: "prototype",
      targetId: prototype.id,
      data: { name: prototype.name, images, runs: runs.length, keptPredictions: kept },
    });
  });
  await removePrototypeFiles(storage, { workspaceId: args.workspaceId, prototypeId: prototype.id, runIds: runs.map((r) => r.id) }).catch(
    (err: unknown) => log.error("could not remove a deleted prototype's files; the start-up sweep will", { err }),
  );
  return { deleted: true, name: prototype.name };
}
