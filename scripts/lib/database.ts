// Shared by the database benchmarks (bench:answers, bench:home): a throw-away database set up the way the
// app runs it, and a timer on the pg driver that counts and times every statement while recording.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type BenchDatabaseKind = "pglite" | "postgres";

/**
 * A fresh, migrated database for one benchmark run, with VL_DATA_DIR in a temporary folder.
 * pglite: the embedded database in this process, one pooled connection (as `npm start` runs it);
 * postgres: a scratch database created on `adminUrl` and dropped afterwards.
 * Sets DATABASE_URL before anything imports the app's database module; the returned function removes it all.
 */
export async function startBenchDatabase(opts: {
  name: string;
  kind?: BenchDatabaseKind;
  adminUrl?: string;
}): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `vl-${opts.name}-`));
  process.env.VL_DATA_DIR = dataDir;
  process.env.NEXTAUTH_SECRET ??= `${opts.name}-secret-0123456789abcdef`;
  let stop: () => Promise<void>;
  if (opts.kind === "postgres") {
    const { createScratchDatabase } = await import("../../server/db/scratch-database");
    const scratch = await createScratchDatabase(opts.adminUrl ?? "postgres://postgres@127.0.0.1:5432/postgres", "vl_bench");
    process.env.DATABASE_URL = scratch.url;
    stop = scratch.drop;
  } else {
    const { startEmbeddedDatabase } = await import("../../server/db/embedded");
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(dataDir, "db") });
    process.env.DATABASE_URL = embedded.url;
    process.env.DATABASE_POOL_MAX = "1"; // as the app runs on the embedded database
    stop = () => embedded.stop();
  }
  try {
    const { applyMigrations } = await import("../../server/db/migrate");
    await applyMigrations(process.env.DATABASE_URL!, path.join(process.cwd(), "prisma", "migrations"));
  } catch (error) {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

export interface StatementStats {
  count: number;
  ms: number;
}

/**
 * Wraps pg.Client#query (once per process) so that, while `recording` is on, every round trip is counted and
 * timed under its SQL text (white space folded, schema prefix dropped, cut to `keyLength` characters).
 */
export function timeStatements(keyLength: number) {
  const statements = new Map<string, StatementStats>();
  const originalQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  const timer = {
    statements,
    recording: false,
    /** Puts pg back as it was (tests that count statements in a process they share with others). */
    restore: () => {
      pg.Client.prototype.query = originalQuery as typeof pg.Client.prototype.query;
    },
  };
  pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
    if (!timer.recording) return originalQuery.apply(this, a);
    const first = a[0] as string | { text?: string };
    const key = (typeof first === "string" ? first : (first?.text ?? "?"))
      .replace(/\s+/g, " ")
      .replace(/"public"\./g, "")
      .slice(0, keyLength);
    const t0 = performance.now();
    const done = () => {
      const s = statements.get(key) ?? { count: 0, ms: 0 };
      s.count++;
      s.ms += performance.now() - t0;
      statements.set(key, s);
    };
    // pg.Pool calls its clients with a callback; direct callers get a promise.
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
  return timer;
}

/** All statements recorded so far: how many round trips, and their summed driver time. */
export function statementTotals(statements: Map<string, StatementStats>): StatementStats {
  let count = 0;
  let ms = 0;
  for (const s of statements.values()) {
    count += s.count;
    ms += s.ms;
  }
  return { count, ms };
}

/** A Markdown table of the recorded statements, the costliest first. */
export function printStatements(statements: Map<string, StatementStats>): void {
  console.log("| statement | count | mean ms |\n|---|---:|---:|");
  for (const [text, s] of [...statements].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`| \`${text.replace(/\|/g, "¦")}\` | ${s.count} | ${(s.ms / s.count).toFixed(1)} |`);
  }
}
