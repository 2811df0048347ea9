import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createUser } from "@/server/test/factories";

/** Two prototypes in one workspace; "shared" content is in both, the rest in one each. */
async function setup() {
  const owner = await createUser({ name: "Cache" });
  const workspaceId = owner.workspace.id;
  const db = getDb();
  const make = async (name: string) => {
    const { id } = await owner.caller.prototypes.create({ workspaceId, name, classes: ["a", "b", "c"] });
    const classes = await db.prototypeClass.findMany({ where: { prototypeId: id }, orderBy: { position: "asc" }, select: { id: true } });
    return { id, classIds: classes.map((c) => c.id) };
  };
  const first = await make("First");
  const second = await make("Second");
  const image = async (p: { id: string; classIds: string[] }, classIndex: number, contentHash: string) =>
    (
      await db.prototypeImage.create({
        data: {
          workspaceId,
          prototypeId: p.id,
          classId: p.classIds[classIndex]!,
          contentHash,
          storagePath: `${workspaceId}/${p.id}/${contentHash}.png`,
          originalName: `${contentHash}.png`,
          format: "png",
          width: 8,
          height: 8,
          bytes: 10,
        },
        select: { id: true },
      })
    ).id;
  const ids = {
    onlyFirst: await image(first, 0, "only-first"),
    sharedInFirst: await image(first, 0, "shared"),
    sharedInSecond: await image(second, 1, "shared"),
    inClassB: await image(first, 1, "in-class-b"),
  };
  await db.embeddingCache.createMany({
    data: ["only-first", "shared", "in-class-b"].map((contentHash) => ({
      workspaceId,
      contentHash,
      backboneId: "test",
      vector: new Uint8Array(4),
    })),
  });
  const cached = async () =>
    (await db.embeddingCache.findMany({ where: { workspaceId }, select: { contentHash: true }, orderBy: { contentHash: "asc" } })).map(
      (r) => r.contentHash,
    );
  return { owner, workspaceId, first, ids, cached };
}

describe("the embedding cache follows the images", () => {
  it("drops a cached embedding with the last image of that content in the workspace, not before", async () => {
    const { owner, workspaceId, first, ids, cached } = await setup();
    await owner.caller.prototypes.deleteImages({ workspaceId, prototypeId: first.id, imageIds: [ids.onlyFirst, ids.sharedInFirst] });
    expect(await cached()).toEqual(["in-class-b", "shared"]);
    await owner.caller.prototypes.deleteClass({ workspaceId, prototypeId: first.id, classId: first.classIds[1]! });
    expect(await cached()).toEqual(["shared"]);
  });

  it("goes with its workspace", async () => {
    const { owner, workspaceId } = await setup();
    await owner.caller.workspace.delete({ workspaceId, confirmName: owner.workspace.name });
    expect(await getDb().embeddingCache.count({ where: { workspaceId } })).toBe(0);
  });
});
