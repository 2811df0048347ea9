// `npm run bench:scale`: capacity of the scale-out topology on the local PostgreSQL, as plain
// processes from one production build (like test:topology). Prints figures, asserts nothing:
//   - training runs per minute with 1 and 2 `npm run worker` processes (small runs: QUICK_SETTINGS,
//     12 images, the bundled MobileNet backbone), from the first queue to the last finish;
//   - queue pickup latency: queued by a web process → claimed by an idle worker (other process);
//   - API throughput (tRPC runs.list, signed-in sessions) against 1 and 2 web processes.
// BENCH_RUNS (default 8) runs per worker configuration, BENCH_SECONDS (default 10) per API measurement,
// BENCH_SESSIONS (default 20). NEXT_DIST_DIR: the build to reuse (default .next). Ports 3275-3276
// unless BENCH_PORT is set.
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { closedLoop } from "./lib/session-load.mjs";
import { createScratchDatabase } from "@/server/db/scratch-database";
import { QUICK_SETTINGS, createWorkspace, uploadImages, type TrainableWorkspace } from "./topology/fixtures";
import { Client, ensureBuild, getJson, killGroup, startWeb, startWorker, until, type Proc } from "./topology/processes";

const RUNS = Number(process.env.BENCH_RUNS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20);
const started = Date.now();
const say = (line: string) => console.log(`[bench:scale ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const procs: Proc[] = [];

async function main() {
  const admin = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const port = Number(process.env.BENCH_PORT ?? 3275);
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  ensureBuild(distDir, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, say);
  const db = await createScratchDatabase(admin, "vl_bench_scale");
  const dataDir = mkdtempSync(path.join(tmpdir(), "vl-bench-scale-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    DATABASE_URL: db.url,
    VL_DATA_DIR: dataDir,
    ML_MODELS_DIR: path.join(dataDir, "models"),
    NEXTAUTH_SECRET: "bench-scale-secret-0123456789abcdef0123456",
    SEED_DEMO: "0",
    WORKER_MODE: "off",
    SIGNIN_MAX_ATTEMPTS: "10000",
  };
  const sql = new pg.Client({ connectionString: db.url });
  sql.on("error", () => undefined);
  const load = os.loadavg().map((l) => l.toFixed(1));
  const results: string[] = [];
  try {
    const webs = [startWeb("web-a", port, env), startWeb("web-b", port + 1, env)];
    procs.push(...webs);
    const [a, b] = webs.map((w, i) => new Client(`http://localhost:${port + i}`, w.name)) as [Client, Client];
    for (const [i, c] of [a, b].entries())
      await until(
        `${c.name} health`,
        () => getJson(`${c.base}/api/health`),
        (r) => r.status === 200,
        120_000,
        [webs[i]!],
      );
    await sql.connect();

    const spaces: TrainableWorkspace[] = [];
    for (let i = 0; i < 4; i++) {
      const ws = await createWorkspace(a, b, i);
      await uploadImages(ws, i, 6);
      spaces.push(ws);
    }
    say("4 workspaces with 12 images each");

    const queue = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const ws = spaces[i % spaces.length]!;
        ids.push(
          (
            await ws.web.trpc<{ id: string }>(
              "runs.start",
              { workspaceId: ws.workspaceId, prototypeId: ws.prototypeId, settings: QUICK_SETTINGS },
              "POST",
            )
          ).id,
        );
      }
      return ids;
    };
    const finished = (ids: string[]) =>
      until(
        `${ids.length} runs finished`,
        async () =>
          (
            await sql.query<{ status: string; queuedAt: Date; startedAt: Date; finishedAt: Date }>(
              `SELECT "status", "queuedAt", "startedAt", "finishedAt" FROM "TrainingRun" WHERE "id" = ANY($1)`,
              [ids],
            )
          ).rows,
        (rows) => rows.length === ids.length && rows.every((r) => r.finishedAt),
        1_200_000,
        procs.filter((p) => !p.exited()),
      );

    // Workers: 1, then 2. Every workspace's first run fills its embedding cache, so warm up first.
    const w1 = startWorker("worker-1", env);
    procs.push(w1);
    await until(
      "worker-1 ready",
      () => w1.log(),
      (l) => l.includes("waiting for queued runs"),
      180_000,
      [w1],
    );
    await finished(await queue(spaces.length));
    say("warm-up done (every workspace's embeddings cached)");

    // Pickup latency: one run at a time onto an idle worker.
    const pickups: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 700 + i * 300)); // not in step with the worker's 2 s poll
      const rows = await finished(await queue(1));
      pickups.push(rows[0]!.startedAt.getTime() - rows[0]!.queuedAt.getTime());
    }
    pickups.sort((x, y) => x - y);
    results.push(`| queue pickup (web queues, idle worker claims), 5 runs | median ${pickups[2]} ms, max ${pickups[4]} ms |`);

    for (const workers of [1, 2]) {
      if (workers === 2) {
        const w2 = startWorker("worker-2", env);
        procs.push(w2);
        await until(
          "worker-2 ready",
          () => w2.log(),
          (l) => l.includes("waiting for queued runs"),
          180_000,
          [w2],
        );
      }
      const ids = await queue(RUNS);
      const rows = await finished(ids);
      const first = Math.min(...rows.map((r) => r.queuedAt.getTime()));
      const last = Math.max(...rows.map((r) => r.finishedAt.getTime()));
      const perRun = rows.map((r) => r.finishedAt.getTime() - r.startedAt.getTime()).sort((x, y) => x - y);
      const failed = rows.filter((r) => r.status !== "SUCCEEDED").length;
      const rpm = (RUNS / (last - first)) * 60_000;
      results.push(
        `| ${workers} worker${workers > 1 ? "s" : ""}: ${RUNS} small runs | ${rpm.toFixed(1)} runs/min (median run ${(perRun[perRun.length >> 1]! / 1000).toFixed(1)} s${failed ? `, ${failed} failed` : ""}) |`,
      );
      say(results.at(-1)!);
    }
    for (const p of procs.filter((p) => p.name.startsWith("worker"))) killGroup(p, "SIGTERM");

    // API: runs.list for signed-in sessions, against one web process, then both.
    const sessions: TrainableWorkspace[] = [];
    for (let i = 0; i < SESSIONS; i++) sessions.push(spaces[i % spaces.length]!);
    const pathFor = (ws: TrainableWorkspace) =>
      `/api/trpc/runs.list?input=${encodeURIComponent(JSON.stringify({ json: { workspaceId: ws.workspaceId, prototypeId: ws.prototypeId } }))}`;
    const hammer = (base: string, list: TrainableWorkspace[]) =>
      closedLoop({ base, sessions: list, seconds: SECONDS, request: (ws) => ({ path: pathFor(ws), headers: { cookie: ws.web.cookie } }) });
    const one = await hammer(a.base, sessions);
    results.push(
      `| API, 1 web process, ${SESSIONS} sessions, tRPC runs.list | ${one.requests.average.toFixed(0)} req/s, p50 ${one.latency.p50} ms, p99 ${one.latency.p99} ms, ${one.non2xx + one.errors} errors |`,
    );
    const half = sessions.length >> 1;
    const both = await Promise.all([hammer(a.base, sessions.slice(0, half)), hammer(b.base, sessions.slice(half))]);
    const rps = both.reduce((s, r) => s + r.requests.average, 0);
    results.push(
      `| API, 2 web processes, ${SESSIONS} sessions split, tRPC runs.list | ${rps.toFixed(0)} req/s, p99 ${Math.max(...both.map((r) => r.latency.p99))} ms, ${both.reduce((s, r) => s + r.non2xx + r.errors, 0)} errors |`,
    );
  } finally {
    for (const p of procs) if (!p.exited()) killGroup(p, "SIGKILL");
    await sql.end().catch(() => undefined);
    await db.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\n${os.cpus().length} cores (${os.cpus()[0]?.model}), load average at start ${load.join(" / ")}, PostgreSQL on 127.0.0.1\n`);
  console.log("| measurement | result |\n|---|---|");
  for (const r of results) console.log(r);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  for (const p of procs) if (!p.exited()) killGroup(p, "SIGKILL");
  process.exit(1);
});
