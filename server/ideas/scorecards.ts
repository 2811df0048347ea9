import type { TeamCoverageBasis } from "@/server/assessment/profiles";
import type { Db } from "@/server/db";
import { validationStage } from "./assumption-status";
import { evaluateIdeas } from "./evaluation";
import { listNewestIdeas } from "./ideas";
import { appendVerdicts } from "./verdict-events";

/** More ideas than this in one workspace are listed without scorecards. */
export const SCORECARD_LIMIT = 50;

/**
 * Each idea's verdict, readiness and pillar scores, newest first: what the ideas list and the
 * workspace home show to compare ideas. The same evaluation as the full report (evaluateIdeas),
 * so the two never disagree, and like the report it keeps each verdict history current. All
 * ideas are evaluated together: the statements do not grow with the number of ideas.
 * `team` is for callers that have already read the workspace's sharing levels and results.
 */
export async function ideaScorecards(
  db: Db,
  { workspaceId, userId, limit = SCORECARD_LIMIT }: { workspaceId: string; userId: string; limit?: number },
  team?: TeamCoverageBasis,
) {
  const ideas = await listNewestIdeas(db, workspaceId, limit);
  const evaluated = await evaluateIdeas(db, { workspaceId, userId, ideas }, team);
  await appendVerdicts(db, {
    workspaceId,
    events: ideas.map((idea) => {
      const { report, validation } = evaluated.get(idea.id)!;
      return { ideaId: idea.id, verdict: report.verdict, cause: "evidence" as const, detail: "", runKey: validation.runKey };
    }),
  });
  return ideas.map((idea) => {
    const { report, validation } = evaluated.get(idea.id)!;
    return {
      id: idea.id,
      title: idea.title,
      verdict: report.verdict,
      stage: validationStage(validation.assumptions),
      readiness: report.readiness,
      confidence: report.confidence,
      scores: report.scores,
    };
  });
}
