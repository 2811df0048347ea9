import { bundledInstrument } from "@/server/assessment/instruments";
import { latestResults } from "@/server/assessment/latest-results";
import type { Db } from "@/server/db";
import { countIdeas } from "@/server/ideas/ideas";
import { ideaScorecards } from "@/server/ideas/scorecards";
import { runEvidence } from "@/server/prototypes/run-evidence";
import { readRunJson, ZRunMetrics } from "@/server/prototypes/run-json";

const IDEAS_SHOWN = 3;

export type HomeSection = "assessment" | "opportunities" | "prototypes" | "ideas";

/**
 * The workspace home: where the founder and the team stand in each part of
 * "am I, are we, and is this idea ready?", and the one step that would add the
 * most evidence next. Reads through each domain's own functions, so its
 * scoping and privacy rules (e.g. what teammates share) apply unchanged.
 */
export async function workspaceHome(db: Db, { workspaceId, userId }: { workspaceId: string; userId: string }) {
  const memberCount = await db.membership.count({ where: { workspaceId } });
  const results = await latestResults(db, { workspaceId });
  const mine = results.get(userId) ?? null;
  const privateMembers = new Set(
    (await db.assessmentSharing.findMany({ where: { workspaceId, level: "NONE" }, select: { userId: true } })).map((row) => row.userId),
  );
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

  const shortlisted = await db.opportunityMark.count({ where: { workspaceId, starred: true } });

  const prototypeCount = await db.prototype.count({ where: { workspaceId, archivedAt: null } });
  const run = await db.trainingRun.findFirst({
    where: { workspaceId, prototype: { archivedAt: null } },
    orderBy: { queuedAt: "desc" },
    select: { id: true, version: true, status: true, metrics: true, prototype: { select: { id: true, name: true } } },
  });
  const metrics = readRunJson(ZRunMetrics, run?.metrics);
  const latestRun = run && {
    runId: run.id,
    version: run.version,
    status: run.status,
    accuracy: metrics?.accuracy ?? null,
    evidence: metrics ? runEvidence(metrics) : null,
    prototypeId: run.prototype.id,
    prototypeName: run.prototype.name,
  };

  const ideaCount = await countIdeas(db, workspaceId);
  const ideas = await ideaScorecards(db, { workspaceId, userId, limit: IDEAS_SHOWN });

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
