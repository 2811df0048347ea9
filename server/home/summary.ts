import { bundledInstrument } from "@/server/assessment/instruments";
import { latestResults } from "@/server/assessment/latest-results";
import { teamCoverageBasis } from "@/server/assessment/profiles";
import type { Db } from "@/server/db";
import { ideaScorecards } from "@/server/ideas/scorecards";
import { runEvidence } from "@/server/prototypes/run-evidence";
import { readRunJson, ZRunMetrics } from "@/server/prototypes/run-json";
import { latestQueuedRun, sectionCounts } from "./figures";

const IDEAS_SHOWN = 3;

export type HomeSection = "assessment" | "opportunities" | "prototypes" | "ideas";

/**
 * The workspace home: where the founder and the team stand in each part of
 * "am I, are we, and is this idea ready?", and the one step that would add the
 * most evidence next. Reads through each domain's own functions, so its
 * scoping and privacy rules (e.g. what teammates share) apply unchanged; only
 * the section counts and the latest run are read here, one statement each.
 */
export async function workspaceHome(db: Db, { workspaceId, userId }: { workspaceId: string; userId: string }) {
  // Independent reads: concurrent on a PostgreSQL pool, one after another on the embedded database.
  const [{ memberCount, shortlisted, prototypeCount, ideaCount }, results, sharing, run] = await Promise.all([
    sectionCounts(db, workspaceId),
    latestResults(db, { workspaceId }),
    db.assessmentSharing.findMany({ where: { workspaceId }, select: { userId: true, level: true } }),
    latestQueuedRun(db, workspaceId),
  ]);
  // The ideas' team pillar reads the same sharing levels and results as the assessment section.
  const ideas = await ideaScorecards(
    db,
    { workspaceId, userId, limit: IDEAS_SHOWN },
    teamCoverageBasis({ sharing, latest: results, userId }),
  );

  const mine = results.get(userId) ?? null;
  const privateMembers = new Set(sharing.flatMap((row) => (row.level === "NONE" ? [row.userId] : [])));
  const instrument = bundledInstrument();
  const assessment = {
    mine: mine && {
      attemptId: mine.attemptId,
      completedAt: mine.completedAt,
      dimensions: instrument.dimensions.map((d) => ({ id: d.id, name: d.name, score: mine.result.dimensionScores[d.id] })),
    },
    // Members whose results the caller may see exist: themself, and those who share something.
    membersAssessed: [...results.keys()].filter((id) => id === userId || !privateMembers.has(id)).length,
    memberCount,
  };

  const metrics = readRunJson(ZRunMetrics, run?.metrics);
  const latestRun = run && {
    runId: run.id,
    version: run.version,
    status: run.status,
    accuracy: metrics?.accuracy ?? null,
    evidence: metrics ? runEvidence(metrics) : null,
    prototypeId: run.prototypeId,
    prototypeName: run.prototypeName,
  };

  // The first missing piece of evidence, in the order the idea report needs them.
  const next: HomeSection | null = !mine
    ? "assessment"
    : shortlisted === 0
      ? "opportunities"
      : !latestRun || latestRun.status !== "SUCCEEDED"
        ? "prototypes"
        : ideaCount === 0
          ? "ideas"
          : null;

  return {
    assessment,
    opportunities: { shortlisted },
    prototypes: { count: prototypeCount, latestRun },
    ideas: { count: ideaCount, recent: ideas.map(({ id, title, verdict, readiness }) => ({ id, title, verdict, readiness })) },
    next,
  };
}
