import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { noisyPng, solidJpeg } from "./test-images";
import { buildZip } from "./test-zip";
import {
  readClassFolderZip,
  readImageZip,
  ZipArchiveError,
  type ZipEntryResult,
  type ZipImageResult,
  type ZipLimits,
  type ZipSource,
} from "./zip";

async function collect(source: ZipSource, limits: Partial<ZipLimits> = {}): Promise<ZipEntryResult[]> {
  const results: ZipEntryResult[] = [];
  for await (const result of readClassFolderZip(source, limits)) results.push(result);
  return results;
}

function byPath(results: ZipEntryResult[]) {
  return Object.fromEntries(results.map((r) => [r.path, r]));
}

const tmpDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tmpDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("readClassFolderZip", () => {
  it("takes one folder per class from an archive made by an ordinary zip tool, read from disk", async () => {
    const cat1 = await solidJpeg(20, 20, "#aa0000");
    const cat2 = await noisyPng(20, 20);
    const dog = await solidJpeg(20, 20, "#00aa00");
    const zip = new JSZip();
    zip.file("cats/one.jpg", cat1);
    zip.file("cats/two.png", cat2);
    zip.file("dogs/puppy.jpg", dog);
    const dir = await mkdtemp(path.join(os.tmpdir(), "vl-zip-"));
    tmpDirs.push(dir);
    const file = path.join(dir, "upload.zip");
    await writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));

    const accepted = (await collect({ path: file })).filter((r) => r.status === "accepted");
    expect(accepted.map((r) => [r.path, r.className, r.fileName])).toEqual([
      ["cats/one.jpg", "cats", "one.jpg"],
      ["cats/two.png", "cats", "two.png"],
      ["dogs/puppy.jpg", "dogs", "puppy.jpg"],
    ]);
    expect(accepted.map((r) => r.data)).toEqual([cat1, cat2, dog]);
  });

  it("tolerates one enclosing folder, but a lone class folder stays the class", async () => {
    const img = await solidJpeg(8, 8);
    const wrapped = await collect({
      buffer: buildZip([
        { name: "photos/", data: undefined },
        { name: "photos/cats/a.jpg", data: img },
        { name: "photos/dogs/b.jpg", data: img },
        { name: "photos/dogs/2023/c.jpg", data: img },
      ]),
    });
    expect(wrapped.map((r) => (r.status === "accepted" ? r.className : r.status))).toEqual(["cats", "dogs", "dogs"]);
    const single = await collect({
      buffer: buildZip([
        { name: "cats/a.jpg", data: img },
        { name: "cats/b.jpg", data: img },
      ]),
    });
    expect(single.map((r) => (r.status === "accepted" ? r.className : r.status))).toEqual(["cats", "cats"]);
  });

  it("refuses hostile and misplaced entries one by one and still takes the good ones", async () => {
    const img = await solidJpeg(8, 8);
    const results = await collect({
      buffer: buildZip([
        { name: "cats/good1.jpg", data: img },
        { name: "../evil.jpg", data: img },
        { name: "cats/../../evil2.jpg", data: img },
        { name: "/etc/evil3.jpg", data: img },
        { name: "C:\\Windows\\evil4.jpg", data: img },
        { name: "cats/link.jpg", data: Buffer.from("/etc/passwd"), unixMode: 0o120777 },
        { name: "cats/fifo", data: Buffer.alloc(0), unixMode: 0o010644 },
        { name: "cats/more.zip", data: buildZip([{ name: "x/y.jpg", data: img }]) },
        { name: "__MACOSX/cats/._good1.jpg", data: Buffer.from("resource fork") },
        { name: "cats/.DS_Store", data: Buffer.from("finder") },
        { name: "loose.jpg", data: img },
        { name: "birds/" },
        { name: "dogs/good2.jpg", data: img, method: "deflate" },
      ]),
    });
    const r = byPath(results);
    expect(results.filter((x) => x.status === "accepted").map((x) => x.path)).toEqual(["cats/good1.jpg", "dogs/good2.jpg"]);
    expect(r["../evil.jpg"]).toMatchObject({ status: "rejected", reason: "unsafePath" });
    expect(r["cats/../../evil2.jpg"]).toMatchObject({ status: "rejected", reason: "unsafePath" });
    expect(r["/etc/evil3.jpg"]).toMatchObject({ status: "rejected", reason: "unsafePath", message: expect.stringMatching(/absolute/i) });
    expect(r["C:/Windows/evil4.jpg"]).toMatchObject({ status: "rejected", reason: "unsafePath" });
    expect(r["cats/link.jpg"]).toMatchObject({ status: "rejected", reason: "link" });
    expect(r["cats/fifo"]).toMatchObject({ status: "rejected", reason: "notARegularFile" });
    expect(r["cats/more.zip"]).toMatchObject({ status: "skipped", reason: "nestedArchive", message: expect.stringMatching(/not opened/) });
    expect(r["__MACOSX/cats/._good1.jpg"]).toMatchObject({ status: "skipped", reason: "systemFile" });
    expect(r["cats/.DS_Store"]).toMatchObject({ status: "skipped", reason: "systemFile" });
    expect(r["loose.jpg"]).toMatchObject({ status: "rejected", reason: "noClassFolder" });
    expect(r["birds/"]).toMatchObject({ status: "skipped", reason: "emptyFolder", message: expect.stringContaining("birds") });
    // Every entry appears in the report exactly once (the empty folder as a notice at the end).
    expect(new Set(results.map((x) => x.path)).size).toBe(13);
    expect(results).toHaveLength(13);
  });

  it("refuses names with control or text-direction characters, also when a non-UTF-8 name hides them", async () => {
    const img = await solidJpeg(8, 8);
    const results = await collect({
      buffer: buildZip([
        { name: "cats/good.jpg", data: img },
        { name: "cats/photo\u202Egpj.exe", data: img },
        { name: "\u2067dogs/a.jpg", data: img },
        { name: "cats/bell\u0085.jpg", data: img },
        { name: "legacy", legacyName: Buffer.from("cats/tab\x09name.jpg", "latin1"), data: img },
        { name: "legacy2", legacyName: Buffer.from("cats/caf\x82.jpg", "latin1"), data: img },
      ]),
    });
    const statuses = results.map((r) => [r.path, r.status, r.status === "rejected" ? r.reason : undefined]);
    expect(statuses).toEqual([
      ["cats/good.jpg", "accepted", undefined],
      ["cats/photo\u202Egpj.exe", "rejected", "unsafePath"],
      ["\u2067dogs/a.jpg", "rejected", "unsafePath"],
      ["cats/bell\u0085.jpg", "rejected", "unsafePath"],
      ["cats/tab○name.jpg", "rejected", "unsafePath"],
      // CP437 0x82 is "é": an ordinary accented name still goes through.
      ["cats/café.jpg", "accepted", undefined],
    ]);
  });

  it("checks sizes before inflating and catches entries that inflate past their declared size", async () => {
    const zeros = Buffer.alloc(2 * 1024 * 1024);
    const img = await solidJpeg(8, 8);
    const results = byPath(
      await collect(
        {
          buffer: buildZip([
            // An honest bomb: 2 MB of zeros in ~2 KB, over the per-file limit, refused from the directory alone.
            { name: "cats/honest-bomb.jpg", data: zeros, method: "deflate" },
            // A lying bomb: claims 1 KB, inflates to 2 MB.
            { name: "cats/lying-bomb.jpg", data: zeros, method: "deflate", declaredSize: 1024 },
            // Claims more than it holds.
            { name: "cats/short.jpg", data: img, method: "deflate", declaredSize: img.length + 100 },
            { name: "cats/bad-crc.jpg", data: img, crc: 12345 },
            { name: "cats/locked.jpg", data: img, encrypted: true },
            { name: "cats/lzma.jpg", data: img, methodNumber: 14 },
            { name: "cats/fine.jpg", data: img },
          ]),
        },
        { maxEntryBytes: 1024 * 1024 },
      ),
    );
    expect(results["cats/honest-bomb.jpg"]).toMatchObject({ status: "rejected", reason: "tooLarge" });
    expect(results["cats/lying-bomb.jpg"]).toMatchObject({ status: "rejected", reason: "sizeMismatch" });
    expect(results["cats/short.jpg"]).toMatchObject({ status: "rejected", reason: "corrupt" });
    expect(results["cats/bad-crc.jpg"]).toMatchObject({ status: "rejected", reason: "corrupt" });
    expect(results["cats/locked.jpg"]).toMatchObject({ status: "rejected", reason: "encrypted" });
    expect(results["cats/lzma.jpg"]).toMatchObject({ status: "rejected", reason: "unsupportedCompression" });
    expect(results["cats/fine.jpg"]).toMatchObject({ status: "accepted", className: "cats" });
  });

  it("stops taking files once the archive's total reaches the limit", async () => {
    const block = Buffer.alloc(1000, 7);
    const names = ["a/1.jpg", "a/2.jpg", "a/3.jpg", "b/4.jpg"];
    const results = await collect({ buffer: buildZip(names.map((name) => ({ name, data: block }))) }, { maxTotalBytes: 2500 });
    expect(results.map((r) => (r.status === "rejected" ? r.reason : r.status))).toEqual([
      "accepted",
      "accepted",
      "totalTooLarge",
      "totalTooLarge",
    ]);
  });

  it("refuses whole archives that are too big, too crowded, or not archives", async () => {
    const img = await solidJpeg(8, 8);
    const zip = buildZip([
      { name: "a/1.jpg", data: img },
      { name: "a/2.jpg", data: img },
      { name: "a/3.jpg", data: img },
    ]);
    const reasonOf = async (source: ZipSource, limits: Partial<ZipLimits> = {}) => {
      try {
        await collect(source, limits);
        return "read";
      } catch (err) {
        return err instanceof ZipArchiveError ? err.reason : String(err);
      }
    };
    expect(await reasonOf({ buffer: zip }, { maxEntries: 2 })).toBe("tooManyEntries");
    expect(await reasonOf({ buffer: zip }, { maxArchiveBytes: zip.length - 1 })).toBe("tooLarge");
    expect(await reasonOf({ buffer: Buffer.from("not a zip at all, just text") })).toBe("notAZip");
    expect(await reasonOf({ buffer: Buffer.alloc(0) })).toBe("notAZip");
    expect(await reasonOf({ buffer: zip })).toBe("read");
  });
});

