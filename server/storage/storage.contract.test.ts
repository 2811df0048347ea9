import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startS3rver } from "@/server/test/s3rver";
import { LocalDiskStorage } from "./local-disk";
import { deletePrefix, InvalidKeyError, ObjectNotFoundError, readObject, type ObjectStorage } from "./object-storage";

/**
 * One contract, every implementation that can run here: local disk, and the S3 implementation
 * against a real S3-compatible server (s3rver on a random port). Each test gets a fresh namespace
 * (a new folder, or a new key prefix in the bucket).
 */
let s3: Awaited<ReturnType<typeof startS3rver>>;
const folders: string[] = [];
let counter = 0;

beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/**
 * `atomicReplace`: whether the server behind the implementation replaces an object atomically.
 * S3 does (a GET sees one whole version); s3rver, the test server, writes objects in place
 * (lib/stores/filesystem.js: createWriteStream on the object's own path), so concurrent PUTs to
 * one key can interleave there. That one check is skipped against s3rver, not against S3.
 */
const implementations: Array<[string, () => ObjectStorage, { atomicReplace: boolean }]> = [
  [
    "local disk",
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), "vl-storage-"));
      folders.push(dir);
      return new LocalDiskStorage(dir);
    },
    { atomicReplace: true },
  ],
  ["S3 (s3rver)", () => s3.storage(`contract-${++counter}/`), { atomicReplace: false }],
];

async function keysUnder(storage: ObjectStorage, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage.list(prefix)) keys.push(object.key);
  return keys.sort();
}

/** `total` bytes made 64 KB at a time as the consumer pulls: nothing holds the whole object. */
function generated(total: number, seed: number): { stream: Readable; sha256: () => string; produced: () => number } {
  const hash = createHash("sha256");
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= total) return void this.push(null);
      const size = Math.min(64 * 1024, total - produced);
      const chunk = Buffer.alloc(size, (seed + produced / 65536) % 251);
      hash.update(chunk);
      produced += size;
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest("hex"), produced: () => produced };
}

