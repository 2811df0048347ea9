// `npm run test:topology`: the scale-out topology as plain processes on the local PostgreSQL —
// two web processes (`next start` from one production build) started together on an empty
// database, two `npm run worker` processes, one shared data folder. It signs up users on both web
// processes, uploads through one and reads thumbnails through the other, queues 20 small runs
// across four workspaces, SIGKILLs one worker mid-run, and checks that every run finishes exactly
// once, progress is visible from both web processes, sign-in rate limits hold across processes,
// nothing is lost, SIGTERM to `npm run worker` stops the worker, and a backup restores to the same
// rows and files. Any failure exits 1 with what went wrong and the tail of each process's log.
//
// TEST_PG_URL: the PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/postgres).
// NEXT_DIST_DIR: the build to reuse (default .next, the e2e build); TOPOLOGY_REBUILD=1 rebuilds.
// TOPOLOGY_PORT: the first of the two web ports (default 3270).
// Storage: the processes get the caller's STORAGE_* and S3_* variables (see storageEnv), so once the
// S3 implementation exists the same test runs against a bucket; without them, the local-disk storage
// on the shared data folder.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { BUNDLED_BACKBONES } from "@/ml/backbone/catalog";
import { createScratchDatabase } from "@/server/db/scratch-database";
import { backupAndRestoreCheck } from "./topology/backup-check";
import { QUICK_SETTINGS, createWorkspace, uploadImages, type TrainableWorkspace } from "./topology/fixtures";
import {
  Client,
  TopologyError,
  alive,
  ensureBuild,
  getJson,
  killGroup,
  startWeb,
  startWorker,
  tail,
  until,
  workerPid,
  type Proc,
} from "./topology/processes";

