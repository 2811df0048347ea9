import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { getDb, type Db } from "@/server/db";
import type { Env } from "@/server/env";
import type { BackgroundService } from "@/server/runtime/services";
import { artifactDir } from "./export-artifact";
import { logger } from "@/server/log";

const log = logger("storage");

/**
 * Files outlive their rows only briefly: rows are deleted first (in the database, where the
 * delete is atomic), files right after. A crash in between leaves orphans, never a row that
 * points at a missing file; the sweep at start-up removes the orphans.
 *
 * On disk: `<uploadsDir>/<workspaceId>/<prototypeId>/<hash>.<ext>` (plus `.thumb.jpg`) and
 * `<dataDir>/models/<runId>/` (a run's exported model).
 */
export interface StorageDirs {
  uploadsDir: string;
  dataDir: string;
}

/** Row ids (cuid) and nothing else: the sweep never touches a folder it did not create. */
const ID = /^[a-z0-9]{20,40}$/;

/** An image file younger than this is kept: its row may still be on its way (uploads write the file first). */
const IMAGE_GRACE_MS = 60 * 60 * 1000;

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

async function remove(target: string, removed: string[]) {
  await rm(target, { recursive: true, force: true });
  removed.push(target);
}

/** After a workspace's rows are gone: its uploads folder and its runs' model folders. */
export async function removeWorkspaceFiles(dirs: StorageDirs, args: { workspaceId: string; runIds: string[] }) {
  if (!ID.test(args.workspaceId)) throw new Error(`unexpected workspace id: ${args.workspaceId}`);
  await rm(path.join(/* turbopackIgnore: true */ dirs.uploadsDir, args.workspaceId), { recursive: true, force: true });
  await Promise.all(args.runIds.map((id) => rm(artifactDir(dirs.dataDir, id), { recursive: true, force: true })));
}

/**
 * Removes files whose rows no longer exist: folders of deleted workspaces and prototypes,
 * model folders of deleted runs, and image files no row refers to (once older than an hour).
 */
export async function sweepOrphanFiles(db: Db, dirs: StorageDirs, opts: { now?: number } = {}): Promise<{ removed: string[] }> {
  const now = opts.now ?? Date.now();
  const removed: string[] = [];

  const workspaceDirs = (await entries(dirs.uploadsDir)).filter((n) => ID.test(n));
  const liveWorkspaces = new Set(
    (await db.workspace.findMany({ where: { id: { in: workspaceDirs } }, select: { id: true } })).map((w) => w.id),
  );
  for (const workspaceId of workspaceDirs) {
    const workspacePath = path.join(/* turbopackIgnore: true */ dirs.uploadsDir, workspaceId);
    if (!liveWorkspaces.has(workspaceId)) {
      await remove(workspacePath, removed);
      continue;
    }
    const prototypeDirs = (await entries(workspacePath)).filter((n) => ID.test(n));
    const livePrototypes = new Set(
      (await db.prototype.findMany({ where: { workspaceId, id: { in: prototypeDirs } }, select: { id: true } })).map((p) => p.id),
    );
    for (const prototypeId of prototypeDirs) {
      const prototypePath = path.join(/* turbopackIgnore: true */ workspacePath, prototypeId);
      if (!livePrototypes.has(prototypeId)) {
        await remove(prototypePath, removed);
        continue;
      }
      // Training images and kept predictions (./kept.ts) share the prototype's folder.
      const [images, kept] = await Promise.all([
        db.prototypeImage.findMany({ where: { workspaceId, prototypeId }, select: { storagePath: true } }),
        db.keptPrediction.findMany({ where: { workspaceId, prototypeId }, select: { storagePath: true } }),
      ]);
      const referenced = new Set([...images, ...kept].map((i) => path.basename(i.storagePath)));
      for (const file of await entries(prototypePath)) {
        // "<hash>.<ext>" owns "<hash>.<ext>.thumb.jpg" and its temporary files.
        const image = file.split(".").slice(0, 2).join(".");
        if (referenced.has(image)) continue;
        const full = path.join(/* turbopackIgnore: true */ prototypePath, file);
        if (now - (await stat(full)).mtimeMs > IMAGE_GRACE_MS) await remove(full, removed);
      }
    }
  }

  const modelsDir = path.join(/* turbopackIgnore: true */ dirs.dataDir, "models");
  const runDirs = (await entries(modelsDir)).filter((n) => ID.test(n));
  const liveRuns = new Set((await db.trainingRun.findMany({ where: { id: { in: runDirs } }, select: { id: true } })).map((r) => r.id));
  for (const runId of runDirs) {
    if (!liveRuns.has(runId)) await remove(artifactDir(dirs.dataDir, runId), removed);
  }
  return { removed };
}

/** Runs the sweep once per start, in the background: nothing waits for it. */
export const storageSweepService: BackgroundService = {
  name: "storage sweep",
  start(env: Env) {
    void (async () => {
      const { removed } = await sweepOrphanFiles(getDb(), env);
      if (removed.length) log.info(`removed ${removed.length} file(s) or folder(s) left by deleted data`);
    })().catch((err: unknown) => log.error("orphan sweep failed", { err }));
  },
  stop() {},
};

/** After a prototype's rows are gone: its uploads folder (images and kept predictions) and its runs' model folders. */
export async function removePrototypeFiles(dirs: StorageDirs, args: { workspaceId: string; prototypeId: string; runIds: string[] }) {
  for (const id of [args.workspaceId, args.prototypeId]) if (!ID.test(id)) throw new Error(`unexpected id: ${id}`);
  await rm(path.join(/* turbopackIgnore: true */ dirs.uploadsDir, args.workspaceId, args.prototypeId), { recursive: true, force: true });
  await Promise.all(args.runIds.map((id) => rm(artifactDir(dirs.dataDir, id), { recursive: true, force: true })));
}
