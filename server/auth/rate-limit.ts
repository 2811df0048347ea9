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
