import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { buildZip } from "@/ml/data/test-zip";
import { getDb } from "@/server/db";
import { ZIP_BATCH_FILES, uploadZip } from "@/server/prototypes/uploads";
import { createUser } from "@/server/test/factories";
import { statementTotals, timeStatements } from "@/scripts/lib/database";

const png = (colour: string) =>
  sharp({ create: { width: 24, height: 24, channels: 3, background: colour } })
    .png()
    .toBuffer();

/** A distinct small PNG per `i`. */
const numbered = (i: number) => png(`#${(i * 2654435761).toString(16).padStart(6, "0").slice(-6)}`);

describe("zip uploads and classes", () => {
  it("makes no class from a folder whose images were all refused, and keeps the ones that got images", async () => {
    const owner = await createUser({ name: "Zipper" });
    const workspaceId = owner.workspace.id;
    const { id: prototypeId } = await owner.caller.prototypes.create({ workspaceId, name: "Pets", classes: ["cats", "dogs"] });
    const zip = buildZip([
      { name: "birds/not-an-image.jpg", data: Buffer.from("plain text pretending to be a photo") },
      { name: "birds/also-broken.png", data: Buffer.from("\x89PNG but not really") },
      { name: "fish/nemo.png", data: await png("#ff8800") },
    ]);
    const result = await uploadZip(getDb(), { workspaceId, prototypeId, source: { buffer: zip } }, { image: {}, zip: {} });
    expect(result.items.map((i) => i.status)).toEqual(["rejected", "rejected", "accepted"]);
    expect(result.createdClasses).toEqual(["fish"]);
    const classes = await getDb().prototypeClass.findMany({ where: { prototypeId }, orderBy: { position: "asc" }, select: { name: true } });
    expect(classes.map((c) => c.name)).toEqual(["cats", "dogs", "fish"]);
  });

  it("stores a big zip in batches: a few statements per batch, not three per image, with every per-file report in order", async () => {
    const owner = await createUser({ name: "Bulk zipper" });
    const workspaceId = owner.workspace.id;
    const { id: prototypeId } = await owner.caller.prototypes.create({ workspaceId, name: "Bulk", classes: ["cats", "dogs"] });
    const cats = 60;
    const dogs = 40;
    const held = await numbered(999);
    await uploadZip(
      getDb(),
      { workspaceId, prototypeId, source: { buffer: buildZip([{ name: "cats/held.png", data: held }]) } },
      {
        image: {},
        zip: {},
      },
    );
    const entries = [
      ...(await Promise.all(Array.from({ length: cats }, async (_, i) => ({ name: `cats/c${i}.png`, data: await numbered(i) })))),
      // In another class, the same content as the first cat (a duplicate across batches and classes)…
      { name: "dogs/same-as-c0.png", data: await numbered(0) },
      ...(await Promise.all(Array.from({ length: dogs }, async (_, i) => ({ name: `dogs/d${i}.png`, data: await numbered(100 + i) })))),
      // …one already in the prototype, one refused, and a new class.
      { name: "dogs/held-again.png", data: held },
      { name: "dogs/broken.png", data: Buffer.from("\x89PNG but not really") },
      { name: "birds/b0.png", data: await numbered(500) },
    ];
    const timer = timeStatements(60);
    timer.recording = true;
    const result = await uploadZip(getDb(), { workspaceId, prototypeId, source: { buffer: buildZip(entries) } }, { image: {}, zip: {} });
    timer.recording = false;

    expect(result.items.map((i) => i.name)).toEqual(entries.map((e) => e.name));
    const byName = new Map(result.items.map((i) => [i.name, i]));
    expect(result.items.filter((i) => i.status === "accepted")).toHaveLength(cats + dogs + 1);
    expect(byName.get("dogs/same-as-c0.png")).toMatchObject({ status: "duplicate", className: "cats" });
    expect(byName.get("dogs/held-again.png")).toMatchObject({ status: "duplicate", className: "cats" });
    expect(byName.get("dogs/broken.png")).toMatchObject({ status: "rejected" });
    expect(byName.get("dogs/d3.png")).toMatchObject({ status: "accepted", className: "dogs" });
    expect(result.createdClasses).toEqual(["birds"]);
    const counts = await getDb().prototypeClass.findMany({
      where: { prototypeId },
      orderBy: { position: "asc" },
      select: { name: true, _count: { select: { images: true } } },
    });
    expect(counts.map((c) => [c.name, c._count.images])).toEqual([
      ["cats", cats + 1],
      ["dogs", dogs],
      ["birds", 1],
    ]);

    // Image by image this took three statements per image (over 300 here). Batched: per class in each batch
    // of up to ZIP_BATCH_FILES images one lookup and one insert (Prisma wraps it in BEGIN … COMMIT), plus a
    // handful per upload (the checks, the new class, the clean-up of empty new classes).
    const images = entries.length;
    const batches = Math.ceil(images / ZIP_BATCH_FILES);
    const { count } = statementTotals(timer.statements);
    expect(count).toBeLessThanOrEqual(4 * (batches + 2) + 8);
    expect(count).toBeLessThan(images / 3);
  });
});