const started = Date.now();
const say = (line: string) => console.log(`[topology ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
const check = (ok: unknown, message: string) => {
  if (!ok) throw new TopologyError(message);
};

const WORKSPACES = 4;
// 20 runs in all; TOPOLOGY_RUNS_PER_WORKSPACE lowers it on a loaded machine.
const RUNS_PER_WORKSPACE = Number(process.env.TOPOLOGY_RUNS_PER_WORKSPACE ?? 5);
const IMAGES_PER_CLASS = 6;
const SIGNIN_MAX_ATTEMPTS = 3;
// Shorter than the 20 s default to keep the test quick, long enough for a loaded 2-core machine's stalls.
const STALE_SECONDS = 12;

/** The hook for the object-storage implementation: every STORAGE_* / S3_* variable of the caller goes to every process. */
function storageEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter(([k, v]) => /^(STORAGE_|S3_)/.test(k) && v !== undefined)) as Record<
    string,
    string
  >;
}

const procs: Proc[] = [];
let sql: pg.Client | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let dataDir: string | undefined;

async function main() {
  const admin = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const firstPort = Number(process.env.TOPOLOGY_PORT ?? 3270);
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  ensureBuild(distDir, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, say);

  const db = await createScratchDatabase(admin, "vl_topology");
  dropDatabase = db.drop;
  dataDir = mkdtempSync(path.join(tmpdir(), "vl-topology-"));
  const storage = storageEnv();
  say(
    `database ${new URL(db.url).pathname.slice(1)}, shared data folder ${dataDir}, storage: ${Object.keys(storage).length ? Object.keys(storage).join(", ") : "local disk"}`,
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...storage,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: "5",
    VL_DATA_DIR: dataDir,
    // Shared and empty: all four processes want to install the bundled backbone at once.
    ML_MODELS_DIR: path.join(dataDir, "models"),
    NEXTAUTH_SECRET: "topology-test-secret-0123456789abcdef0123",
    SEED_DEMO: "0",
    WORKER_MODE: "off",
    WORKER_STALE_SECONDS: String(STALE_SECONDS),
    SIGNIN_MAX_ATTEMPTS: String(SIGNIN_MAX_ATTEMPTS),
  };

  // 1. Two web processes at the same moment on the empty database (migrations + seed under advisory locks).
  const webs = [startWeb("web-a", firstPort, env), startWeb("web-b", firstPort + 1, env)];
  procs.push(...webs);
  const [a, b] = webs.map((w, i) => new Client(`http://localhost:${firstPort + i}`, w.name)) as [Client, Client];
  for (const [i, c] of [a, b].entries()) {
    await until(
      `${c.name} /api/health 200 after a simultaneous start`,
      () => getJson(`${c.base}/api/health`),
      (r) => r.status === 200,
      120_000,
      [webs[i]!],
    );
  }
  say("both web processes started together on the empty database and answer /api/health 200");

  // 2. Two workers.
  const workers = [startWorker("worker-1", env), startWorker("worker-2", env)];
  procs.push(...workers);
  for (const w of workers)
    await until(
      `${w.name} start-up line`,
      () => w.log(),
      (l) => l.includes("waiting for queued runs"),
      120_000,
      [w],
    );
  const pids = workers.map(workerPid);
  for (const w of workers) {
    const line = w
      .log()
      .split("\n")
      .find((l) => l.includes("waiting for queued runs"))!;
    check(/ on \S+ \(.+\), backbone /.test(line), `${w.name}'s start-up line does not name its device and backbone: ${line}`);
  }
  const health = await until(
    "both workers listed live in /api/health of web-b",
    () => getJson(`${b.base}/api/health`),
    (r) => (r.body.workers as { live?: number } | undefined)?.live === 2,
    30_000,
  );
  const listed = (health.body.workers as { list: Array<Record<string, unknown>> }).list;
  check(
    listed.every((w) => w.device && w.backend && w.backbone),
    `/api/health lists workers without device/backend/backbone: ${JSON.stringify(listed)}`,
  );
  check(!JSON.stringify(health.body).includes(env.NEXTAUTH_SECRET!), "/api/health reveals the secret");
  // Two workers raced to install: each bundled backbone (the default and the one older runs use) once, nothing half-written.
  const installs = readdirSync(env.ML_MODELS_DIR!).filter((f) => !f.startsWith("."));
  const expected = BUNDLED_BACKBONES.map((b) => b.id);
  check(
    installs.length === expected.length && expected.every((id) => installs.includes(id)),
    `the shared models folder should hold each bundled backbone once (${expected.join(", ")}), holds: ${readdirSync(env.ML_MODELS_DIR!).join(", ")}`,
  );
  say(
    `workers up (pids ${pids.join(", ")}), listed in /api/health with ${String(listed[0]!.backend)} / ${String(listed[0]!.device)}; each bundled backbone installed once in the shared folder`,
  );

  // 3. Users on both web processes; each signs in on the other one (sessions are shared through the secret).
  const users: TrainableWorkspace[] = [];
  for (let i = 0; i < WORKSPACES; i++) users.push(await (i % 2 ? createWorkspace(b, a, i) : createWorkspace(a, b, i)));
  say(`${WORKSPACES} users signed up alternately on both web processes, each signed in on the other`);

  // 4. Upload through one web process, read the thumbnails through the other.
  let uploaded = 0;
  for (const [u, user] of users.entries()) {
    const ids = await uploadImages(user, u, IMAGES_PER_CLASS);
    uploaded += ids.length;
    for (const imageId of [ids[0]!, ids.at(-1)!]) {
      const thumb = await fetch(`${user.other.base}/api/prototypes/${user.prototypeId}/images/${imageId}?size=thumb`, {
        headers: { cookie: user.other.cookie },
      });
      const bytes = new Uint8Array(await thumb.arrayBuffer());
      check(
        thumb.ok && thumb.headers.get("content-type") === "image/jpeg" && bytes.length > 100,
        `thumbnail of an image uploaded on ${user.web.name} read through ${user.other.name}: ${thumb.status} ${thumb.headers.get("content-type")}, ${bytes.length} bytes`,
      );
    }
  }
  say(`${uploaded} images uploaded through one web process, thumbnails read through the other`);

  // 5. Twenty runs across the workspaces, queued alternately through both web processes.
  const runIds: string[] = [];
  for (let r = 0; r < RUNS_PER_WORKSPACE; r++) {
    for (const user of users) {
      const via = runIds.length % 2 ? user.other : user.web;
      const run = await via.trpc<{ id: string }>(
        "runs.start",
        { workspaceId: user.workspaceId, prototypeId: user.prototypeId, settings: { ...QUICK_SETTINGS, seed: r + 1 } },
        "POST",
      );
      runIds.push(run.id);
    }
  }
  say(`${runIds.length} runs queued across ${WORKSPACES} workspaces`);
  const ownerOf = (runId: string) => users[runIds.indexOf(runId) % WORKSPACES]!;

  // 6. Progress visible from both web processes, then SIGKILL worker-1 in the middle of a run.
  sql = new pg.Client({ connectionString: db.url });
  // The scratch database is dropped WITH (FORCE) at the end, also when a step failed.
  sql.on("error", () => undefined);
  await sql.connect();
  const victim = await until(
    "worker-1 running a run",
    async () =>
      (
        await sql!.query<{ id: string }>(`SELECT "id" FROM "TrainingRun" WHERE "status" = 'RUNNING' AND "workerId" LIKE $1`, [
          `%:${pids[0]}:%`,
        ])
      ).rows[0],
    (row) => Boolean(row),
    120_000,
    workers,
  );
  const victimOwner = ownerOf(victim!.id);
  for (const c of [victimOwner.web, victimOwner.other]) {
    const seen = await c.trpc<{ status: string; phase: string | null }>("runs.get", {
      workspaceId: victimOwner.workspaceId,
      runId: victim!.id,
    });
    check(seen.status === "RUNNING" && seen.phase, `${c.name} does not show the run in progress: ${JSON.stringify(seen).slice(0, 200)}`);
  }
  process.kill(pids[0]!, "SIGKILL");
  const killedAt = Date.now();
  say(`progress of run ${victim!.id} visible on both web processes; worker-1 (pid ${pids[0]}) SIGKILLed mid-run`);
  // What a process manager does: start a replacement. Either survivor may take the orphaned run.
  const replacement = startWorker("worker-3", env);
  procs.push(replacement);
  workers.push(replacement);
  // Prompt recovery: back in the queue once the heartbeat is STALE_SECONDS old (checked every 5 s by any worker).
  await until(
    `the killed worker's run back in the queue within ${STALE_SECONDS + 10} s`,
    async () =>
      (await sql!.query<{ workerId: string | null }>(`SELECT "workerId" FROM "TrainingRun" WHERE "id" = $1`, [victim!.id])).rows[0],
    (row) => !row?.workerId?.includes(`:${pids[0]}:`),
    (STALE_SECONDS + 10) * 1000,
  );
  say(
    `the killed worker's run left worker-1 ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill (heartbeat limit ${STALE_SECONDS} s)`,
  );

  // 7. Everything finishes, the killed run on the survivor after its heartbeat expired.
  const final = await until(
    "all runs finished",
    async () =>
      (
        await sql!.query<{
          id: string;
          status: string;
          attempts: number;
          workerId: string | null;
          artifactPath: string | null;
          error: string | null;
        }>(`SELECT "id", "status", "attempts", "workerId", "artifactPath", "error" FROM "TrainingRun"`)
      ).rows,
    (rows) => rows.length === runIds.length && rows.every((r) => !["QUEUED", "RUNNING"].includes(r.status)),
    // Generous: on a quiet 2-core machine the runs take well under a minute; a loaded one is slower.
    Number(process.env.TOPOLOGY_RUNS_TIMEOUT_S ?? 360) * 1000,
    [workers[1]!],
  );
  const byId = new Map(final.map((r) => [r.id, r]));
  check(
    runIds.every((id) => byId.has(id)) && final.length === runIds.length,
    `runs lost or added: queued ${runIds.length}, found ${final.length}`,
  );
  const notDone = final.filter((r) => r.status !== "SUCCEEDED");
  check(!notDone.length, `runs that did not succeed: ${notDone.map((r) => `${r.id} ${r.status} (${r.error})`).join("; ")}`);
  const logs = workers.map((w) => w.log()).join("\n");
  for (const id of runIds) {
    const finished = logs.split(`run ${id} finished`).length - 1;
    check(finished === 1, `run ${id} finished ${finished} times (exactly once expected)`);
    check(byId.get(id)!.attempts === (id === victim!.id ? 2 : 1), `run ${id} took ${byId.get(id)!.attempts} attempts`);
    check(statSync(path.join(dataDir, byId.get(id)!.artifactPath!)).isDirectory(), `run ${id} has no model folder`);
  }
  const takenOverBy = workers.slice(1).find((w) => w.log().includes(`claimed run ${victim!.id}`));
  check(takenOverBy, `the killed worker's run ${victim!.id} was not taken over by another worker`);
  for (const c of [a, b]) {
    const seen = await c
      .trpc<{ status: string; progress: { note?: string } | null }>("runs.get", { workspaceId: victimOwner.workspaceId, runId: victim!.id })
      .catch(() => null);
    if (seen)
      check(
        seen.status === "SUCCEEDED" && !seen.progress?.note,
        `${c.name} shows the recovered run as ${JSON.stringify(seen).slice(0, 200)}`,
      );
  }
  const timing = await sql.query<{ total: number; training: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ("metrics"->>'durationMs')::float) / 1000 AS total,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ("metrics"->>'trainingMs')::float) / 1000 AS training FROM "TrainingRun"`,
  );
  say(`median run: ${timing.rows[0]!.total.toFixed(1)} s in the worker, of which ${timing.rows[0]!.training.toFixed(1)} s training`);
  say(`all ${runIds.length} runs SUCCEEDED exactly once (the killed one on its 2nd attempt, on ${takenOverBy!.name}); each has its model`);
  const modelBytes = runIds.map((id) => dirBytes(path.join(dataDir!, byId.get(id)!.artifactPath!)));
  say(
    `storage: ${(dirBytes(path.join(dataDir, "uploads")) / uploaded / 1024).toFixed(1)} KiB per uploaded ${48}×${48} PNG (copy + thumbnail), ` +
      `${(modelBytes.reduce((x, y) => x + y, 0) / modelBytes.length / 2 ** 20).toFixed(1)} MiB per run's model folder`,
  );

  // 8. Nothing lost: every image row has its file, every workspace its runs.
  const images = await sql.query<{ storagePath: string }>(`SELECT "storagePath" FROM "PrototypeImage"`);
  check(images.rows.length === uploaded, `${uploaded} images uploaded, ${images.rows.length} rows`);
  const missing = images.rows.filter((r) => !existsSync(path.join(env.VL_DATA_DIR!, "uploads", r.storagePath)));
  check(!missing.length, `image files missing from the shared folder: ${missing.map((r) => r.storagePath).join(", ")}`);
  for (const user of users) {
    const list = await user.other.trpc<unknown[]>("runs.list", { workspaceId: user.workspaceId, prototypeId: user.prototypeId });
    check(list.length === RUNS_PER_WORKSPACE, `${user.email} sees ${list.length} runs, queued ${RUNS_PER_WORKSPACE}`);
  }
  say("nothing lost: every uploaded image has its row and its file, every workspace sees its runs");

  // 9. The sign-in limit is one counter across both web processes.
  const target = users[0]!;
  for (let i = 0; i < SIGNIN_MAX_ATTEMPTS; i++) {
    const r = await new Client([a, b][i % 2]!.base, "x").signIn(target.email, "wrong-password-123");
    check(!r.ok, "a wrong password signed in");
  }
  const refused = await new Client([a, b][SIGNIN_MAX_ATTEMPTS % 2]!.base, "x").signIn(target.email, target.password);
  check(
    !refused.ok,
    `after ${SIGNIN_MAX_ATTEMPTS} failures spread over both web processes, the right password still signed in: the limit is per process`,
  );
  say(
    `sign-in limit (${SIGNIN_MAX_ATTEMPTS}) held across both web processes: ${decodeURIComponent(refused.location.split("error=")[1] ?? "refused")}`,
  );

  // 10. SIGTERM to the npm that started each worker stops the worker itself; health then lists no live worker.
  for (const w of workers.slice(1)) {
    const pid = workerPid(w);
    w.child.kill("SIGTERM");
    await until(
      `${w.name} (pid ${pid}) gone after SIGTERM to npm`,
      () => alive(pid),
      (up) => !up,
      20_000,
    );
    check(w.log().includes("SIGTERM: stopping"), `${w.name} did not log its SIGTERM shutdown`);
  }
  await until(
    "no live worker in /api/health",
    () => getJson(`${a.base}/api/health`),
    (r) => (r.body.workers as { live?: number } | undefined)?.live === 0,
    (STALE_SECONDS + 5) * 1000,
  );
  say("SIGTERM to `npm run worker` stopped each worker; /api/health lists no live worker");
  await sql.end();

  // 11. Backup, wipe, restore, compare (pg_dump + the data folder).
  for (const w of webs) w.child.kill("SIGTERM");
  await until(
    "web processes stopped",
    () => webs.every((w) => w.exited()),
    (ok) => ok,
    30_000,
  );
  const backup = await backupAndRestoreCheck({ adminUrl: admin, databaseUrl: db.url, dataDir, say });
  say(`backup restored: ${backup.tables} tables / ${backup.rows} rows and ${backup.files} files identical after a wipe`);
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(full) : statSync(full).size;
  }
  return total;
}

async function cleanup() {
  await sql?.end().catch(() => undefined);
  for (const p of procs) if (!p.exited()) killGroup(p, "SIGKILL");
  await dropDatabase?.().catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

main()
  .then(async () => {
    await cleanup();
    say("topology test passed");
    process.exit(0);
  })
  .catch(async (err: unknown) => {
    console.error(`\n✗ topology test failed: ${err instanceof Error ? err.message : String(err)}`);
    if (!(err instanceof TopologyError) && err instanceof Error) console.error(err.stack);
    for (const p of procs) console.error(`\n  last lines of ${p.name}:\n${tail(p)}`);
    await cleanup();
    process.exit(1);
  });
