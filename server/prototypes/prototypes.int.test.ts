import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { pngDeclaring } from "@/ml/data/test-images";
import { buildZip } from "@/ml/data/test-zip";
import type { SessionUser } from "@/server/trpc";
import { createUser } from "@/server/test/factories";
import { getDb } from "@/server/db";
import { imageKey, storage, thumbnailKey } from "@/server/storage";

let sessionUser: SessionUser | null = null;
vi.mock("@/server/next/auth", () => ({ getSessionUser: async () => sessionUser }));

const { POST: uploadImages } = await import("@/app/api/prototypes/[id]/images/route");
const { POST: uploadZipRoute } = await import("@/app/api/prototypes/[id]/zip/route");
const { GET: getImage } = await import("@/app/api/prototypes/[id]/images/[imageId]/route");

const jpeg = (colour: string) =>
  sharp({ create: { width: 24, height: 24, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const ZIP = { "content-type": "application/zip" };

async function postFiles(prototypeId: string, classId: string, files: Array<{ name: string; data: Uint8Array }>) {
  const form = new FormData();
  form.set("classId", classId);
  for (const f of files) form.append("files", new File([new Uint8Array(f.data)], f.name));
  const res = await uploadImages(new Request("http://test/upload", { method: "POST", body: form }), params(prototypeId));
  return { status: res.status, body: (await res.json()) as { items: Array<{ name: string; status: string; reason?: string }> } };
}

describe("prototypes: CRUD, classes, uploads", () => {
  let owner: Awaited<ReturnType<typeof createUser>>;
  let prototypeId: string;
  let classes: Array<{ id: string; name: string }>;

  beforeAll(async () => {
    owner = await createUser({ name: "Founder" });
    sessionUser = owner.user;
    const created = await owner.caller.prototypes.create({
      workspaceId: owner.workspace.id,
      name: "Pets",
      question: "Cat or dog?",
      classes: ["cats", "dogs"],
    });
    prototypeId = created.id;
    classes = (await owner.caller.prototypes.get({ workspaceId: owner.workspace.id, prototypeId })).classes;
  });

  it("creates with at least two distinct classes, lists, renames, archives", async () => {
    const ws = owner.workspace.id;
    await expect(owner.caller.prototypes.create({ workspaceId: ws, name: "x", classes: ["only"] })).rejects.toThrow();
    await expect(owner.caller.prototypes.create({ workspaceId: ws, name: "x", classes: ["a", "A"] })).rejects.toThrow(/differ/);
    expect(classes.map((c) => c.name)).toEqual(["cats", "dogs"]);
    await owner.caller.prototypes.update({ workspaceId: ws, prototypeId, question: "Which pet?" });
    const list = await owner.caller.prototypes.list({ workspaceId: ws });
    expect(list.find((p) => p.id === prototypeId)).toMatchObject({ question: "Which pet?", classCount: 2 });
    const other = await owner.caller.prototypes.create({ workspaceId: ws, name: "Old", classes: ["a", "b"] });
    await owner.caller.prototypes.archive({ workspaceId: ws, prototypeId: other.id, archived: true });
    expect((await owner.caller.prototypes.list({ workspaceId: ws })).map((p) => p.id)).not.toContain(other.id);
  });

  it("uploads files onto a class with a per-file report: accepted, duplicate, and each bad kind", async () => {
    const good = await jpeg("#aa2222");
    const { status, body } = await postFiles(prototypeId, classes[0]!.id, [
      { name: "good.jpg", data: good },
      { name: "copy.jpg", data: good },
      { name: "empty.jpg", data: new Uint8Array(0) },
      { name: "notes.jpg", data: new TextEncoder().encode("not an image") },
      {
        name: "cut.jpg",
        data: (
          await sharp({ create: { width: 80, height: 80, channels: 3, background: "#123" } })
            .png()
            .toBuffer()
        ).subarray(0, 60),
      },
    ]);
    expect(status).toBe(200);
    expect(body.items.map((i) => [i.name, i.status, i.reason ?? null])).toEqual([
      ["good.jpg", "accepted", null],
      ["copy.jpg", "duplicate", null],
      ["empty.jpg", "rejected", "empty"],
      ["notes.jpg", "rejected", "notAnImage"],
      ["cut.jpg", "rejected", "corrupt"],
    ]);
    const images = await owner.caller.prototypes.images({ workspaceId: owner.workspace.id, prototypeId, classId: classes[0]!.id });
    expect(images.items).toHaveLength(1);
    const res = await getImage(new Request("http://test/img?size=thumb"), {
      params: Promise.resolve({ id: prototypeId, imageId: images.items[0]!.id }),
    });
    expect(res.headers.get("content-type")).toBe("image/jpeg");
  });

  it("stores each content once when two uploads of the same images race, and reports the rest as duplicates", async () => {
    const race = await owner.caller.prototypes.create({ workspaceId: owner.workspace.id, name: "Race", classes: ["left", "right"] });
    const classId = (await owner.caller.prototypes.get({ workspaceId: owner.workspace.id, prototypeId: race.id })).classes[0]!.id;
    const files = await Promise.all(
      ["#113355", "#553311", "#335511"].map(async (c, i) => ({ name: `race-${i}.jpg`, data: await jpeg(c) })),
    );
    const [a, b] = await Promise.all([postFiles(race.id, classId, files), postFiles(race.id, classId, [...files].reverse())]);
    const statuses = [...a.body.items, ...b.body.items].map((i) => i.status).sort();
    expect(statuses).toEqual(["accepted", "accepted", "accepted", "duplicate", "duplicate", "duplicate"]);
    const images = await owner.caller.prototypes.images({ workspaceId: owner.workspace.id, prototypeId: race.id, classId });
    expect(images.items.map((i) => i.originalName).sort()).toEqual(["race-0.jpg", "race-1.jpg", "race-2.jpg"]);
    // Every stored row points at a file that is there.
    for (const item of images.items) {
      const row = await getDb().prototypeImage.findUniqueOrThrow({ where: { id: item.id } });
      expect(existsSync(storage().localPath(imageKey(row.storagePath))!)).toBe(true);
    }
  });

  it("serves thumbnails made once and kept on disk, answers 304 to a known ETag, and deletes the thumbnail with its image", async () => {
    const { body } = await postFiles(prototypeId, classes[0]!.id, [{ name: "thumb-me.jpg", data: await jpeg("#3366aa") }]);
    expect(body.items[0]).toMatchObject({ status: "accepted" });
    const listed = await owner.caller.prototypes.images({ workspaceId: owner.workspace.id, prototypeId, classId: classes[0]!.id });
    const imageId = listed.items.find((i) => i.originalName === "thumb-me.jpg")!.id;
    const row = await getDb().prototypeImage.findUniqueOrThrow({ where: { id: imageId } });
    const thumbFile = storage().localPath(thumbnailKey(row.storagePath))!;
    const get = (headers: Record<string, string> = {}) =>
      getImage(new Request("http://test/img?size=thumb", { headers }), { params: Promise.resolve({ id: prototypeId, imageId }) });

    const first = await get();
    expect(first.status).toBe(200);
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "jpeg", width: 256, height: 256 });
    expect(new Uint8Array(await readFile(thumbFile))).toEqual(bytes);
    const etag = first.headers.get("etag")!;
    expect(etag).toBe(`"${row.contentHash}-thumb"`);
    expect((await get({ "if-none-match": etag })).status).toBe(304);
    // The original has its own tag.
    const original = await getImage(new Request("http://test/img"), { params: Promise.resolve({ id: prototypeId, imageId }) });
    expect(original.headers.get("etag")).toBe(`"${row.contentHash}"`);

    await owner.caller.prototypes.deleteImages({ workspaceId: owner.workspace.id, prototypeId, imageIds: [imageId] });
    expect(existsSync(thumbFile)).toBe(false);
    expect((await get({ "if-none-match": etag })).status).toBe(404);
  });

  it("refuses oversized files and decompression bombs through the route, and hostile zip entries one by one", async () => {
    const { body } = await postFiles(prototypeId, classes[1]!.id, [
      { name: "huge.jpg", data: new Uint8Array(11 * 1024 * 1024) },
      { name: "bomb.png", data: pngDeclaring(50_000, 50_000) },
    ]);
    expect(body.items.map((i) => [i.name, i.status, i.reason ?? null])).toEqual([
      ["bomb.png", "rejected", "tooManyPixels"],
      ["huge.jpg", "rejected", "tooLarge"],
    ]);
    const img = await jpeg("#808000");
    const hostile = buildZip([
      { name: "../evil.jpg", data: img },
      { name: "/etc/evil.jpg", data: img },
      { name: "dogs/link.jpg", data: Buffer.from("/etc/passwd"), unixMode: 0o120777 },
      { name: "dogs/ok.jpg", data: img },
    ]);
    const res = await uploadZipRoute(
      new Request("http://test/zip", { method: "POST", headers: ZIP, body: new Uint8Array(hostile) }),
      params(prototypeId),
    );
    const json = (await res.json()) as { items: Array<{ name: string; status: string; reason?: string }> };
    expect(json.items.map((i) => [i.name, i.status, i.reason ?? null])).toEqual([
      ["../evil.jpg", "rejected", "unsafePath"],
      ["/etc/evil.jpg", "rejected", "unsafePath"],
      ["dogs/link.jpg", "rejected", "link"],
      ["dogs/ok.jpg", "accepted", null],
    ]);
  });

  it("takes a zip with one folder per class, creating missing classes and reporting bad entries", async () => {
    const zip = new JSZip();
    zip.file("set/dogs/d1.jpg", await jpeg("#22aa22"));
    zip.file("set/birds/b1.jpg", await jpeg("#2222aa"));
    zip.file("set/birds/readme.txt", "hello");
    zip.file("set/dogs/inner.zip", "PK");
    const body = await zip.generateAsync({ type: "uint8array" });
    const res = await uploadZipRoute(
      new Request("http://test/zip", { method: "POST", headers: ZIP, body: new Uint8Array(body) }),
      params(prototypeId),
    );
    const json = (await res.json()) as { items: Array<{ name: string; status: string; reason?: string }>; createdClasses: string[] };
    expect(res.status).toBe(200);
    expect(json.createdClasses).toEqual(["birds"]);
    expect(json.items.map((i) => [i.name, i.status, i.reason ?? null])).toEqual([
      ["set/dogs/d1.jpg", "accepted", null],
      ["set/birds/b1.jpg", "accepted", null],
      ["set/birds/readme.txt", "rejected", "notAnImage"],
      ["set/dogs/inner.zip", "skipped", "nestedArchive"],
    ]);
    const bad = await uploadZipRoute(
      new Request("http://test/zip", { method: "POST", headers: ZIP, body: new TextEncoder().encode("no zip") }),
      params(prototypeId),
    );
    expect(bad.status).toBe(400);
  });

  it("relabels, merges and deletes classes and images; a foreign user gets 404 from the routes", async () => {
    const ws = owner.workspace.id;
    const detail = await owner.caller.prototypes.get({ workspaceId: ws, prototypeId });
    const birds = detail.classes.find((c) => c.name === "birds")!;
    const dogs = detail.classes.find((c) => c.name === "dogs")!;
    const birdImages = await owner.caller.prototypes.images({ workspaceId: ws, prototypeId, classId: birds.id });
    await owner.caller.prototypes.relabelImages({
      workspaceId: ws,
      prototypeId,
      imageIds: birdImages.items.map((i) => i.id),
      classId: dogs.id,
    });
    expect((await owner.caller.prototypes.images({ workspaceId: ws, prototypeId, classId: dogs.id })).items).toHaveLength(3);
    await owner.caller.prototypes.addClass({ workspaceId: ws, prototypeId, name: "puppies" });
    const puppies = (await owner.caller.prototypes.get({ workspaceId: ws, prototypeId })).classes.find((c) => c.name === "puppies")!;
    await owner.caller.prototypes.mergeClasses({ workspaceId: ws, prototypeId, sourceId: dogs.id, targetId: puppies.id });
    await owner.caller.prototypes.deleteClass({ workspaceId: ws, prototypeId, classId: birds.id });
    const after = await owner.caller.prototypes.get({ workspaceId: ws, prototypeId });
    expect(after.classes.map((c) => [c.name, c.imageCount])).toEqual([
      ["cats", 1],
      ["puppies", 3],
    ]);
    await expect(owner.caller.prototypes.deleteClass({ workspaceId: ws, prototypeId, classId: puppies.id })).rejects.toThrow(/two classes/);
    const one = (await owner.caller.prototypes.images({ workspaceId: ws, prototypeId, classId: puppies.id })).items[0]!;
    await owner.caller.prototypes.deleteImages({ workspaceId: ws, prototypeId, imageIds: [one.id] });

    const stranger = await createUser({ name: "Stranger" });
    sessionUser = stranger.user;
    const res = await postFiles(prototypeId, classes[0]!.id, [{ name: "x.jpg", data: await jpeg("#fff") }]);
    expect(res.status).toBe(404);
    sessionUser = owner.user;
  });
});
