// npm run bench:home [-- --runs 20]
// The workspace home's one query (workspace.home) on the demo workspace, on the embedded database as
// `npm start` runs it: the first call (cold: instrument parse, query plans) and then `--runs` warm calls,
// with the statements it sends and the time spent in the driver per statement.
// Figures, not assertions: record them in docs/BENCHMARKS.md with the machine's load.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const RUNS = Number(args.runs);

const statements = new Map<string, { count: number; ms: number }>();
let recording = false;
const originalQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  if (!recording) return originalQuery.apply(this, a);
  const first = a[0] as string | { text?: string };
  const key = (typeof first === "string" ? first : (first?.text ?? "?"))
    .replace(/\s+/g, " ")
    .replace(/"public"\./g, "")
    .slice(0, 100);
  const t0 = performance.now();
  const done = () => {
    const s = statements.get(key) ?? { count: 0, ms: 0 };
    s.count++;
    s.ms += performance.now() - t0;
    statements.set(key, s);
  };
  const last = a.at(-1);
  if (typeof last === "function") {
    a[a.length - 1] = (...r: unknown[]) => {
      done();
      return (last as (...r: unknown[]) => unknown)(...r);
    };
    return originalQuery.apply(this, a);
  }
  const result = originalQuery.apply(this, a);
  if (result instanceof Promise) result.then(done, done);
  return result;
} as typeof pg.Client.prototype.query;

const dataDir = mkdtempSync(path.join(os.tmpdir(), "vl-bench-home-"));
process.env.VL_DATA_DIR = dataDir;
process.env.NEXTAUTH_SECRET ??= "bench-home-secret-0123456789abcdef";
const { startEmbeddedDatabase } = await import("../server/db/embedded");
const embedded = await startEmbeddedDatabase({ dataDir: path.join(dataDir, "db") });
process.env.DATABASE_URL = embedded.url;
process.env.DATABASE_POOL_MAX = "1"; // as the app runs on the embedded database
try {
  const { applyMigrations } = await import("../server/db/migrate");
  await applyMigrations(embedded.url, path.join(process.cwd(), "prisma", "migrations"));
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
  recording = true;
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await time());
  recording = false;
  warm.sort((x, y) => x - y);
  const at = (p: number) => warm[Math.min(warm.length - 1, Math.ceil((p / 100) * warm.length) - 1)]!;
  console.log(
    `workspace.home on the demo workspace (embedded database, one connection), ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log(
    `cold ${cold.toFixed(0)} ms · warm (${RUNS} calls) p50 ${at(50).toFixed(0)} ms, p90 ${at(90).toFixed(0)} ms, max ${warm.at(-1)!.toFixed(0)} ms`,
  );
  const rows = [...statements].sort((x, y) => y[1].ms - x[1].ms);
  const perCall = rows.reduce((n, [, s]) => n + s.count, 0) / RUNS;
  console.log(`${perCall.toFixed(1)} statements per call; by driver time:`);
  for (const [sql, s] of rows.slice(0, 12))
    console.log(`  ${(s.ms / RUNS).toFixed(1).padStart(7)} ms  ×${(s.count / RUNS).toFixed(1)}  ${sql}`);
  await disconnectDb();
} finally {
  await embedded.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
