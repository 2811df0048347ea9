// npm run bench:storage [-- --images 100 --size 256]
// npm run bench:storage -- --runs [--grow 10x30,10x150]: what a finished training run stores, instead (below).
// The storage layer under the upload and training paths, local disk against the S3 implementation
// on s3rver (a real S3-compatible server in this process, objects in a temporary folder):
// writing N normalised images one after another (as an upload does), reading them all back as a
// training run does from a bucket (8 reads in flight), listing them (the start-up sweep) and deleting
// them. Prints figures; asserts nothing. s3rver is a test server, not a production store: the S3
// figures show the implementation's own cost over HTTP on loopback, not what AWS or MinIO give.
//
// --runs: the bytes a finished training run leaves, by kind, measured on real runs. An embedded
// database and a local folder in a temporary directory; the demo workspace seeded as the app seeds
// it (3 classes × 24 generated images, its queued run with the default settings; then the same images
// in quick mode, whose MLP head is the largest model a run answers with), then one larger
// prototype per --grow CLASSESxIMAGES (generated images through the upload path, default settings);
// each run trained by the app's run worker on the default backbone. Prints, per run, the objects
// under models/<runId>/ (export.zip by part, compressed in the zip and unpacked; the
// out-of-distribution file and its rows) and the embeddings the runs left in the database.
import "./lib/bench-scratch-env";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { renderSurface, SURFACE_CLASSES } from "@/ml/data/surfaces";
import { LocalDiskStorage, readObject, type ObjectStorage } from "@/server/storage";
import { startS3rver } from "@/server/test/s3rver";

const { values } = parseArgs({
  options: {
    images: { type: "string", default: "100" },
    size: { type: "string", default: "256" },
    runs: { type: "boolean", default: false },
    grow: { type: "string", default: "10x30,10x150" },
  },
});
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
  if (values.runs) return runStorage();
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

