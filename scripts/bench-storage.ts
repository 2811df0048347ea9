// npm run bench:storage [-- --images 100 --size 256]
// The storage layer under the upload and training paths, local disk against the S3 implementation
// on s3rver (a real S3-compatible server in this process, objects in a temporary folder):
// writing N normalised images one after another (as an upload does), reading them all back as a
// training run does from a bucket (8 reads in flight), listing them (the start-up sweep) and deleting
// them. Prints figures; asserts nothing. s3rver is a test server, not a production store: the S3
// figures show the implementation's own cost over HTTP on loopback, not what AWS or MinIO give.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { renderSurface, SURFACE_CLASSES } from "@/ml/data/surfaces";
import { LocalDiskStorage, readObject, type ObjectStorage } from "@/server/storage";
import { startS3rver } from "@/server/test/s3rver";

const { values } = parseArgs({ options: { images: { type: "string", default: "100" }, size: { type: "string", default: "256" } } });
const count = Number(values.images);
const size = Number(values.size);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function bench(name: string, storage: ObjectStorage, images: Buffer[]) {
  const keys = images.map((_, i) => `uploads/benchworkspace000000001/benchprototype00000001/${String(i).padStart(64, "0")}.jpg`);
  const put = await timed(async () => {
    for (let i = 0; i < images.length; i++) await storage.put(keys[i]!, images[i]!);
  });
  // Every image's bytes, 8 reads in flight (as embedding extraction reads from a bucket; on local
  // disk the training threads would open the files themselves, which this does not show).
  let bytes = 0;
  const read = await timed(async () => {
    for (let i = 0; i < keys.length; i += 8) {
      const batch = await Promise.all(keys.slice(i, i + 8).map((k) => readObject(storage, k)));
      bytes += batch.reduce((n, b) => n + b.length, 0);
    }
  });
  let listed = 0;
  const list = await timed(async () => {
    for await (const _ of storage.list("uploads/")) listed++;
  });
  const del = await timed(() => Promise.all(keys.map((k) => storage.delete(k))));
  const perImage = (ms: number) => (ms / images.length).toFixed(2);
  console.log(
    `| ${name} | ${put.toFixed(0)} (${perImage(put)}/image) | ${read.toFixed(0)} (${perImage(read)}/image) | ${list.toFixed(0)} (${listed} keys) | ${del.toFixed(0)} | ${(bytes / 1024 / 1024).toFixed(1)} MB |`,
  );
}

async function main() {
  // Images as uploads store them: JPEG re-encodes of photo-like pictures.
  const images = await Promise.all(
    Array.from({ length: count }, async (_, i) =>
      sharp(await renderSurface(SURFACE_CLASSES[i % 3]!, 9000 + i, size))
        .jpeg({ quality: 90 })
        .toBuffer(),
    ),
  );
  console.log(
    `${count} images of ${size}×${size} px, ${(images.reduce((n, b) => n + b.length, 0) / count / 1024).toFixed(1)} KB each on average`,
  );
  console.log(
    `node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  console.log("| storage | write N, one by one (ms) | read N, 8 in flight (ms) | list (ms) | delete N, parallel (ms) | read |");
  console.log("|---|---:|---:|---:|---:|---:|");
  const dir = mkdtempSync(path.join(os.tmpdir(), "vl-bench-storage-"));
  const s3 = await startS3rver();
  try {
    for (let round = 0; round < 2; round++) {
      await bench(`local disk (round ${round + 1})`, new LocalDiskStorage(dir), images);
      await bench(`S3 on s3rver (round ${round + 1})`, s3.storage(`bench-${round}/`), images);
    }
  } finally {
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
