import { getDb, type Db } from "@/server/db";
import type { BackgroundService } from "@/server/runtime/services";
import {
  deletePrefix,
  prototypeUploadsPrefix,
  runPrefix,
  storage as appStorage,
  workspaceUploadsPrefix,
  type ObjectStorage,
  type StoredObjectInfo,
} from "@/server/storage";
import { logger } from "@/server/log";

const log = logger("storage");

/**
 * Files outlive their rows only briefly: rows are deleted first (in the database, where the
 * delete is atomic), files right after. A crash in between leaves orphans, never a row that
 * points at a missing file; the sweep at start-up removes the orphans.
 *
 * In storage (server/storage/keys.ts): `uploads/<workspaceId>/<prototypeId>/<hash>.<ext>` (plus
 * `.thumb.jpg`) and `models/<runId>/` (a run's exported model).
 */

/** Row ids (cuid) and nothing else: the sweep never touches a key it did not create. */
const ID = /^[a-z0-9]{20,40}$/;

/** An image file younger than this is kept: its row may still be on its way (uploads write the file first). */
const IMAGE_GRACE_MS = 60 * 60 * 1000;

/** After a workspace's rows are gone: its uploads and its runs' models. */
export async function removeWorkspaceFiles(storage: ObjectStorage, args: { workspaceId: string; runIds: string[] }) {
  if (!ID.test(args.workspaceId)) throw new Error(`unexpected workspace id: ${args.workspaceId}`);
  await deletePrefix(storage, workspaceUploadsPrefix(args.workspaceId));
  for (const id of args.runIds) await deletePrefix(storage, runPrefix(id));
}

async function collect(storage: ObjectStorage, prefix: string): Promise<StoredObjectInfo[]> {
  const out: StoredObjectInfo[] = [];
  for await (const object of storage.list(prefix)) out.push(object);
  return out;
}

/**
 * Removes objects whose rows no longer exist: uploads of deleted workspaces and prototypes,
 * models of deleted runs, and image files no row refers to (once older than an hour).
 * Returns the keys removed.
 */
export async function sweepOrphanFiles(
  db: Db,
  storage: ObjectStorage = appStorage(),
  opts: { now?: number } = {},
): Promise<{ removed: string[] }> {
  const now = opts.now ?? Date.now();
  const removed: string[] = [];
  const remove = async (key: string) => {
    await storage.delete(key);
    removed.push(key);
  };

  // uploads/<workspace>/<prototype>/<file>, grouped by workspace and prototype.
  const uploads = new Map<string, Map<string, StoredObjectInfo[]>>();
  for (const object of await collect(storage, "uploads/")) {
    const [, workspaceId, prototypeId, file, ...deeper] = object.key.split("/");
    if (!workspaceId || !prototypeId || !file || deeper.length || !ID.test(workspaceId) || !ID.test(prototypeId)) continue;
    const byPrototype = uploads.get(workspaceId) ?? new Map<string, StoredObjectInfo[]>();
    uploads.set(workspaceId, byPrototype.set(prototypeId, [...(byPrototype.get(prototypeId) ?? []), object]));
  }
  const liveWorkspaces = new Set(
    (await db.workspace.findMany({ where: { id: { in: [...uploads.keys()] } }, select: { id: true } })).map((w) => w.id),
  );
  for (const [workspaceId, byPrototype] of uploads) {
    if (!liveWorkspaces.has(workspaceId)) {
      for (const objects of byPrototype.values()) for (const o of objects) await remove(o.key);
      continue;
    }
    const livePrototypes = new Set(
      (await db.prototype.findMany({ where: { workspaceId, id: { in: [...byPrototype.keys()] } }, select: { id: true } })).map((p) => p.id),
    );
    for (const [prototypeId, objects] of byPrototype) {
      if (!livePrototypes.has(prototypeId)) {
        for (const o of objects) await remove(o.key);
        continue;
      }
      // Training images and kept predictions (./kept.ts) share the prototype's folder.
      const [images, kept] = await Promise.all([
        db.prototypeImage.findMany({ where: { workspaceId, prototypeId }, select: { storagePath: true } }),
        db.keptPrediction.findMany({ where: { workspaceId, prototypeId }, select: { storagePath: true } }),
      ]);
      const referenced = new Set([...images, ...kept].map((i) => i.storagePath.split("/").at(-1)!));
      for (const object of objects) {
        // "<hash>.<ext>" owns "<hash>.<ext>.thumb.jpg" (and temporary files older versions left).
        const image = object.key.split("/").at(-1)!.split(".").slice(0, 2).join(".");
        if (referenced.has(image)) continue;
        if (now - object.modifiedAt.getTime() > IMAGE_GRACE_MS) await remove(object.key);
      }
    }
  }

  const models = new Map<string, string[]>();
  for (const object of await collect(storage, "models/")) {
    const runId = object.key.split("/")[1]!;
    if (ID.test(runId)) models.set(runId, [...(models.get(runId) ?? []), object.key]);
  }
  const liveRuns = new Set(
    (await db.trainingRun.findMany({ where: { id: { in: [...models.keys()] } }, select: { id: true } })).map((r) => r.id),
  );
  for (const [runId, keys] of models) {
    if (!liveRuns.has(runId)) for (const key of keys) await remove(key);
  }
  return { removed };
}

/** Runs the sweep once per start, in the background: nothing waits for it. */
export const storageSweepService: BackgroundService = {
  name: "storage sweep",
  start() {
    void (async () => {
      const { removed } = await sweepOrphanFiles(getDb());
      if (removed.length) log.info(`removed ${removed.length} stored object(s) left by deleted data`);
    })().catch((err: unknown) => log.error("orphan sweep failed", { err }));
  },
  stop() {},
};

/**
 * For a worker whose run's final update found no row: when the run is gone (its prototype or workspace
 * was deleted while it trained), the delete may have removed the run's folder before the worker wrote
 * into it, so the folder goes now. A run handed to another worker keeps its folder: that one writes the same keys.
 * Returns whether the run was gone.
 */
export async function removeFilesOfDeletedRun(db: Db, storage: ObjectStorage, runId: string): Promise<boolean> {
  if (!ID.test(runId)) throw new Error(`unexpected run id: ${runId}`);
  if (await db.trainingRun.findUnique({ where: { id: runId }, select: { id: true } })) return false;
  const removed = await deletePrefix(storage, runPrefix(runId)).catch((err: unknown) => {
    log.error("could not remove the files of a run deleted while it trained; the start-up sweep will", { runId, err });
    return 0;
  });
  if (removed) log.info("removed the files of a run deleted while it trained", { runId, removed });
  return true;
}

/** After a prototype's rows are gone: its uploads (images and kept predictions) and its runs' models. */
export async function removePrototypeFiles(storage: ObjectStorage, args: { workspaceId: string; prototypeId: string; runIds: string[] }) {
  for (const id of [args.workspaceId, args.prototypeId]) if (!ID.test(id)) throw new Error(`unexpected id: ${id}`);
  await deletePrefix(storage, prototypeUploadsPrefix(args.workspaceId, args.prototypeId));
  for (const id of args.runIds) await deletePrefix(storage, runPrefix(id));
}
