import type { DbTx } from "@/server/db";
import type { FacetProfile } from "./facets";
import { latestResults } from "./latest-results";
import { teamCoverage } from "./team-coverage";

/**
 * Facet profiles for other domains (the opportunity fit score). Facet ids are those of
 * facets.ts; scores are 0–100 from the latest completed attempt.
 */

/** The member's own latest facet scores in this workspace, or null before a completed attempt. */
export async function getFacetProfile(db: DbTx, { workspaceId, userId }: { workspaceId: string; userId: string }) {
  const latest = await latestResults(db, { workspaceId, userIds: [userId] });
  return latest.get(userId)?.result.facetScores ?? null;
}

/**
 * The team's coverage: per facet, the best score among the members whose facet scores may be
 * used, or null when there are none. Facet scores are visible only for members who share
 * EVERYTHING, so those members count, plus the caller (`userId`), whose own scores are theirs
 * to use whatever they share.
 */
export async function getTeamCoverageProfile(
  db: DbTx,
  { workspaceId, userId }: { workspaceId: string; userId?: string },
): Promise<FacetProfile | null> {
  const sharing = await db.assessmentSharing.findMany({
    where: { workspaceId, level: "EVERYTHING" },
    select: { userId: true },
  });
  const userIds = [...new Set([...sharing.map((s) => s.userId), ...(userId ? [userId] : [])])];
  if (userIds.length === 0) return null;
  const latest = await latestResults(db, { workspaceId, userIds });
  if (latest.size === 0) return null;
  const coverage = teamCoverage([...latest.values()].map((l) => ({ memberId: l.userId, facetScores: l.result.facetScores })));
  return Object.fromEntries(Object.entries(coverage.facets).map(([facet, c]) => [facet, c.best ?? 0])) as FacetProfile;
}
