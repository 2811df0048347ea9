import pg from "pg";

/**
 * Runs `fn` while holding a PostgreSQL session advisory lock on its own connection, so that
 * several app or worker processes starting at once do one step (migrations, the start-up seed)
 * one after another. The lock is released when the connection closes, also if `fn` throws.
 */
export async function withAdvisoryLock<T>(url: string, key: number, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [key]);
    return await fn();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => undefined);
    await client.end();
  }
}

/** Prisma Migrate's own key: `prisma migrate deploy` and our start-up migrations exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;
/** The start-up seed (reference data upserts, the demo account on an empty database). */
export const SEED_LOCK_KEY = 72707370;
