import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { writeRunArtifact } from "@/server/prototypes/export-artifact";
import { sweepOrphanFiles } from "@/server/prototypes/file-cleanup";
import { uploadFilesToClass } from "@/server/prototypes/uploads";
import { imageKey, runExportKey, storage as appStorage, thumbnailKey, type ObjectStorage } from "@/server/storage";
import { createUser } from "@/server/test/factories";
import { startS3rver } from "@/server/test/s3rver";
import { deleteWorkspace } from "@/server/workspaces/workspaces";

const png = (colour: string) =>
  sharp({ create: { width: 24, height: 24, channels: 3, background: colour } })
    .png()
    .toBuffer();

let s3: Awaited<ReturnType<typeof startS3rver>>;
beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(() => s3?.stop());

async function keys(storage: ObjectStorage, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of storage.list(prefix)) out.push(o.key);
  return out.sort();
}

/** A workspace with one prototype, one stored image (with its thumbnail) and one run with an exported model. */
async function workspaceWithFiles(storage: ObjectStorage) {
  const owner = await createUser({ name: "Owner" });
  const workspaceId = owner.workspace.id;
  const { id: prototypeId } = await owner.caller.prototypes.create({ workspaceId, name: "Pets", classes: ["cats", "dogs"] });
  const cls = await getDb().prototypeClass.findFirstOrThrow({ where: { prototypeId }, select: { id: true } });
  const [item] = await uploadFilesToClass(
    getDb(),
    { workspaceId, prototypeId, classId: cls.id, files: [{ name: "a.png", bytes: await png("#ff0000") }] },
    { image: {}, zip: {}, storage },
  );
  expect(item?.status).toBe("accepted");
  const image = await getDb().prototypeImage.findFirstOrThrow({ where: { prototypeId }, select: { storagePath: true } });
  await storage.put(thumbnailKey(image.storagePath), Buffer.from("thumb"));
  const run = await getDb().trainingRun.create({ data: { workspaceId, prototypeId, version: 1, settings: {} }, select: { id: true } });
  await writeRunArtifact(storage, run.id, Buffer.from("model"));
  return { owner, workspaceId, prototypeId, storagePath: image.storagePath, runId: run.id };
}

// The app's storage in this process (local disk under the test data folder) and the S3 implementation on s3rver.
describe.each([
  ["local disk", () => appStorage()],
  ["S3 (s3rver)", () => s3.storage(`cleanup-${Date.now()}/`)],
])("files of deleted data: %s", (_name, make) => {
  it("deleting a workspace removes its images, thumbnails and exported models", async () => {
    const storage = make();
    const { owner, workspaceId, storagePath, runId } = await workspaceWithFiles(storage);
    expect(await storage.head(imageKey(storagePath))).not.toBeNull();
    expect(await storage.head(runExportKey(runId))).not.toBeNull();
    await deleteWorkspace(getDb(), { workspaceId, confirmName: owner.workspace.name }, storage);
    expect(await keys(storage, `uploads/${workspaceId}/`)).toEqual([]);
    expect(await keys(storage, `models/${runId}/`)).toEqual([]);
  });

  it("the start-up sweep removes what a crash between the row delete and the file delete left behind, and nothing else", async () => {
    const storage = make();
    const kept = await workspaceWithFiles(storage);
    const crashed = await workspaceWithFiles(storage);
    // A crash right after the rows went: the workspace row is gone, its files are not.
    await getDb().workspace.delete({ where: { id: crashed.workspaceId } });
    // An image file whose row never came (or was deleted without its file).
    const folder = imageKey(kept.storagePath).split("/").slice(0, 3).join("/");
    const orphan = `${folder}/${"a".repeat(64)}.png`;
    await storage.put(orphan, Buffer.from("old"));
    // Something the app did not create.
    const foreign = "uploads/README.txt";
    await storage.put(foreign, Buffer.from("keep me"));

    // Now: the orphan is younger than an hour, its row may still be on its way.
    // (Other test files share the local data folder: only this test's keys are compared.)
    const ours = (removed: string[]) =>
      removed.filter((k) => [crashed.workspaceId, crashed.runId, kept.workspaceId, kept.runId].some((id) => k.includes(id))).sort();
    const first = await sweepOrphanFiles(getDb(), storage);
    expect(await storage.head(orphan)).not.toBeNull();
    expect(ours(first.removed)).toEqual(
      [imageKey(crashed.storagePath), thumbnailKey(crashed.storagePath), runExportKey(crashed.runId)].sort(),
    );

    // Two hours later it is an orphan.
    const later = await sweepOrphanFiles(getDb(), storage, { now: Date.now() + 2 * 60 * 60 * 1000 });
    expect(ours(later.removed)).toEqual([orphan]);
    expect(await storage.head(imageKey(kept.storagePath))).not.toBeNull();
    expect(await storage.head(thumbnailKey(kept.storagePath))).not.toBeNull();
    expect(await storage.head(runExportKey(kept.runId))).not.toBeNull();
    expect(await storage.head(foreign)).not.toBeNull();
  });
});
