import type { DbTx } from "@/server/db";
import { MIN_RESPONDENTS_FOR_RELIABILITY, reliabilityReport, type ReliabilityReport } from "./alpha";
import type { Answers } from "./answers";
import { getResult } from "./attempts";
import type { FacetProfile } from "./facets";
import { currentInstrumentVersion, loadInstrument } from "./instrument-store";
import { referenceGroup } from "./reference-group";
import { readStoredResult } from "./stored-result";

/**
 * Alpha from stored attempts: one attempt per person (their latest completed one on the
 * version), because a founder's repeated attempts are not independent and would inflate it.
 */

// Keeps the all-workspaces computation bounded on a large installation; alpha settles long before.
const MAX_ATTEMPTS = 5000;

function latestPerUser(rows: { userId: string; answers: unknown }[]): Answers[] {
  const seen = new Set<string>();
  const out: Answers[] = [];
  for (const row of rows) {
    if (seen.has(row.userId)) continue;
    seen.add(row.userId);
    out.push(row.answers as Answers);
  }
  return out;
}

export interface ReliabilityOverview {
  version: number;
  minRespondents: number;
  workspace: ReliabilityReport;
  allWorkspaces: ReliabilityReport;
}

/**
 * The workspace's figure leaves out members who share nothing (an aggregate, but their choice
 * is respected); the all-workspaces figure is anonymous and returns nothing but coefficients
 * and counts, so it reads across tenants on purpose.
 */
export async function reliabilityOverview(db: DbTx, { workspaceId }: { workspaceId: string }): Promise<ReliabilityOverview> {
  const version = currentInstrumentVersion();
  const instrument = await loadInstrument(db, version);
  const hidden = await db.assessmentSharing.findMany({ where: { workspaceId, level: "NONE" }, select: { userId: true } });
  const workspaceRows = await db.assessmentAttempt.findMany({
    where: {
      workspaceId,
      instrumentVersion: version,
      status: "COMPLETED",
      userId: { notIn: hidden.map((h) => h.userId) },
      user: { memberships: { some: { workspaceId } } },
    },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    select: { userId: true, answers: true },
  });
  const allRows = await unsafeCompletedAnswersAcrossWorkspaces(db, version);
  return {
    version,
    minRespondents: MIN_RESPONDENTS_FOR_RELIABILITY,
    workspace: reliabilityReport(instrument, latestPerUser(workspaceRows)),
    allWorkspaces: reliabilityReport(instrument, latestPerUser(allRows)),
  };
}

/** Unscoped by design (see reliabilityOverview); the answers never leave this module. */
async function unsafeCompletedAnswersAcrossWorkspaces(db: DbTx, version: number) {
  return db.assessmentAttempt.findMany({
    where: { instrumentVersion: version, status: "COMPLETED" },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    take: MAX_ATTEMPTS,
    select: { userId: true, answers: true },
  });
}

/**
 * The anonymous reference pool: the facet scores of each person's latest completed attempt, on
 * any version (facet scores share one 0–100 scale), across all workspaces. Reads across tenants
 * on purpose and returns only percentiles and a count to the caller (referenceGroupFor).
 */
async function unsafeLatestFacetProfilesAcrossWorkspaces(db: DbTx): Promise<FacetProfile[]> {
  const rows = await db.assessmentAttempt.findMany({
    where: { status: "COMPLETED" },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    take: MAX_ATTEMPTS,
    select: { userId: true, scores: true },
  });
  const seen = new Set<string>();
  const out: FacetProfile[] = [];
  for (const row of rows) {
    if (seen.has(row.userId)) continue;
    seen.add(row.userId);
    out.push(readStoredResult(row.scores).facetScores);
  }
  return out;
}

/** Percentiles per facet of one of the founder's own completed attempts against the pool. */
export async function referenceGroupFor(db: DbTx, input: { workspaceId: string; userId: string; attemptId: string }) {
  const own = await getResult(db, input);
  return referenceGroup(own.result.facetScores, await unsafeLatestFacetProfilesAcrossWorkspaces(db));
}
