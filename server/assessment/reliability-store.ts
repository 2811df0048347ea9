import type { DbTx } from "@/server/db";
import { MIN_RESPONDENTS_FOR_RELIABILITY, reliabilityReport, type ReliabilityReport } from "./alpha";
import type { Answers } from "./answers";
import { getResult } from "./attempts";
import type { FacetProfile } from "./facets";
import { currentInstrumentVersion, loadInstrument } from "./instrument-store";
import { bundledInstrument } from "./instruments";
import { hasObserverForm, observerReliabilityReport } from "./observer";
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

/**
 * Observer alpha is shown only from this many complete rater forms per scale: raters skip what
 * they cannot judge, so n differs per scale, and below this a coefficient is noise.
 */
export const MIN_OBSERVER_FORMS_FOR_ALPHA = 10;

export interface ReliabilityOverview {
  version: number;
  minRespondents: number;
  workspace: ReliabilityReport;
  allWorkspaces: ReliabilityReport;
  /** Observer form in this workspace (every rater form submitted about any member), or null if the version has none. */
  observer: ReliabilityReport | null;
  minObserverForms: number;
}

/** Alpha hidden (too_few_respondents) on every scale with fewer than MIN_OBSERVER_FORMS_FOR_ALPHA complete forms. */
function withObserverMinimum(report: ReliabilityReport): ReliabilityReport {
  const gate = <R extends ReliabilityReport["facets"][keyof ReliabilityReport["facets"]]>(r: R) =>
    r.n >= MIN_OBSERVER_FORMS_FOR_ALPHA
      ? r
      : { alpha: null, n: r.n, k: r.k, reliable: false as const, reason: "too_few_respondents" as const };
  return {
    ...report,
    facets: Object.fromEntries(Object.entries(report.facets).map(([k, r]) => [k, gate(r)])) as ReliabilityReport["facets"],
    dimensions: Object.fromEntries(Object.entries(report.dimensions).map(([k, r]) => [k, gate(r)])) as ReliabilityReport["dimensions"],
  };
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
  // The observer texts live in the bundled file (added after v2 was stored); scoring is the same.
  const observerInstrument = bundledInstrument(version);
  const raterRows = hasObserverForm(observerInstrument)
    ? await db.assessmentRater.findMany({
        where: { workspaceId, instrumentVersion: version, submittedAt: { not: null } },
        orderBy: { submittedAt: "desc" },
        take: MAX_ATTEMPTS,
        select: { answers: true },
      })
    : null;
  return {
    version,
    minRespondents: MIN_RESPONDENTS_FOR_RELIABILITY,
    workspace: reliabilityReport(instrument, latestPerUser(workspaceRows)),
    allWorkspaces: reliabilityReport(instrument, latestPerUser(allRows)),
    observer: raterRows
      ? withObserverMinimum(
          observerReliabilityReport(
            observerInstrument,
            raterRows.flatMap((r) => (r.answers ? [r.answers as Answers] : [])),
          ),
        )
      : null,
    minObserverForms: MIN_OBSERVER_FORMS_FOR_ALPHA,
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
