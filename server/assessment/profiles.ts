import type { DbTx } from "@/server/db";
import type { FacetProfile } from "./facets";
import { latestResults, type LatestResult } from "./latest-results";
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

/** A member's sharing level in the workspace: whose facet scores team coverage may use. */
export interface SharingLevel {
  userId: string;
  level: string;
}

/** The team's coverage and who shares the facet scores it is made of. */
export interface TeamCoverageBasis {
  /** See getTeamCoverageProfile. */
  coverage: FacetProfile | null;
  /** Members who share EVERYTHING (the caller among them only if they do). */
  sharingEverything: string[];
}

/**
 * Team coverage from rows already read: the workspace's sharing levels and latest results
 * (each holding at least the members who share EVERYTHING, and the caller).
 */
export function teamCoverageBasis({
  sharing,
  latest,
  userId,
}: {
  sharing: readonly SharingLevel[];
  latest: ReadonlyMap<string, LatestResult>;
  userId?: string;
}): TeamCoverageBasis {
  const sharingEverything = sharing.flatMap((s) => (s.level === "EVERYTHING" ? [s.userId] : []));
  const counted = new Set([...sharingEverything, ...(userId ? [userId] : [])]);
  const results = [...latest.values()].filter((l) => counted.has(l.userId));
  if (results.length === 0) return { coverage: null, sharingEverything };
  const coverage = teamCoverage(results.map((l) => ({ memberId: l.userId, facetScores: l.result.facetScores })));
  const best = Object.fromEntries(Object.entries(coverage.facets).map(([facet, c]) => [facet, c.best ?? 0])) as FacetProfile;
  return { coverage: best, sharingEverything };
}

/** Reads what teamCoverageBasis needs: two statements, the second only for the members that count. */
export async function loadTeamCoverageBasis(
  db: DbTx,
  { workspaceId, userId }: { workspaceId: string; userId?: string },
): Promise<TeamCoverageBasis> {
  const sharing = await db.assessmentSharing.findMany({
    where: { workspaceId, level: "EVERYTHING" },
    select: { userId: true, level: true },
  });
  const userIds = [...new Set([...sharing.map((s) => s.userId), ...(userId ? [userId] : [])])];
  if (userIds.length === 0) return { coverage: null, sharingEverything: [] };
  return teamCoverageBasis({ sharing, latest: await latestResults(db, { workspaceId, userIds }), userId });
}

/**
 * The team's coverage: per facet, the best score among the members whose facet scores may be
 * used, or null when there are none. Facet scores are visible only for members who share
 * EVERYTHING, so those members count, plus the caller (`userId`), whose own scores are theirs
 * to use whatever they share.
 */
export async function getTeamCoverageProfile(db: DbTx, args: { workspaceId: string; userId?: string }): Promise<FacetProfile | null> {
  return (await loadTeamCoverageBasis(db, args)).coverage;
}
