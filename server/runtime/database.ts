import path from "node:path";
import { env } from "@/server/env";
import { disconnectDb, getDb, setEmbeddedDatabaseUrl } from "@/server/db";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/server/db/embedded";
import { applyMigrations } from "@/server/db/migrate";
import { seedDatabaseExclusively } from "@/prisma/seed";
import { logger } from "@/server/log";
import { writePrivateFile } from "./private-file";

const log = logger("db");

const globalForRuntime = globalThis as unknown as {
  __vlDatabaseReady?: Promise<void>;
  __vlEmbedded?: EmbeddedDatabase;
};

const MIGRATIONS_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");

/**
 * Brings the database up once per process: starts the embedded PGlite server when there is
 * no DATABASE_URL, applies committed migrations, loads reference data and, on an empty
 * database, the demo workspace (not in production unless SEED_DEMO=1).
 */
export function ensureDatabase(): Promise<void> {
  return (globalForRuntime.__vlDatabaseReady ??= (async () => {
    let url = env.DATABASE_URL;
    if (!url) {
      const embedded = await startEmbeddedDatabase({ dataDir: env.embeddedDbDir });
      globalForRuntime.__vlEmbedded = embedded;
      setEmbeddedDatabaseUrl(embedded.url);
      url = embedded.url;
      // For operators (psql) and the end-to-end tests. Only this user can open the socket; the file is private all the same.
      writePrivateFile(path.join(env.dataDir, "db.url"), embedded.url + "\n");
      log.info("embedded PostgreSQL (PGlite) started", { dir: env.embeddedDbDir, url: embedded.url });
    }
    const applied = await applyMigrations(url, MIGRATIONS_DIR);
    if (applied.length) log.info(`applied ${applied.length} migration(s)`, { migrations: applied });
    await seedDatabaseExclusively(url, getDb(), { demo: env.seedDemo });
  })());
}

/** Closes the client, then the embedded database, so nothing is left to recover on restart. */
export async function closeDatabase() {
  await disconnectDb();
  await globalForRuntime.__vlEmbedded?.stop();
}
