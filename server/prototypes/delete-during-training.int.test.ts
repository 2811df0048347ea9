import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "@/ml/backend";
import { SHAPE_CLASSES, writeShapeImages } from "@/ml/train/test-shapes";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { prototypeUploadsPrefix, runPrefix, storage, type ObjectStorage } from "@/server/storage";
import { createUser } from "@/server/test/factories";
import { createExecuteRun } from "./training";
import { uploadFilesToClass } from "./uploads";
import { createRunWorker } from "./worker";

// A real run on the compact CNN (no backbone installed: nothing to download), on the app's storage
// as the delete tests use it, with the delete landing at the worst moment: after the worker's last
// look at the run and before it writes the trained model.
let scratch: string;

beforeAll(async () => {
  await selectBackend({ preference: "wasm" });
  scratch = await mkdtemp(path.join(os.tmpdir(), "vl-delete-run-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage().list(prefix)) keys.push(object.key);
  return keys;
}

describe("deleting a prototype while one of its runs trains", () => {
  it("leaves no file of it behind, not even the model the worker writes after the delete", async () => {
    const owner = await createUser({ name: "Dana Delete" });
    const workspaceId = owner.workspace.id;
    const db = getDb();
    const name = "Shapes in training";
    const { id: prototypeId } = await owner.caller.prototypes.create({ workspaceId, name, classes: [...SHAPE_CLASSES] });
    const classes = await db.prototypeClass.findMany({ where: { prototypeId }, orderBy: { position: "asc" }, select: { id: true } });
    const images = await writeShapeImages({ dir: scratch, perClass: 4, size: 32, seed: 11 });
    for (const [label, cls] of classes.entries()) {
      const files = await Promise.all(
        images.filter((i) => i.label === label).map(async (i) => ({ name: path.basename(i.path), bytes: await readFile(i.path) })),
      );
      const items = await uploadFilesToClass(db, { workspaceId, prototypeId, classId: cls.id, files }, { image: {}, zip: {} });
      expect(items.every((i) => i.status === "accepted")).toBe(true);
    }
    expect(await keysUnder(prototypeUploadsPrefix(workspaceId, prototypeId))).toHaveLength(images.length);

    // The app's storage, except that this run's first model file waits for the prototype's delete to finish.
    // (The worker may also pick up runs other tests left queued in the shared database: those write as usual.)
    const real = storage();
    let deletedBeforeWrite = false;
    let runId = "";
    const lateWriter: ObjectStorage = {
      kind: real.kind,
      async put(key, body, options) {
        if (runId && key.startsWith(runPrefix(runId)) && !deletedBeforeWrite) {
          await owner.caller.prototypes.delete({ workspaceId, prototypeId, confirmName: name });
          deletedBeforeWrite = true;
        }
        return real.put(key, body, options);
      },
      get: (key) => real.get(key),
      head: (key) => real.head(key),
      delete: (key) => real.delete(key),
      list: (prefix) => real.list(prefix),
      localPath: (key) => real.localPath(key),
    };
    const lines: string[] = [];
    const worker = createRunWorker({
      db,
      execute: createExecuteRun({
        db,
        env: { ...env, modelsDir: path.join(scratch, "no-models"), ML_BACKEND: "wasm" },
        storage: lateWriter,
      }),
      pollMs: 100,
      heartbeatMs: 200,
      log: (line) => lines.push(line),
    });
    runId = (await owner.caller.runs.start({ workspaceId, prototypeId, settings: { epochs: 2, batchSize: 8, seed: 3 } })).id;
    worker.start();
    try {
      const deadline = Date.now() + 240_000;
      // Until this run has ended after the delete (not merely until the worker finished some run).
      while (!deletedBeforeWrite || worker.status().currentRunId === runId) {
        if (Date.now() > deadline) throw new Error(`the run did not end: ${lines.join("; ")}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await worker.stop();
    }

    expect(deletedBeforeWrite).toBe(true);
    expect(await db.trainingRun.count({ where: { id: runId } })).toBe(0);
    expect(await keysUnder(prototypeUploadsPrefix(workspaceId, prototypeId))).toEqual([]);
    expect(await keysUnder(runPrefix(runId))).toEqual([]);
  }, 300_000);
});
