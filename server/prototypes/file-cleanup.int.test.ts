import { existsSync } from "node:fs";
import { mkdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { artifactDir, writeRunArtifact } from "@/server/prototypes/export-artifact";
import { sweepOrphanFiles } from "@/server/prototypes/file-cleanup";
import { thumbnailPath } from "@/server/prototypes/storage";
import { uploadFilesToClass } from "@/server/prototypes/uploads";
import { createUser } from "@/server/test/factories";

const png = (colour: string) =>
  sharp({ create: { width: 24, height: 24, channels: 3, background: colour } })
    .png()
    .toBuffer();

/** A workspace with one prototype, one stored image (with its thumbnail) and one run with an exported model. */
async function workspaceWithFiles() {
  const owner = await createUser({ name: "Owner" });
  const workspaceId = owner.workspace.id;
  const { id: prototypeId } = await owner.caller.prototypes.create({ workspaceId, name: "Pets", classes: ["cats", "dogs"] });
  const cls = await getDb().prototypeClass.findFirstOrThrow({ where: { prototypeId }, select: { id: true } });
  const [item] = await uploadFilesToClass(
    getDb(),
    { workspaceId, prototypeId, classId: cls.id, files: [{ name: "a.png", bytes: await png("#ff0000") }] },
    { image: {}, zip: {}, uploadsDir: env.uploadsDir },
  );
  expect(item?.status).toBe("accepted");
  const image = await getDb().prototypeImage.findFirstOrThrow({ where: { prototypeId }, select: { storagePath: true } });
  const imageFile = path.join(env.uploadsDir, image.storagePath);
  await writeFile(thumbnailPath(env.uploadsDir, image.storagePath), "thumb");
  const run = await getDb().trainingRun.create({ data: { workspaceId, prototypeId, version: 1, settings: {} }, select: { id: true } });
  await writeRunArtifact(env.dataDir, run.id, Buffer.from("model"));
  return { owner, workspaceId, prototypeId, imageFile, runId: run.id };
}

describe("files of deleted data", () => {
  it("deleting a workspace removes its images, thumbnails and exported models from disk", async () => {
    const { owner, workspaceId, imageFile, runId } = await workspaceWithFiles();
    expect(existsSync(imageFile)).toBe(true);
    expect(existsSync(artifactDir(env.dataDir, runId))).toBe(true);
    await owner.caller.workspace.delete({ workspaceId, confirmName: owner.workspace.name });
    expect(existsSync(path.join(env.uploadsDir, workspaceId))).toBe(false);
    expect(existsSync(artifactDir(env.dataDir, runId))).toBe(false);
  });

  it("the start-up sweep removes what a crash between the row delete and the file delete left behind, and nothing else", async () => {
    const kept = await workspaceWithFiles();
    const crashed = await workspaceWithFiles();
    // A crash right after the rows went: the workspace row is gone, its files are not.
    await getDb().workspace.delete({ where: { id: crashed.workspaceId } });
    // An image row deleted without its file, one old enough to be an orphan and one still being uploaded.
    const prototypeDir = path.dirname(kept.imageFile);
    await mkdir(prototypeDir, { recursive: true });
    const orphan = path.join(prototypeDir, `${"a".repeat(64)}.png`);
    const fresh = path.join(prototypeDir, `${"b".repeat(64)}.png`);
    await writeFile(orphan, "old");
    await writeFile(fresh, "new");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(orphan, twoHoursAgo, twoHoursAgo);
    // Something the app did not create.
    const foreign = path.join(env.uploadsDir, "README.txt");
    await writeFile(foreign, "keep me");

    const { removed } = await sweepOrphanFiles(getDb(), env);

    expect(existsSync(path.join(env.uploadsDir, crashed.workspaceId))).toBe(false);
    expect(existsSync(artifactDir(env.dataDir, crashed.runId))).toBe(false);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(kept.imageFile)).toBe(true);
    expect(existsSync(thumbnailPath(env.uploadsDir, path.relative(env.uploadsDir, kept.imageFile)))).toBe(true);
    expect(existsSync(artifactDir(env.dataDir, kept.runId))).toBe(true);
    expect(existsSync(foreign)).toBe(true);
    expect(removed).toHaveLength(3);
  });
});