describe("readImageZip (no class folders)", () => {
  async function collectImages(source: ZipSource, limits: Partial<ZipLimits> = {}) {
    const results: ZipImageResult[] = [];
    for await (const result of readImageZip(source, limits)) results.push(result);
    return results;
  }

  it("takes images at the top level and in any folder, named by their path, with the same refusals as uploads", async () => {
    const photo = await solidJpeg(20, 20, "#aa0000");
    const zip = buildZip([
      { name: "a.jpg", data: photo },
      { name: "batch/b.jpg", data: photo },
      { name: "__MACOSX/._a.jpg", data: Buffer.from("resource fork") },
      { name: "../escape.jpg", data: photo },
      { name: "inner.zip", data: Buffer.from("PK") },
    ]);
    const results = await collectImages({ buffer: zip });
    expect(results.map((r) => [r.path, r.status])).toEqual([
      ["a.jpg", "accepted"],
      ["batch/b.jpg", "accepted"],
      ["__MACOSX/._a.jpg", "skipped"],
      ["../escape.jpg", "rejected"],
      ["inner.zip", "skipped"],
    ]);
    const accepted = results.filter((r) => r.status === "accepted");
    expect(accepted.map((r) => r.fileName)).toEqual(["a.jpg", "b.jpg"]);
    expect(accepted[0]!.data.equals(photo)).toBe(true);
  });

  it("refuses a file whose declared size is too many times its stored size, before inflating it", async () => {
    const bomb = Buffer.alloc(1024 * 1024, 0);
    const photo = await noisyPng(32, 32);
    const zip = buildZip([
      { name: "zeros.tif", data: bomb, method: "deflate" },
      { name: "photo.png", data: photo, method: "deflate" },
    ]);
    const results = await collectImages({ buffer: zip }, { maxCompressionRatio: 100 });
    expect(results.map((r) => [r.path, r.status, r.status === "rejected" ? r.reason : null])).toEqual([
      ["zeros.tif", "rejected", "compressionRatio"],
      ["photo.png", "accepted", null],
    ]);
    // Uploads keep the old behaviour unless they ask for the bound.
    expect((await collect({ buffer: buildZip([{ name: "a/zeros.tif", data: bomb, method: "deflate" }]) }))[0]!.status).toBe("accepted");
  });
});
