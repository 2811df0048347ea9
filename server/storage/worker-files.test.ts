import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3rver } from "@/server/test/s3rver";
import { LocalDiskStorage } from "./local-disk";
import { imageSources, localFiles } from "./worker-files";

let s3: Awaited<ReturnType<typeof startS3rver>>;
let dir: string;
beforeAll(async () => {
  s3 = await startS3rver();
  dir = mkdtempSync(path.join(tmpdir(), "vl-worker-files-"));
});
afterAll(async () => {
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const objects = Array.from({ length: 20 }, (_, i) => ({
  id: `img${i}`,
  key: `uploads/w/p/${i}.jpg`,
  bytes: Buffer.from(`image number ${i}`),
}));
const missing = { id: "gone", key: "uploads/w/p/gone.jpg" };

describe("image files for training threads, from any storage", () => {
  it("S3: yields each image's bytes in order, reading ahead; a missing object yields empty bytes", async () => {
    const storage = s3.storage("worker-files/");
    await Promise.all(objects.map((o) => storage.put(o.key, o.bytes)));
    const out: Array<{ id: string; data?: Uint8Array; path?: string }> = [];
    for await (const source of imageSources(storage, [...objects.slice(0, 10), missing, ...objects.slice(10)])) out.push(source);
    expect(out.map((o) => o.id)).toEqual([...objects.slice(0, 10).map((o) => o.id), "gone", ...objects.slice(10).map((o) => o.id)]);
    expect(Buffer.from(out[3]!.data!).toString()).toBe("image number 3");
    expect(out[10]!.data!.length).toBe(0);
  });

  it("S3: copies objects to a scratch folder for threads that open files, and removes it after", async () => {
    const storage = s3.storage("worker-files/");
    const files = await localFiles(storage, [objects[0]!.key, missing.key, objects[5]!.key]);
    expect(readFileSync(files.paths[0]!, "utf8")).toBe("image number 0");
    expect(existsSync(files.paths[1]!)).toBe(false);
    expect(readFileSync(files.paths[2]!, "utf8")).toBe("image number 5");
    await files.cleanup();
    expect(existsSync(path.dirname(files.paths[0]!))).toBe(false);
  });

  it("local disk: hands out the files' own paths, copying nothing", async () => {
    const storage = new LocalDiskStorage(dir);
    await storage.put(objects[1]!.key, objects[1]!.bytes);
    const files = await localFiles(storage, [objects[1]!.key]);
    expect(files.paths).toEqual([path.join(dir, objects[1]!.key)]);
    await files.cleanup();
    expect(readFileSync(files.paths[0]!, "utf8")).toBe("image number 1");
    const sources = [];
    for await (const s of imageSources(storage, [{ id: "a", key: objects[1]!.key }])) sources.push(s);
    expect(sources).toEqual([{ id: "a", path: path.join(dir, objects[1]!.key) }]);
  });
});
