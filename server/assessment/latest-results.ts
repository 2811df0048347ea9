import type { DbTx } from "@/server/db";
import type { AssessmentResult } from "./scoring";
import { readStoredResult } from "./stored-result";

export interface LatestResult {
  userId: string;
  attemptId: string;
  completedAt: Date;
  result: AssessmentResult;
}

/**
 * Each current member's latest completed attempt in the workspace (optionally only `userIds`).
 * Former members drop out: the membership filter is part of the query.
 */
export async function latestResults(
  db: DbTx,
  { workspaceId, userIds }: { workspaceId: string; userIds?: readonly string[] },
): Promise<Map<string, LatestResult>> {
  const rows = await db.assessmentAttempt.findMany({
    where: {
      workspaceId,
      status: "COMPLETED",
      ...(userIds ? { userId: { in: [...userIds] } } : {}),
      user: { memberships: { some: { workspaceId } } },
    },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    distinct: ["userId"],
    select: { id: true, userId: true, completedAt: true, scores: true },
  });
  const latest = new Map<string, LatestResult>();
  for (const row of rows) {
    if (latest.has(row.userId) || !row.completedAt) continue;
    latest.set(row.userId, { userId: row.userId, attemptId: row.id, completedAt: row.completedAt, result: readStoredResult(row.scores) });
  }
  return latest;
}
