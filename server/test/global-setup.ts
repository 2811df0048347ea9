import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createScratchDatabase } from "@/server/db/scratch-database";

/**
 * Integration tests run against a real database: the embedded PGlite (TEST_DB=pglite, the
 * default) or the local PostgreSQL server (TEST_DB=postgres), in a fresh database each run.
 */
export default async function setup(_project: TestProject) {
  const kind = process.env.TEST_DB ?? "pglite";
  const dataDir = mkdtempSync(path.join(tmpdir(), "vl-int-"));
  process.env.VL_DATA_DIR = dataDir;
  process.env.NEXTAUTH_SECRET = "integration-tests-secret-0123456789abcdef";
  let teardown: () => Promise<void>;

  if (kind === "postgres") {
    const admin = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const scratch = await createScratchDatabase(admin, "vl_test");
    process.env.DATABASE_URL = scratch.url;
    teardown = scratch.drop;
  } else {
    const { startEmbeddedDatabase } = await import("@/server/db/embedded");
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(dataDir, "db") });
    process.env.DATABASE_URL = embedded.url;
    // The URL is set as if it were a server; the pool must still be one connection for PGlite.
    process.env.DATABASE_POOL_MAX = "1";
    teardown = () => embedded.stop();
  }

  const { applyMigrations } = await import("@/server/db/migrate");
  await applyMigrations(process.env.DATABASE_URL!, path.join(process.cwd(), "prisma", "migrations"));
  const { getDb, disconnectDb } = await import("@/server/db");
  const { seedDatabase } = await import("@/prisma/seed");
  await seedDatabase(getDb(), { demo: false });
  await disconnectDb();

  return async () => {
    await teardown();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
