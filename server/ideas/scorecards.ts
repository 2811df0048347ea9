import type { Db } from "@/server/db";
import { listIdeas } from "./ideas";
import { buildIdeaReport } from "./report";

/** More ideas than this in one workspace are listed without scorecards (each costs a full report). */
export const SCORECARD_LIMIT = 50;

/**
 * Each idea's verdict, readiness and pillar scores, newest first: what the ideas
 * list and the workspace home show to compare ideas. The same evaluation as the
 * full report (buildIdeaReport), so the two never disagree.
 */
export async function ideaScorecards(
  db: Db,
  { workspaceId, userId, limit = SCORECARD_LIMIT }: { workspaceId: string; userId: string; limit?: number },
) {
  const ideas = (await listIdeas(db, workspaceId)).slice(0, limit);
  const cards = [];
  for (const idea of ideas) {
    const report = await buildIdeaReport(db, { workspaceId, userId, ideaId: idea.id });
    cards.push({
      id: idea.id,
      title: idea.title,
      verdict: report.verdict,
      stage: report.stage,
      readiness: report.readiness,
      confidence: report.confidence,
      scores: report.scores,
    });
  }
  return cards;
}
