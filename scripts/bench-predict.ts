// npm run bench:predict [-- --calls 200] [--db pglite|postgres]
// The REST predict route in this process, without HTTP: what its wrapper does for an API key (the key
// lookup, the capped body reader; server/http/route.ts itself imports next-auth, which runs only inside Next)
// and the handler, on a fresh database (embedded by default, one connection as `npm start` runs it),
// with a finished run whose artifact is a real export of the default backbone (bundled MobileNet v2)
// and a 5-class head. Prints p50/p90 for one 640×480 JPEG per call, images/s for batches of 32,
// and the statements each call sends (with their driver time). What HTTP and Next add on top is
// measured by `npm run bench:api` (its predict part). Figures, not assertions.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { startBenchDatabase, statementTotals, timeStatements, type BenchDatabaseKind } from "./lib/database";
import { percentile } from "./lib/percentile";

const { values: args } = parseArgs({
  options: { calls: { type: "string", default: "200" }, db: { type: "string", default: "pglite" } },
});
const CALLS = Number(args.calls);

const timer = timeStatements(90);
const work = mkdtempSync(path.join(os.tmpdir(), "vl-bench-predict-"));
const teardown = await startBenchDatabase({ name: "bench-predict", kind: args.db as BenchDatabaseKind });
try {
  const { selectBackend } = await import("../ml/backend");
  const { BUNDLED_MOBILENET_V2, ensureBundledBackbone, loadInstalledBackbone } = await import("../ml/backbone");
  const { buildExportZip } = await import("../ml/export");
  const { buildHead } = await import("../ml/runtime/train/head.mjs");
  const { serializeModel } = await import("../ml/runtime/train/serialize.mjs");
  const { getDb, disconnectDb } = await import("../server/db");
  const { LocalDiskStorage } = await import("../server/storage");
  const { writeRunArtifact } = await import("../server/prototypes/export-artifact");
  const { createApiKey } = await import("../server/prototypes/api-keys");
  const { closePredictor } = await import("../server/prototypes/predict");
  const { predictHandler } = await import("../server/prototypes/rest-predict");
  const { REST_PREDICT_MAX_IMAGES: BATCH } = await import("../server/prototypes/rest-predict-body");
  const { authenticateApiKey, bearerToken } = await import("../server/prototypes/api-keys");
  const { readBodyLimited, readFormLimited, bodyToTempFile } = await import("../server/http/body");
  const { callerLocale } = await import("../server/http/error-messages");
  const { createUser } = await import("../server/test/factories");

  await selectBackend({ preference: "wasm" });
  const modelsDir = path.join(work, "models");
  await ensureBundledBackbone(modelsDir);
  const backbone = await loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id);
  const classes = ["a", "b", "c", "d", "e"];
  const head = buildHead({
    inputSize: BUNDLED_MOBILENET_V2.embeddingSize,
    classCount: classes.length,
    hiddenUnits: 128,
    dropout: 0,
    seed: 1,
  });
  const zip = await buildExportZip({ classes, model: await serializeModel(head), modelKind: "head", backbone });

  const db = getDb();
  const owner = await createUser({ name: "Bench" });
  const workspaceId = owner.workspace.id;
  const prototypeId = (await db.prototype.create({ data: { workspaceId, name: "Bench" }, select: { id: true } })).id;
  const run = await db.trainingRun.create({
    data: { workspaceId, prototypeId, version: 1, status: "SUCCEEDED", settings: {} },
    select: { id: true },
  });
  const storage = new LocalDiskStorage(path.join(work, "objects"));
  await writeRunArtifact(storage, run.id, zip);
  const { key } = await createApiKey(db, { workspaceId, userId: owner.user.id, name: "bench" });

  const handler = predictHandler({ perKeyPerMinute: 1_000_000 }, { storage, modelsDir });
  const MAX_BODY = 64 * 1024 * 1024;
  const route = async (request: Request) => {
    const principal = await authenticateApiKey(db, bearerToken(request.headers.get("authorization")));
    if (!principal) throw new Error("the bench's API key was refused");
    const body = {
      bytes: () => readBodyLimited(request, MAX_BODY),
      form: () => readFormLimited(request, MAX_BODY),
      toTempFile: () => bodyToTempFile(request, MAX_BODY),
    };
    const locale = async () => callerLocale(request);
    return handler({
      request,
      db,
      params: { id: prototypeId },
      principal: { kind: "apiKey", ...principal },
      scope: undefined,
      locale,
      body,
    });
  };
  const photos = await Promise.all(
    Array.from({ length: 40 }, (_, i) => {
      const raw = Buffer.alloc(640 * 480 * 3);
      for (let p = 0; p < raw.length; p++) raw[p] = (p * (i + 3) + ((p * 2654435761) >>> 24)) & 0xff;
      return sharp(raw, { raw: { width: 640, height: 480, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer();
    }),
  );
  const call = async (images: Buffer[]) => {
    const form = new FormData();
    images.forEach((image, i) => form.append("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), `p${i}.jpg`));
    const request = new Request(`http://bench/api/v1/prototypes/${prototypeId}/predict`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    const res = await route(request);
    if (res.status !== 200) throw new Error(`predict answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };

  for (let i = 0; i < 5; i++) await call([photos[i]!]); // loads the run's model.onnx into the prediction thread
  timer.recording = true;
  const latencies: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    await call([photos[i % photos.length]!]);
    latencies.push(performance.now() - t0);
  }
  timer.recording = false;
  const single = statementTotals(timer.statements);
  const singleRows = [...timer.statements].sort((x, y) => y[1].ms - x[1].ms);
  latencies.sort((a, b) => a - b);

  const rounds = 8;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) await call(Array.from({ length: BATCH }, (_, k) => photos[(r * BATCH + k) % photos.length]!));
  const batchPerSecond = (rounds * BATCH) / ((performance.now() - t0) / 1000);

  console.log(
    `bench:predict — ${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, ${args.db}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
  );
  console.log(
    `one 640×480 JPEG per call (${CALLS} calls): p50 ${percentile(latencies, 50).toFixed(1)} ms, p90 ${percentile(latencies, 90).toFixed(1)} ms (target p50 ≤ 30 ms)`,
  );
  console.log(`${(single.count / CALLS).toFixed(1)} statements per call, ${(single.ms / CALLS).toFixed(1)} ms of driver time per call:`);
  for (const [sql, s] of singleRows) console.log(`  ${(s.ms / CALLS).toFixed(2).padStart(6)} ms  ×${(s.count / CALLS).toFixed(1)}  ${sql}`);
  console.log(`batches of ${BATCH}: ${batchPerSecond.toFixed(1)} img/s (target ≥ 100)`);
  await closePredictor();
  await disconnectDb();
} finally {
  await teardown();
  rmSync(work, { recursive: true, force: true });
}
