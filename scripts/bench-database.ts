// A fresh database for the write-path benchmarks: the embedded PGlite in this process (as
// `npm start` runs it, pool of one) or a new scratch database on BENCH_PG_URL's PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export async function setUpBenchDatabase(kind: "pglite" | "postgres", prefix: string): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.VL_DATA_DIR = dataDir;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef-0123456789";
  let stop: () => Promise<void>;
  if (kind === "postgres") {
    const admin = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const { createScratchDatabase } = await import("../server/db/scratch-database");
    const scratch = await createScratchDatabase(admin, "vl_bench");
    process.env.DATABASE_URL = scratch.url;
    stop = scratch.drop;
  } else {
    const { startEmbeddedDatabase } = await import("../server/db/embedded");
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(dataDir, "db") });
    process.env.DATABASE_URL = embedded.url;
    process.env.DATABASE_POOL_MAX = "1"; // as the app runs on the embedded database
    stop = () => embedded.stop();
  }
  const { applyMigrations } = await import("../server/db/migrate");
  await applyMigrations(process.env.DATABASE_URL!, path.join(process.cwd(), "prisma", "migrations"));
  return async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
