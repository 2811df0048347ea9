import type { RunStatus } from "@/generated/prisma/enums";
import type { DbTx } from "@/server/db";

/**
 * The home's counts, one per section, in one statement: on the embedded database every statement
 * is paid in full, one after another, and four counts were four round trips. Scoped like every
 * read of the home: each count is of one workspace's rows.
 */
export async function sectionCounts(db: DbTx, workspaceId: string) {
  const rows = await db.$queryRaw<{ memberCount: number; shortlisted: number; prototypeCount: number; ideaCount: number }[]>`
    SELECT (SELECT count(*) FROM "Membership" WHERE "workspaceId" = ${workspaceId})::int AS "memberCount",
           (SELECT count(*) FROM "OpportunityMark" WHERE "workspaceId" = ${workspaceId} AND "starred")::int AS "shortlisted",
           (SELECT count(*) FROM "Prototype" WHERE "workspaceId" = ${workspaceId} AND "archivedAt" IS NULL)::int AS "prototypeCount",
           (SELECT count(*) FROM "Idea" WHERE "workspaceId" = ${workspaceId})::int AS "ideaCount"`;
  return rows[0]!;
}

/**
 * The workspace's most recently queued run of a prototype that is not archived, with its
 * prototype's name: one statement (a Prisma relation select costs a second round trip).
 */
export async function latestQueuedRun(db: DbTx, workspaceId: string) {
  const rows = await db.$queryRaw<
    { id: string; version: number; status: RunStatus; metrics: unknown; prototypeId: string; prototypeName: string }[]
  >`
    SELECT r."id", r."version", r."status"::text AS "status", r."metrics", p."id" AS "prototypeId", p."name" AS "prototypeName"
      FROM "TrainingRun" r JOIN "Prototype" p ON p."id" = r."prototypeId"
     WHERE r."workspaceId" = ${workspaceId} AND p."workspaceId" = ${workspaceId} AND p."archivedAt" IS NULL
     ORDER BY r."queuedAt" DESC
     LIMIT 1`;
  return rows[0] ?? null;
}
