import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { NotFoundError } from "@/server/errors";
import { createUser } from "@/server/test/factories";
import { runQuality } from "./runs";

describe("a run's quality for REST predict", () => {
  it("is kept per process once read, but never answers for another workspace", async () => {
    const owner = await createUser({ name: "Quality owner" });
    const stranger = await createUser({ name: "Quality stranger" });
    const db = getDb();
    const workspaceId = owner.workspace.id;
    const prototypeId = (await db.prototype.create({ data: { workspaceId, name: "Q" }, select: { id: true } })).id;
    const run = await db.trainingRun.create({
      data: { workspaceId, prototypeId, version: 1, status: "SUCCEEDED", settings: {} },
      select: { id: true },
    });

    expect(await runQuality(db, { workspaceId, runId: run.id })).toBeNull(); // read, and now kept
    await expect(runQuality(db, { workspaceId: stranger.workspace.id, runId: run.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await runQuality(db, { workspaceId, runId: run.id })).toBeNull();
  });
});
