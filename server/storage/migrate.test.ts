import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3rver } from "@/server/test/s3rver";
import { LocalDiskStorage } from "./local-disk";
import { migrateStorage } from "./migrate";
import { readObject, type ObjectStorage } from "./object-storage";
import { APP_PREFIXES } from "./keys";

let s3: Awaited<ReturnType<typeof startS3rver>>;
let dataDir: string;
const files: Record<string, Buffer> = {
  "uploads/ws1/p1/aaa.webp": randomBytes(30_000),
  "uploads/ws1/p1/aaa.webp.thumb.jpg": randomBytes(4_000),
  "uploads/ws2/p9/bbb.jpg": randomBytes(7 * 1024 * 1024),
  "models/run1/export.zip": randomBytes(200_000),
};

beforeAll(async () => {
  s3 = await startS3rver();
  dataDir = mkdtempSync(path.join(tmpdir(), "vl-migrate-"));
  for (const [key, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dataDir, key)), { recursive: true });
    writeFileSync(path.join(dataDir, key), bytes);
  }
  // The rest of a data folder is not file storage and stays behind.
  mkdirSync(path.join(dataDir, "db"), { recursive: true });
  writeFileSync(path.join(dataDir, "db", "PG_VERSION"), "18");
  writeFileSync(path.join(dataDir, "secrets.json"), "{}");
});
afterAll(async () => {
  await s3?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function allKeys(storage: ObjectStorage) {
  const keys: string[] = [];
  for await (const o of storage.list("")) keys.push(o.key);
  return keys.sort();
}

/** A target whose writes lose a byte: what verification by hash is there to catch. */
function corrupting(target: ObjectStorage): ObjectStorage {
  return Object.assign(Object.create(Object.getPrototypeOf(target) as object) as ObjectStorage, target, {
    put: async (key: string, body: Uint8Array | Readable) => {
      const bytes = body instanceof Readable ? Buffer.concat(await body.toArray()) : Buffer.from(body);
      bytes[0] = bytes[0]! ^ 0xff;
      await target.put(key, bytes);
    },
  });
}

describe("migrating a local data folder into a bucket", () => {
  it("copies uploads and models, verifies each by hash, and skips what is already there on a re-run", async () => {
    const source = new LocalDiskStorage(dataDir);
    const target = s3.storage("migrate-a/");
    const first = await migrateStorage(source, target, { prefixes: APP_PREFIXES });
    const bytes = Object.values(files).reduce((n, b) => n + b.length, 0);
    expect(first).toEqual({ objects: 4, copied: 4, unchanged: 0, bytes, mismatches: [] });
    expect(await allKeys(target)).toEqual(Object.keys(files).sort());
    for (const [key, content] of Object.entries(files)) expect((await readObject(target, key)).equals(content)).toBe(true);

    const again = await migrateStorage(source, target, { prefixes: APP_PREFIXES });
    expect(again).toEqual({ objects: 4, copied: 0, unchanged: 4, bytes, mismatches: [] });

    // A target object that differs (same size, other bytes) is copied again, not trusted.
    await target.put("models/run1/export.zip", randomBytes(200_000));
    const repaired = await migrateStorage(source, target, { prefixes: APP_PREFIXES });
    expect(repaired).toMatchObject({ copied: 1, unchanged: 3, mismatches: [] });
    expect((await readObject(target, "models/run1/export.zip")).equals(files["models/run1/export.zip"]!)).toBe(true);
  });

  it("reports every object whose copy does not verify", async () => {
    const report = await migrateStorage(new LocalDiskStorage(dataDir), corrupting(s3.storage("migrate-b/")), { prefixes: APP_PREFIXES });
    expect(report.mismatches).toEqual(Object.keys(files).sort());
    expect(report.copied).toBe(0);
  });

  it("npm run storage:migrate prints the counts and exits 0, and refuses without an S3 target", async () => {
    // Asynchronous: s3rver runs in this process and must keep answering while the script runs.
    const run = (extra: Record<string, string>) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const env = { ...process.env, VL_DATA_DIR: dataDir, NEXTAUTH_SECRET: "migrate-test-secret-0123456789abcdef", ...extra };
        execFile("npx", ["tsx", "scripts/storage-migrate.ts", "--from", dataDir], { env, timeout: 120_000 }, (err, stdout, stderr) =>
          resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const s = s3.settings;
    const ok = await run({
      STORAGE_DRIVER: "s3",
      S3_BUCKET: s.bucket,
      S3_ENDPOINT: s.endpoint,
      S3_REGION: s.region,
      S3_ACCESS_KEY_ID: s.accessKeyId,
      S3_SECRET_ACCESS_KEY: s.secretAccessKey,
      S3_FORCE_PATH_STYLE: "1",
      S3_KEY_PREFIX: "migrate-cli/",
    });
    expect(ok.stdout).toContain("4 objects");
    expect(ok.stdout).toContain("4 copied, 0 already there, 0 mismatches");
    expect(ok.status).toBe(0);
    expect(await allKeys(s3.storage("migrate-cli/"))).toEqual(Object.keys(files).sort());

    const local = await run({ STORAGE_DRIVER: "local" });
    expect(local.status).toBe(2);
    expect(local.stderr).toContain("STORAGE_DRIVER=s3");
  });
});
