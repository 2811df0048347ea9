import type { Db } from "@/server/db";
import { buildIdeaReport } from "./report";
import { appendVerdict, type VerdictCause } from "./verdict-events";

/** Recomputes the verdict after a change to the idea and keeps it if it changed. */
export async function recordVerdictChange(
  db: Db,
  {
    workspaceId,
    userId,
    ideaId,
    cause,
    detail,
  }: { workspaceId: string; userId: string; ideaId: string; cause: VerdictCause; detail: string },
) {
  const report = await buildIdeaReport(db, { workspaceId, userId, ideaId }, { record: false });
  await appendVerdict(db, { workspaceId, ideaId, verdict: report.verdict, cause, detail, runKey: report.runKey });
}