const kib = (bytes: number) => `${(bytes / 1024).toLocaleString("en-GB", { maximumFractionDigits: 1 })} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

/** --runs: see the header. Uses the app's own modules, imported after the scratch environment is set. */
async function runStorage() {
  const { scratchDataDir } = await import("./lib/bench-scratch-env");
  const { env } = await import("@/server/env");
  const { startEmbeddedDatabase } = await import("@/server/db/embedded");
  const { applyMigrations } = await import("@/server/db/migrate");
  const { getDb, disconnectDb, setEmbeddedDatabaseUrl } = await import("@/server/db");
  const { seedDatabase } = await import("@/prisma/seed");
  const { prepareBundledBackbone } = await import("@/server/runtime/ml-services");
  const { createExecuteRun } = await import("@/server/prototypes/training");
  const { createRunWorker } = await import("@/server/prototypes/worker");
  const { createPrototype } = await import("@/server/prototypes/prototypes");
  const { uploadFilesToClass } = await import("@/server/prototypes/uploads");
  const { startRun } = await import("@/server/prototypes/runs");
  const { createWorkspace } = await import("@/server/workspaces/workspaces");
  const { decodeOodReference } = await import("@/ml/metrics/ood");
  const { byExportPart, zipEntries } = await import("./lib/zip-entries");
  const { ZRunMetrics, answeringModel } = await import("@/server/prototypes/run-json");

  const grow = values.grow
    .split(",")
    .filter(Boolean)
    .map((spec) => {
      const m = /^(\d+)x(\d+)$/.exec(spec);
      if (!m || Number(m[1]) < 2 || Number(m[2]) < 5)
        throw new Error(`--grow: "${spec}" is not CLASSESxIMAGES (at least 2 classes of 5 images)`);
      return { classes: Number(m[1]), perClass: Number(m[2]) };
    });
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ");
  console.log(
    `node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, load average ${load()} at the start`,
  );
  console.log(`models folder ${env.modelsDir}; scratch data folder ${scratchDataDir}\n`);

  const embedded = await startEmbeddedDatabase({ dataDir: path.join(scratchDataDir, "db") });
  setEmbeddedDatabaseUrl(embedded.url);
  const files = new LocalDiskStorage(path.join(scratchDataDir, "files"));
  let worker: ReturnType<typeof createRunWorker> | undefined;
  try {
    await applyMigrations(embedded.url, path.join(process.cwd(), "prisma", "migrations"));
    const db = getDb();
    await prepareBundledBackbone(env);
    await seedDatabase(db, { demo: true, storage: files });
    worker = createRunWorker({
      db,
      execute: createExecuteRun({ db, env, storage: files }),
      soleWorker: true,
      pollMs: 250,
      log: () => undefined,
    });
    worker.start();

    const finished = async (runId: string) => {
      const started = Date.now();
      for (;;) {
        const run = await db.trainingRun.findUnique({
          where: { id: runId },
          select: { id: true, status: true, error: true, backboneId: true, metrics: true },
        });
        if (run?.status === "SUCCEEDED") {
          const metrics = ZRunMetrics.parse(run.metrics);
          return { ...run, model: answeringModel(metrics), seconds: (Date.now() - started) / 1000 };
        }
        if (run && (run.status === "FAILED" || run.status === "CANCELLED")) throw new Error(`run ${run.id} ${run.status}: ${run.error}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };

    const report = async (label: string, prototypeId: string, runId: string, images: number) => {
      const run = await finished(runId);
      const objects: Array<{ key: string; size: number }> = [];
      for await (const o of files.list(`models/${run.id}/`)) objects.push({ key: o.key.slice(`models/${run.id}/`.length), size: o.size });
      objects.sort((a, b) => a.key.localeCompare(b.key));
      const total = objects.reduce((n, o) => n + o.size, 0);
      console.log(
        `### ${label}: ${images} images; run ${run.id} (${run.backboneId}; answering model: ${run.model}), done ${run.seconds.toFixed(0)} s after the bench began waiting for it (the worker was running), load average ${load()}`,
      );
      console.log("| object under models/<runId>/ | bytes | |\n|---|---:|---|");
      for (const o of objects) {
        let note = "";
        const bytes = await readObject(files, `models/${run.id}/${o.key}`);
        if (o.key.endsWith(".zip")) note = `${zipEntries(bytes).length} files`;
        if (o.key.startsWith("ood")) {
          const ood = decodeOodReference(bytes);
          // Bytes per stored value, read from the file itself: float16 since the OOD change, float32 before.
          const rows = ood.vectors.length / ood.dim;
          const width = Math.round((bytes.byteLength - bytes.indexOf(10) - 1) / ood.vectors.length);
          note = `${rows} training embeddings × ${ood.dim} ${width === 2 ? "float16" : "float32"} (${kib(ood.dim * width)} each), threshold from ${ood.heldOut} held-out images`;
        }
        console.log(`| ${o.key} | ${o.size.toLocaleString("en-GB")} (${mib(o.size)}) | ${note} |`);
      }
      console.log(`| **total** | **${total.toLocaleString("en-GB")} (${mib(total)})** | |\n`);
      const zip = objects.find((o) => o.key.endsWith(".zip"));
      if (zip) {
        console.log("| export.zip part | files | in the zip | unpacked |\n|---|---:|---:|---:|");
        for (const p of byExportPart(zipEntries(await readObject(files, `models/${run.id}/${zip.key}`))))
          console.log(`| ${p.part} | ${p.files} | ${kib(p.compressed)} | ${kib(p.uncompressed)} |`);
        console.log("");
      }
      const [row] = await db.$queryRaw<Array<{ rows: number; bytes: bigint }>>`
        SELECT count(*)::int AS rows, coalesce(sum(octet_length(e.vector)), 0)::bigint AS bytes
        FROM "EmbeddingCache" e JOIN "Prototype" p ON p."workspaceId" = e."workspaceId" WHERE p.id = ${prototypeId}`;
      console.log(
        `Embeddings in the database for this workspace (one per image and backbone, kept for the next run, not per run): ${row!.rows} rows, ${kib(Number(row!.bytes))} of vectors (${kib(Number(row!.bytes) / Math.max(1, row!.rows))} per image)\n`,
      );
    };

    const demo = await db.prototype.findFirstOrThrow({ select: { id: true, workspaceId: true } });
    const { id: userId } = await db.user.findFirstOrThrow({ select: { id: true } });
    const demoImages = await db.prototypeImage.count({ where: { prototypeId: demo.id } });
    const demoRun = await db.trainingRun.findFirstOrThrow({ where: { prototypeId: demo.id }, select: { id: true } });
    await report("The demo workspace's run (3 classes, default settings)", demo.id, demoRun.id, demoImages);
    // The same images in quick mode: the MLP head (128 hidden units on the 2,304 features), the
    // largest head a run can answer with at the default sizes.
    const quick = await startRun(db, { workspaceId: demo.workspaceId, prototypeId: demo.id, userId, settings: { mode: "quick" } });
    await report("The demo's images again, quick mode (MLP head)", demo.id, quick.id, demoImages);

    for (const [i, g] of grow.entries()) {
      const ws = await createWorkspace(db, { userId: userId, name: `Storage bench ${i + 1}` });
      const classes = Array.from({ length: g.classes }, (_, c) => `class ${c + 1}`);
      const proto = await createPrototype(db, {
        workspaceId: ws.id,
        userId: userId,
        name: `Storage ${g.classes}x${g.perClass}`,
        classes,
      });
      const rows = await db.prototypeClass.findMany({ where: { prototypeId: proto.id }, select: { id: true, name: true } });
      for (const [c, name] of classes.entries()) {
        const images = await Promise.all(
          Array.from({ length: g.perClass }, async (_, k) => ({
            name: `${c}-${k}.png`,
            bytes: await renderSurface(SURFACE_CLASSES[c % 3]!, 100_000 * (i + 1) + 1000 * c + k),
          })),
        );
        await uploadFilesToClass(
          db,
          { workspaceId: ws.id, prototypeId: proto.id, classId: rows.find((r) => r.name === name)!.id, files: images },
          { image: {}, zip: {}, storage: files },
        );
      }
      const uploaded = await db.prototypeImage.count({ where: { prototypeId: proto.id } });
      const run = await startRun(db, { workspaceId: ws.id, prototypeId: proto.id, userId, settings: {} });
      await report(`${g.classes} classes × ${g.perClass} images (default settings)`, proto.id, run.id, uploaded);
    }
    const [table] = await db.$queryRaw<Array<{ bytes: bigint; rows: number }>>`
      SELECT pg_total_relation_size('"EmbeddingCache"')::bigint AS bytes, (SELECT count(*)::int FROM "EmbeddingCache") AS rows`;
    console.log(
      `EmbeddingCache table with its index and TOAST: ${kib(Number(table!.bytes))} for ${table!.rows} rows (${kib(Number(table!.bytes) / Math.max(1, table!.rows))} per row). Load average at the end ${load()}.`,
    );
  } finally {
    await worker?.stop();
    await disconnectDb();
    await embedded.stop();
    rmSync(scratchDataDir, { recursive: true, force: true });
  }
}

void main().finally(() => {
  if (!values.runs) {
    // The scratch folder the environment module made: unused without --runs.
    void import("./lib/bench-scratch-env").then(({ scratchDataDir }) => rmSync(scratchDataDir, { recursive: true, force: true }));
  }
});
