import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { writeRunArtifact } from "@/server/prototypes/export-artifact";
import { uploadFilesToClass } from "@/server/prototypes/uploads";
import { imageKey, runExportKey, storage, thumbnailKey } from "@/server/storage";
import { createTeam, createUser } from "@/server/test/factories";

const png = (colour: string) =>
  sharp({ create: { width: 24, height: 24, channels: 3, background: colour } })
    .png()
    .toBuffer();

type Owner = Awaited<ReturnType<typeof createUser>>;

/** A prototype with two stored images (one with a thumbnail), a finished run with its exported model, and an idea that uses it as evidence. */
async function prototypeWithEverything(owner: Owner, name = "Scratch finder") {
  const workspaceId = owner.workspace.id;
  const db = getDb();
  const { id: prototypeId } = await owner.caller.prototypes.create({ workspaceId, name, classes: ["ok", "scratch"] });
  const classes = await db.prototypeClass.findMany({ where: { prototypeId }, orderBy: { position: "asc" }, select: { id: true } });
  for (const [i, cls] of classes.entries()) {
    const [item] = await uploadFilesToClass(
      db,
      { workspaceId, prototypeId, classId: cls.id, files: [{ name: `${i}.png`, bytes: await png(i ? "#00ff00" : "#ff0000") }] },
      { image: {}, zip: {} },
    );
    expect(item?.status).toBe("accepted");
  }
  const images = await db.prototypeImage.findMany({ where: { prototypeId }, select: { storagePath: true } });
  await storage().put(thumbnailKey(images[0]!.storagePath), Buffer.from("thumb"));
  const run = await db.trainingRun.create({
    data: {
      workspaceId,
      prototypeId,
      version: 1,
      status: "SUCCEEDED",
      settings: {},
      metrics: {
        accuracy: 0.9,
        macroF1: 0.9,
        classes: ["ok", "scratch"],
        confusion: [
          [9, 1],
          [1, 9],
        ],
      },
      dataSizes: { train: 80, validation: 10, test: 20 },
    },
    select: { id: true },
  });
  await writeRunArtifact(storage(), run.id, Buffer.from("model"));

  const idea = await owner.caller.ideas.create({ workspaceId, title: "Visual QA", prototypeId });
  const assumption = await owner.caller.ideas.addAssumption({
    workspaceId,
    ideaId: idea.id,
    kind: "feasibility",
    statement: "The model spots scratches",
    importance: "critical",
  });
  await owner.caller.ideas.planExperiment({
    workspaceId,
    ideaId: idea.id,
    plan: { assumptionId: assumption.id, kind: "prototype", prototypeId, prototypeMetric: "accuracy", threshold: 0.5 },
  });
  return { workspaceId, prototypeId, runId: run.id, ideaId: idea.id, storagePaths: images.map((i) => i.storagePath) };
}

async function exists(key: string) {
  return (await storage().head(key)) !== null;
}

describe("deleting a prototype", () => {
  it("says what it would delete, then removes rows and stored files, records it in the audit log, and the idea report says the prototype was deleted", async () => {
    const owner = await createUser({ name: "Dora Delete" });
    const p = await prototypeWithEverything(owner);
    const db = getDb();

    const impact = await owner.caller.prototypes.deletionImpact({ workspaceId: p.workspaceId, prototypeId: p.prototypeId });
    expect(impact).toEqual({
      name: "Scratch finder",
      images: 2,
      runs: 1,
      keptPredictions: 0,
      ideas: [{ id: p.ideaId, title: "Visual QA" }],
    });
    // Before: the experiment reads the run.
    const before = await owner.caller.ideas.report({ workspaceId: p.workspaceId, ideaId: p.ideaId });
    expect(before.experiments[0]!.result.run?.runId).toBe(p.runId);
    for (const path of p.storagePaths) expect(await exists(imageKey(path))).toBe(true);
    expect(await exists(runExportKey(p.runId))).toBe(true);

    await expect(
      owner.caller.prototypes.delete({ workspaceId: p.workspaceId, prototypeId: p.prototypeId, confirmName: "scratch" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.prototype.count({ where: { id: p.prototypeId } })).toBe(1);

    const done = await owner.caller.prototypes.delete({
      workspaceId: p.workspaceId,
      prototypeId: p.prototypeId,
      confirmName: " Scratch finder ",
    });
    expect(done).toEqual({ deleted: true, name: "Scratch finder" });

    expect(await db.prototype.count({ where: { id: p.prototypeId } })).toBe(0);
    expect(await db.prototypeImage.count({ where: { prototypeId: p.prototypeId } })).toBe(0);
    expect(await db.trainingRun.count({ where: { prototypeId: p.prototypeId } })).toBe(0);
    for (const path of p.storagePaths) {
      expect(await exists(imageKey(path))).toBe(false);
      expect(await exists(thumbnailKey(path))).toBe(false);
    }
    expect(await exists(runExportKey(p.runId))).toBe(false);

    const audit = await owner.caller.workspace.audit({ workspaceId: p.workspaceId, limit: 5 });
    expect(audit.items[0]).toMatchObject({
      action: "prototype.deleted",
      targetType: "prototype",
      targetId: p.prototypeId,
      data: { name: "Scratch finder", images: 2, runs: 1, keptPredictions: 0 },
      actor: { id: owner.user.id },
    });

    // The idea survives: its link is cleared, and the experiment says why it has no result.
    const idea = await owner.caller.ideas.get({ workspaceId: p.workspaceId, ideaId: p.ideaId });
    expect(idea.linkedPrototype).toBeNull();
    const after = await owner.caller.ideas.report({ workspaceId: p.workspaceId, ideaId: p.ideaId });
    expect(after.experiments[0]!.result).toMatchObject({ outcome: "pending", why: "prototypeDeleted", run: null });
    expect(after.sources.runs).toEqual([]);
    expect(after.scores.proof ?? null).toBeNull();
  });

  it("answers not found for another workspace's prototype and leaves it whole", async () => {
    const owner = await createUser({ name: "Victim" });
    const p = await prototypeWithEverything(owner, "Their model");
    const outsider = await createUser({ name: "Outsider" });
    for (const workspaceId of [p.workspaceId, outsider.workspace.id]) {
      await expect(
        outsider.caller.prototypes.delete({ workspaceId, prototypeId: p.prototypeId, confirmName: "Their model" }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await getDb().prototype.count({ where: { id: p.prototypeId } })).toBe(1);
    for (const path of p.storagePaths) expect(await exists(imageKey(path))).toBe(true);
  });

  it("is refused to viewers, as the permission table says", async () => {
    const { owner, mate, workspaceId } = await createTeam("VIEWER");
    const { id: prototypeId } = await owner.caller.prototypes.create({ workspaceId, name: "Team model", classes: ["a", "b"] });
    await expect(mate.caller.prototypes.delete({ workspaceId, prototypeId, confirmName: "Team model" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(mate.caller.prototypes.deletionImpact({ workspaceId, prototypeId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().prototype.count({ where: { id: prototypeId } })).toBe(1);
  });
});
