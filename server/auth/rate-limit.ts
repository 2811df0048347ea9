import type { Db } from "@/server/db";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  resetAt: Date;
}

/**
 * Fixed-window counter kept in the database, so every app process shares it. One atomic
 * statement: concurrent attempts cannot both slip under the limit. `cost`: how many
 * units this attempt uses (a batch prediction counts each image).
 */
export async function hitRateLimit(db: Db, key: string, max: number, windowMs: number, cost = 1): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt")
    VALUES (${key}, ${cost}, now() + ${windowMs} * interval '1 millisecond')
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN ${cost} ELSE "RateLimitBucket"."count" + ${cost} END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= now()
        THEN now() + ${windowMs} * interval '1 millisecond' ELSE "RateLimitBucket"."resetAt" END
    RETURNING "count", "resetAt"`;
  const row = rows[0]!;
  return { allowed: row.count <= max, count: row.count, resetAt: row.resetAt };
}

export async function resetRateLimit(db: Db, key: string) {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}

/** Gives back one counted attempt (a sign-in that turned out to be correct). */
export async function refundRateLimit(db: Db, key: string) {
  await db.rateLimitBucket.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

/**
 * How long to wait before answering a wrong password, given the email's failures in the
 * window (from every address): nothing for the first few typos, then doubling up to a cap.
 * It slows guessing at one account without ever refusing its owner.
 */
export function failureDelayMs(failures: number, opts = { freeFailures: 3, baseMs: 250, maxMs: 5_000 }): number {
  if (failures <= opts.freeFailures) return 0;
  return Math.min(opts.maxMs, opts.baseMs * 2 ** (failures - opts.freeFailures - 1));
}
