import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { buildZip } from "@/ml/data/test-zip";
import { getDb } from "@/server/db";
import { uploadZip } from "@/server/prototypes/uploads";
import { createUser } from "@/server/test/factories";

const png = (colour: string) =>
  sharp({ create: { width: 24, height: 24, channels: 3, background: colour } })
    .png()
    .toBuffer();

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
});
