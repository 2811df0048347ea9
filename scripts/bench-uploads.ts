// npm run bench:uploads [-- --db pglite|postgres] [--users 10] [--requests 4] [--files 5] [--zip]
// The image upload write path under a burst: every user has a prototype with one class; all users'
// upload requests (`--files` distinct PNGs each, `--requests` per user) are fired at once through
// the same domain function the upload route calls (decoding, checks, storage, rows), without HTTP.
// With --zip each request is one zip archive (the class's folder holding the PNGs) through `uploadZip`.
// Prints latency per request, errors, images stored (counted afterwards), and statements per image.
// Figures, not assertions: record them in docs/BENCHMARKS.md with the machine's load.
import os from "node:os";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { printStatements, startBenchDatabase, statementTotals, timeStatements } from "./lib/database";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    users: { type: "string", default: "10" },
    requests: { type: "string", default: "4" },
    files: { type: "string", default: "5" },
    zip: { type: "boolean", default: false },
  },
});
const USERS = Number(args.users);
const REQUESTS = Number(args.requests);
const FILES = Number(args.files);

/** A distinct 224×224 photo-like PNG (noise over a gradient): decoding costs what a real photo's would. */
async function image(seed: number) {
  const raw = Buffer.alloc(224 * 224 * 3);
  for (let p = 0; p < raw.length; p++) raw[p] = (p * (seed + 3) + ((p * 2654435761 + seed * 40503) >>> 24)) & 0xff;
  return new Uint8Array(
    await sharp(raw, { raw: { width: 224, height: 224, channels: 3 } })
      .png()
      .toBuffer(),
  );
}

const timer = timeStatements(90);
const teardown = await startBenchDatabase({
  name: "bench-uploads",
  kind: args.db === "postgres" ? "postgres" : "pglite",
  adminUrl: process.env.BENCH_PG_URL,
});
try {
  const { getDb, disconnectDb } = await import("../server/db");
  const { seedDatabase } = await import("../prisma/seed");
  const { signUp } = await import("../server/auth/users");
  const { uploadFilesToClass, uploadZip } = await import("../server/prototypes/uploads");
  const JSZip = (await import("jszip")).default;
  const db = getDb();
  await seedDatabase(db, { demo: false });

  console.log(`Setting up ${USERS} users and ${USERS * REQUESTS * FILES} images on ${args.db}…`);
  const users = [];
  let seed = 0;
  for (let i = 0; i < USERS; i++) {
    const { workspace } = await signUp(db, {
      name: `Bench ${i}`,
      email: `bench-up-${i}-${Date.now()}@bench.local`,
      password: "bench-password-123",
      locale: "en",
    });
    const prototype = await db.prototype.create({ data: { workspaceId: workspace.id, name: "Bench" }, select: { id: true } });
    const cls = await db.prototypeClass.create({
      data: { workspaceId: workspace.id, prototypeId: prototype.id, name: "ok", position: 0 },
      select: { id: true },
    });
    const batches = [];
    for (let r = 0; r < REQUESTS; r++) {
      const files = [];
      for (let f = 0; f < FILES; f++) files.push({ name: `img-${seed}.png`, bytes: await image(seed++) });
      if (!args.zip) batches.push({ files });
      else {
        const zip = new JSZip();
        for (const file of files) zip.file(`ok/${file.name}`, file.bytes);
        batches.push({ files, zip: await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }) });
      }
    }
    users.push({ workspaceId: workspace.id, prototypeId: prototype.id, classId: cls.id, batches });
  }
  // Warm-up outside the figures: sharp's first decode and the first upload's plans.
  const warm = users[0]!;
  await uploadFilesToClass(db, { ...warm, files: [{ name: "warm.png", bytes: await image(1e6) }] }, { image: {}, zip: {} });

  timer.recording = true;
  const latencies: number[] = [];
  let errors = 0;
  const errorSamples = new Set<string>();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    users.flatMap((u) =>
      u.batches.map(async ({ files, zip }) => {
        const start = performance.now();
        try {
          const items = zip
            ? (await uploadZip(db, { ...u, source: { buffer: zip } }, { image: {}, zip: {} })).items
            : await uploadFilesToClass(db, { ...u, files }, { image: {}, zip: {} });
          errors += items.filter((i) => i.status !== "accepted").length;
        } catch (error) {
          errors += files.length;
          errorSamples.add(String((error as Error).message).slice(0, 120));
        }
        latencies.push(performance.now() - start);
      }),
    ),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  timer.recording = false;

  const images = USERS * REQUESTS * FILES;
  const stored = await db.prototypeImage.count({ where: { prototypeId: { in: users.map((u) => u.prototypeId) } } });
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(0);
  const { count, ms } = statementTotals(timer.statements);
  console.log(
    `\n${USERS * REQUESTS} concurrent upload requests of ${FILES} images${args.zip ? " (one zip each)" : ""} from ${USERS} users on ${args.db} (load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}, ${os.cpus().length} cores)\n`,
  );
  console.log("| requests | images | errors | stored | wall s | images/s | p50 ms | p99 ms | statements/image | CPU s |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  console.log(
    `| ${USERS * REQUESTS} | ${images} | ${errors} | ${stored - 1} | ${(wall / 1000).toFixed(2)} | ${((images / wall) * 1000).toFixed(1)} | ${q(50)} | ${q(99)} | ${(count / images).toFixed(2)} | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} |`,
  );
  console.log("\nWhere the time went (driver time summed over overlapping statements):\n");
  printStatements(timer.statements);
  console.log(`\nDriver time in all: ${(ms / 1000).toFixed(2)} s over ${(wall / 1000).toFixed(2)} s of wall time.`);
  if (errorSamples.size) console.log(`Errors: ${[...errorSamples].join(" / ")}`);
  await disconnectDb();
} finally {
  await teardown();
}
