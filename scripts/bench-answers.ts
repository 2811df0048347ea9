// npm run bench:answers [-- --db pglite|postgres] [--users 50] [--saves 10]
// The assessment write path under a burst: every user starts an attempt, then all users' saves
// (one answer each, `--saves` per user) are fired at once through the tRPC router (the same
// procedure, middleware and database code as over HTTP, without HTTP and session decoding).
// Prints latency (p50/p99/max), errors, lost answers (read back afterwards), and where the time
// went: statements per save and time inside the database driver, by statement.
// --db pglite: the embedded database in this process (as `npm start` runs it);
// --db postgres: a fresh database on BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// Figures, not assertions: record them in docs/BENCHMARKS.md with the machine's load.
import os from "node:os";
import { parseArgs } from "node:util";
import { printStatements, startBenchDatabase, statementTotals, timeStatements } from "./lib/database";
import { percentile } from "./lib/percentile";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    users: { type: "string", default: "50" },
    saves: { type: "string", default: "10" },
  },
});
const USERS = Number(args.users);
const SAVES = Number(args.saves);

const timer = timeStatements(90);
const statements = timer.statements;

const teardown = await startBenchDatabase({
  name: "bench-answers",
  kind: args.db === "postgres" ? "postgres" : "pglite",
  adminUrl: process.env.BENCH_PG_URL,
});
try {
  const { getDb, disconnectDb } = await import("../server/db");
  const { seedDatabase } = await import("../prisma/seed");
  const { signUp } = await import("../server/auth/users");
  const { createCaller } = await import("../server/routers/_app");
  const { bundledInstrument, LATEST_INSTRUMENT_VERSION } = await import("../server/assessment/instruments");
  const db = getDb();
  await seedDatabase(db, { demo: false });

  const itemIds = bundledInstrument(LATEST_INSTRUMENT_VERSION)
    .items.filter((i) => i.kind === "likert")
    .map((i) => i.id)
    .slice(0, SAVES);
  console.log(`Setting up ${USERS} users on ${args.db}…`);
  const users = [];
  for (let i = 0; i < USERS; i++) {
    const { user, workspace } = await signUp(db, {
      name: `Bench ${i}`,
      email: `bench-${i}-${Date.now()}@bench.local`,
      password: "bench-password-123",
      locale: "en",
    });
    const caller = createCaller({ db, user: { id: user.id, email: user.email, name: user.name }, ip: null });
    const attempt = await caller.assessment.start({ workspaceId: workspace.id });
    users.push({ caller, workspaceId: workspace.id, attemptId: attempt.id, expected: {} as Record<string, number> });
  }

  // Warm-up: one save per user, so first-use costs (instrument cache, prepared plans) stay out of the figures.
  await Promise.all(users.map((u) => u.caller.assessment.save({ workspaceId: u.workspaceId, attemptId: u.attemptId, answers: {} })));

  timer.recording = true;
  const latencies: number[] = [];
  let errors = 0;
  const errorSamples = new Set<string>();
  const t0 = performance.now();
  await Promise.all(
    users.flatMap((u, ui) =>
      itemIds.map(async (itemId, k) => {
        const value = ((ui + k) % 5) + 1;
        u.expected[itemId] = value;
        const start = performance.now();
        try {
          await u.caller.assessment.save({ workspaceId: u.workspaceId, attemptId: u.attemptId, answers: { [itemId]: value } });
        } catch (error) {
          errors++;
          errorSamples.add(String((error as Error).message).slice(0, 120));
        }
        latencies.push(performance.now() - start);
      }),
    ),
  );
  const wall = performance.now() - t0;
  timer.recording = false;

  let lost = 0;
  for (const u of users) {
    const open = await u.caller.assessment.current({ workspaceId: u.workspaceId });
    const stored = (open.open?.answers ?? {}) as Record<string, unknown>;
    for (const [item, value] of Object.entries(u.expected)) if (stored[item] !== value) lost++;
  }

  const sorted = [...latencies].sort((a, b) => a - b);
  const total = users.length * itemIds.length;
  const { count: statementCount, ms: statementMs } = statementTotals(statements);
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(
    `\n${total} concurrent saves from ${users.length} users on ${args.db} (load average ${load.join(" ")}, ${os.cpus().length} cores)\n`,
  );
  console.log("| saves | errors | lost | wall s | saves/s | p50 ms | p99 ms | max ms | statements/save |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  console.log(
    `| ${total} | ${errors} | ${lost} | ${(wall / 1000).toFixed(2)} | ${((total / wall) * 1000).toFixed(0)} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 99).toFixed(0)} | ${sorted.at(-1)!.toFixed(0)} | ${(statementCount / total).toFixed(1)} |`,
  );
  console.log("\nWhere the time went (driver time summed over overlapping statements; pool waits are outside it):\n");
  printStatements(statements);
  console.log(`\nDriver time in all: ${(statementMs / 1000).toFixed(2)} s over ${(wall / 1000).toFixed(2)} s of wall time.`);
  if (errorSamples.size) console.log(`Errors: ${[...errorSamples].join(" / ")}`);
  await disconnectDb();
} finally {
  await teardown();
}
