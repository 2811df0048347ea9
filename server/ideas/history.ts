import type { Db } from "@/server/db";
import { evaluateIdeas } from "./evaluation";
import { getIdeaToEvaluate } from "./ideas";
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
  const idea = await getIdeaToEvaluate(db, { workspaceId, ideaId });
  const { report, validation } = (await evaluateIdeas(db, { workspaceId, userId, ideas: [idea] })).get(idea.id)!;
  await appendVerdict(db, { workspaceId, ideaId, verdict: report.verdict, cause, detail, runKey: validation.runKey });
}
