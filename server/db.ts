import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/server/env";

/**
 * The one Prisma client. It always talks PostgreSQL through `@prisma/adapter-pg`: to a
 * server (DATABASE_URL) or to the embedded PGlite socket that server/runtime/database.ts
 * starts. On the embedded database the pool has one connection: PGlite runs one query at a
 * time and parallel interactive transactions on several connections fail there.
 */
const globalForDb = globalThis as unknown as {
  __vlPrisma?: Db;
  __vlEmbeddedUrl?: string;
};

export function setEmbeddedDatabaseUrl(url: string) {
  globalForDb.__vlEmbeddedUrl = url;
}

export function databaseUrl(): string {
  const url = env.DATABASE_URL ?? globalForDb.__vlEmbeddedUrl;
  if (!url) throw new Error("The embedded database has not been started (server/runtime/database.ts).");
  return url;
}

const TRANSACTION_MAX_WAIT_MS = 15_000;

function createClient() {
  const max = env.DATABASE_POOL_MAX ?? (env.DATABASE_URL ? 10 : 1);
  const adapter = new PrismaPg({ connectionString: databaseUrl(), max });
  return new PrismaClient({
    adapter,
    // Secrets never leave the database layer unless a query asks for them explicitly.
    omit: { user: { passwordHash: true } },
    // Prisma's default 2 s wait for a transaction is shorter than the queue a burst builds in
    // front of a small pool (one connection on PGlite): 50 parallel sign-ups failed with it.
    // Transactions stay short (no hashing or file work inside), so waiting longer is safe.
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
  });
}

export type Db = ReturnType<typeof createClient>;
/** What a domain function needs: the client or an interactive transaction of it. */
export type DbTx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Lazily created so the embedded database can start first. */
export function getDb(): Db {
  return (globalForDb.__vlPrisma ??= createClient());
}

export async function disconnectDb() {
  const client = globalForDb.__vlPrisma;
  globalForDb.__vlPrisma = undefined;
  await client?.$disconnect();
}