describe.each(implementations)("ObjectStorage contract: %s", (_name, make, server) => {
  it("gives back exactly the bytes it was given, with size and content type", async () => {
    const storage = make();
    const bytes = randomBytes(10_000);
    await storage.put("uploads/ws/p/abc.webp", bytes);
    const read = await storage.get("uploads/ws/p/abc.webp");
    expect(read.size).toBe(10_000);
    expect(read.contentType).toBe("image/webp");
    const chunks: Buffer[] = [];
    for await (const chunk of read.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    const head = await storage.head("uploads/ws/p/abc.webp");
    expect(head).toMatchObject({ key: "uploads/ws/p/abc.webp", size: 10_000 });
    expect(Math.abs(head!.modifiedAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    // A second put replaces the object.
    await storage.put("uploads/ws/p/abc.webp", Buffer.from("second"));
    expect((await readObject(storage, "uploads/ws/p/abc.webp")).toString()).toBe("second");
  });

  it("streams a large object in and out without holding it whole", async () => {
    const storage = make();
    const size = 12 * 1024 * 1024 + 123;
    const source = generated(size, 7);
    await storage.put("models/run1/export.zip", source.stream);
    expect(source.produced()).toBe(size);
    const expected = source.sha256();

    const read = await storage.get("models/run1/export.zip");
    expect(read.size).toBe(size);
    expect(read.contentType).toBe("application/zip");
    const hash = createHash("sha256");
    let received = 0;
    let largestChunk = 0;
    for await (const chunk of read.body) {
      const buffer = chunk as Buffer;
      largestChunk = Math.max(largestChunk, buffer.length);
      received += buffer.length;
      hash.update(buffer);
    }
    expect(received).toBe(size);
    expect(hash.digest("hex")).toBe(expected);
    // Delivered in pieces as it arrives, not as one 12 MB buffer.
    expect(largestChunk).toBeLessThan(2 * 1024 * 1024);
  });

  it("reports a missing key as ObjectNotFoundError, null from head, and a no-op delete", async () => {
    const storage = make();
    await expect(storage.get("uploads/none/here.jpg")).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.get("uploads/none/here.jpg")).rejects.toMatchObject({ key: "uploads/none/here.jpg" });
    expect(await storage.head("uploads/none/here.jpg")).toBeNull();
    await expect(storage.delete("uploads/none/here.jpg")).resolves.toBeUndefined();
    await expect(readObject(storage, "uploads/none/here.jpg")).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it("deletes an object and only that object", async () => {
    const storage = make();
    await storage.put("uploads/w/p/a.jpg", Buffer.from("a"));
    await storage.put("uploads/w/p/b.jpg", Buffer.from("b"));
    await storage.delete("uploads/w/p/a.jpg");
    expect(await storage.head("uploads/w/p/a.jpg")).toBeNull();
    await expect(storage.get("uploads/w/p/a.jpg")).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect((await readObject(storage, "uploads/w/p/b.jpg")).toString()).toBe("b");
    // The folder the last object leaves is no obstacle to writing there again.
    await storage.delete("uploads/w/p/b.jpg");
    expect(await keysUnder(storage, "uploads/")).toEqual([]);
    await storage.put("uploads/w/p/c.jpg", Buffer.from("c"));
    expect(await keysUnder(storage, "uploads/")).toEqual(["uploads/w/p/c.jpg"]);
  });

  it("lists by prefix, at any depth, with sizes", async () => {
    const storage = make();
    const objects = {
      "uploads/a/1.jpg": "1",
      "uploads/a/2.jpg": "22",
      "uploads/a/b/3.jpg": "333",
      "uploads/ab/4.jpg": "4444",
      "models/r/export.zip": "z",
    };
    await Promise.all(Object.entries(objects).map(([key, text]) => storage.put(key, Buffer.from(text))));
    expect(await keysUnder(storage, "uploads/a/")).toEqual(["uploads/a/1.jpg", "uploads/a/2.jpg", "uploads/a/b/3.jpg"]);
    expect(await keysUnder(storage, "uploads/a")).toEqual(["uploads/a/1.jpg", "uploads/a/2.jpg", "uploads/a/b/3.jpg", "uploads/ab/4.jpg"]);
    expect(await keysUnder(storage, "uploads/a/b/")).toEqual(["uploads/a/b/3.jpg"]);
    expect(await keysUnder(storage, "nothing/")).toEqual([]);
    expect((await keysUnder(storage, "")).length).toBe(5);
    const sizes: Record<string, number> = {};
    for await (const o of storage.list("uploads/")) sizes[o.key] = o.size;
    expect(sizes).toEqual({ "uploads/a/1.jpg": 1, "uploads/a/2.jpg": 2, "uploads/a/b/3.jpg": 3, "uploads/ab/4.jpg": 4 });
    expect(await deletePrefix(storage, "uploads/a/")).toBe(3);
    expect(await keysUnder(storage, "")).toEqual(["models/r/export.zip", "uploads/ab/4.jpg"]);
  });

  it("takes concurrent writes to distinct keys: all land, none lost to another's folder handling", async () => {
    const storage = make();
    await Promise.all(Array.from({ length: 24 }, (_, i) => storage.put(`uploads/c/p/${i}.png`, Buffer.from(`image ${i}`))));
    expect((await keysUnder(storage, "uploads/c/")).length).toBe(24);
    expect((await readObject(storage, "uploads/c/p/17.png")).toString()).toBe("image 17");
    // Deleting and writing the same folder at once: no write is lost to the folder's removal.
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => storage.delete(`uploads/c/p/${i}.png`)),
      ...Array.from({ length: 12 }, (_, i) => storage.put(`uploads/c/p/new-${i}.png`, Buffer.from("n"))),
    ]);
    expect((await keysUnder(storage, "uploads/c/p/")).filter((k) => k.includes("new-")).length).toBe(12);
  });

  it.skipIf(!server.atomicReplace)("ends concurrent writes to one key as exactly one writer's bytes", async () => {
    const storage = make();
    const versions = Array.from({ length: 8 }, (_, i) => Buffer.alloc(256 * 1024, i + 1));
    await Promise.all(versions.map((v) => storage.put("uploads/c/same.jpg", v)));
    const final = await readObject(storage, "uploads/c/same.jpg");
    expect(versions.some((v) => v.equals(final))).toBe(true);
  });

  it("deletes everything under a prefix (in batches where the store has them), missing keys included", async () => {
    const storage = make();
    await Promise.all(Array.from({ length: 25 }, (_, i) => storage.put(`uploads/ws9/p/${i}.jpg`, Buffer.from("x"))));
    await storage.put("uploads/ws10/p/keep.jpg", Buffer.from("k"));
    await storage.deleteMany?.(["uploads/ws9/p/0.jpg", "uploads/ws9/p/missing.jpg"]);
    expect(await deletePrefix(storage, "uploads/ws9/")).toBe(storage.deleteMany ? 24 : 25);
    expect(await keysUnder(storage, "uploads/")).toEqual(["uploads/ws10/p/keep.jpg"]);
  });

  it("refuses keys that could escape or are not portable", async () => {
    const storage = make();
    const bad = [
      "../escape.jpg",
      "uploads/../../etc/passwd",
      "/etc/passwd",
      "",
      "uploads//x.jpg",
      "uploads/./x.jpg",
      ".hidden",
      "a\\b.jpg",
      "a b.jpg",
      "uploads/x/",
    ];
    for (const key of bad) {
      await expect(storage.put(key, Buffer.from("x")), key).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.get(key), key).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.head(key), key).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.delete(key), key).rejects.toBeInstanceOf(InvalidKeyError);
    }
    await expect(keysUnder(storage, "../")).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(keysUnder(storage, "/uploads/")).rejects.toBeInstanceOf(InvalidKeyError);
    expect(await keysUnder(storage, "")).toEqual([]);
  });
});

describe("LocalDiskStorage layout", () => {
  it("keeps the data folder's layout from before object storage, so existing installs need no migration", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vl-storage-"));
    folders.push(dir);
    const storage = new LocalDiskStorage(dir);
    await storage.put("uploads/ws1/p1/hash.webp", Buffer.from("img"));
    expect(readFileSync(path.join(dir, "uploads", "ws1", "p1", "hash.webp"), "utf8")).toBe("img");
    expect(storage.localPath("uploads/ws1/p1/hash.webp")).toBe(path.join(dir, "uploads", "ws1", "p1", "hash.webp"));
    // Deleting the last object leaves no empty folders behind (as a bucket would not).
    await storage.delete("uploads/ws1/p1/hash.webp");
    expect(existsSync(path.join(dir, "uploads"))).toBe(false);
    expect(existsSync(dir)).toBe(true);
  });
});

describe("storage errors across bundles", () => {
  it("recognises a not-found error thrown by another copy of the module (Next bundles it into several chunks)", async () => {
    vi.resetModules();
    const copy = await import("./object-storage");
    expect(copy.ObjectNotFoundError).not.toBe(ObjectNotFoundError);
    const err = new copy.ObjectNotFoundError("uploads/x.jpg");
    expect(err instanceof ObjectNotFoundError).toBe(true);
    expect(new copy.InvalidKeyError("../x", "bad") instanceof InvalidKeyError).toBe(true);
    expect(new Error("other") instanceof ObjectNotFoundError).toBe(false);
    expect(err instanceof InvalidKeyError).toBe(false);
  });
});
