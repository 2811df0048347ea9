// npm run bench:home [-- --runs 20]
// The workspace home's one query (workspace.home) on the demo workspace, on the embedded database as
// `npm start` runs it: the first call (cold: instrument parse, query plans) and then `--runs` warm calls,
// with every statement it sends and the time spent in the driver per statement (BENCH_SQL_CHARS: how much
// of each statement's SQL to print, default 100).
// Figures, not assertions: record them in docs/BENCHMARKS.md with the machine's load.
import os from "node:os";
import { parseArgs } from "node:util";
import { startBenchDatabase, timeStatements } from "./lib/database";
import { percentile } from "./lib/percentile";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const RUNS = Number(args.runs);

const timer = timeStatements(Number(process.env.BENCH_SQL_CHARS ?? 100));
const statements = timer.statements;

const teardown = await startBenchDatabase({ name: "bench-home" });
try {
  const { getDb, disconnectDb } = await import("../server/db");
  const { seedDatabase, DEMO_USER, DEMO_WORKSPACE_NAME } = await import("../prisma/seed");
  const { createCaller } = await import("../server/routers/_app");
  const db = getDb();
  console.log("Seeding the demo workspace…");
  await seedDatabase(db, { demo: true }); // files go to the default storage: local disk under VL_DATA_DIR (the temp folder)
  const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_USER.email }, select: { id: true, email: true, name: true } });
  const workspace = await db.workspace.findFirstOrThrow({ where: { name: DEMO_WORKSPACE_NAME }, select: { id: true } });
  const caller = createCaller({ db, user, ip: null });

  const time = async () => {
    const t0 = performance.now();
    await caller.workspace.home({ workspaceId: workspace.id });
    return performance.now() - t0;
  };
  const cold = await time();
  timer.recording = true;
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await time());
  timer.recording = false;
  warm.sort((x, y) => x - y);
  const at = (p: number) => percentile(warm, p);
  console.log(
    `workspace.home on the demo workspace (embedded database, one connection), ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log(
    `cold ${cold.toFixed(0)} ms · warm (${RUNS} calls) p50 ${at(50).toFixed(0)} ms, p90 ${at(90).toFixed(0)} ms, max ${warm.at(-1)!.toFixed(0)} ms`,
  );
  const rows = [...statements].sort((x, y) => y[1].ms - x[1].ms);
  const perCall = rows.reduce((n, [, s]) => n + s.count, 0) / RUNS;
  console.log(`${perCall.toFixed(1)} statements per call; by driver time:`);
  for (const [sql, s] of rows) console.log(`  ${(s.ms / RUNS).toFixed(1).padStart(7)} ms  ×${(s.count / RUNS).toFixed(1)}  ${sql}`);
  await disconnectDb();
} finally {
  await teardown();
}
