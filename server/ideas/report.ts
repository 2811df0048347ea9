import { z } from "zod";
import type { Db } from "@/server/db";
import { getTeamCoverageProfile } from "@/server/assessment/profiles";
import type { FacetId } from "@/server/assessment/facets";
import { instrumentFacetName } from "@/server/opportunities/explain";
import { resolveCustomOpportunity } from "@/server/opportunities/refs";
import { bundledDataset } from "@/server/opportunities/dataset";
import { toScorable, scoreOpportunity, type ScorableOpportunity } from "@/server/opportunities/scoring";
import type { LocalizedText } from "@/server/opportunities/dataset-schema";
import { getIdea } from "./ideas";
import { evaluateIdea, type OpportunityEvidence, type PrototypeEvidence, type TeamEvidence, type VerdictReport } from "./verdict";
import { localized, type Localized } from "@/server/i18n/locale";

/** The parts of a run's stored metrics the report reads; anything else is ignored. */
const ZRunMetrics = z.object({ accuracy: z.number(), macroF1: z.number(), classes: z.array(z.string()).min(2) });
const ZRunSizes = z.object({ validation: z.number().int().nonnegative() });

export interface ResolvedOpportunity {
  ref: string;
  title: LocalizedText | string;
  scorable: ScorableOpportunity;
}

/** Curated opportunities by dataset key; the workspace's own through `resolveCustom`. */
export async function resolveOpportunity(
  ref: string | null,
  resolveCustom?: (ref: string) => Promise<ResolvedOpportunity | null>,
): Promise<ResolvedOpportunity | null> {
  if (!ref) return null;
  const curated = bundledDataset().opportunities.find((o) => o.key === ref);
  if (curated) return { ref, title: curated.title, scorable: toScorable(curated) };
  return resolveCustom ? resolveCustom(ref) : null;
}

async function prototypeEvidence(db: Db, workspaceId: string, prototypeId: string | null): Promise<PrototypeEvidence | null> {
  if (!prototypeId) return null;
  const run = await db.trainingRun.findFirst({
    where: { workspaceId, prototypeId, status: "SUCCEEDED" },
    orderBy: { version: "desc" },
    select: { version: true, metrics: true, dataSizes: true, prototype: { select: { name: true } } },
  });
  if (!run) return null;
  const metrics = ZRunMetrics.safeParse(run.metrics);
  const sizes = ZRunSizes.safeParse(run.dataSizes);
  if (!metrics.success || !sizes.success) return null;
  return {
    name: run.prototype.name,
    version: run.version,
    accuracy: metrics.data.accuracy,
    macroF1: metrics.data.macroF1,
    classes: metrics.data.classes.length,
    validationImages: sizes.data.validation,
  };
}

export interface IdeaReport extends VerdictReport {
  opportunityTitle: LocalizedText | string | null;
  /** Whose profiles the team evidence used. */
  teamBasis: { membersAssessed: number } | null;
  /** Names of the facets the reasons mention, in both languages. */
  facetNames: Partial<Record<FacetId, Localized>>;
}

/**
 * Gathers the evidence for one idea, all scoped to the workspace, and evaluates it. The team is
 * the coverage profile of members who share their facet scores plus the caller.
 */
export async function buildIdeaReport(
  db: Db,
  { workspaceId, userId, ideaId }: { workspaceId: string; userId: string; ideaId: string },
): Promise<IdeaReport> {
  const idea = await getIdea(db, { workspaceId, ideaId });
  const opp = await resolveOpportunity(idea.opportunityRef, (ref) => resolveCustomOpportunity(db, { workspaceId, ref }));
  const coverage = await getTeamCoverageProfile(db, { workspaceId, userId });

  let team: TeamEvidence | null = null;
  let opportunity: OpportunityEvidence | null = null;
  if (opp) {
    const scores = scoreOpportunity(opp.scorable, { profile: coverage });
    const title = typeof opp.title === "string" ? opp.title : opp.title.en;
    opportunity = { title, value: scores.value.score, feasibility: scores.feasibility.score };
    if (scores.fit) {
      const sharing = await db.assessmentSharing.count({ where: { workspaceId, level: "EVERYTHING", userId: { not: userId } } });
      team = { fit: scores.fit.score, gaps: scores.fit.blindSpots, membersAssessed: sharing + 1 };
    }
  }
  const report = evaluateIdea({ team, opportunity, prototype: await prototypeEvidence(db, workspaceId, idea.prototypeId) });
  if (!team && coverage && !opp) {
    // The team has profiles; fit needs an opportunity to measure them against.
    for (const list of [report.reasons, report.nextSteps]) {
      for (const r of list)
        if (r.pillar === "team" && r.tone === "missing") r.key = r.key === "team_missing" ? "team_needs_opportunity" : "step_opportunity";
    }
  }
  const facetNames = Object.fromEntries((team?.gaps ?? []).map((f) => [f, localized((l) => instrumentFacetName(f, l))]));
  return {
    ...report,
    opportunityTitle: opp?.title ?? null,
    teamBasis: team ? { membersAssessed: team.membersAssessed } : null,
    facetNames,
  };
}
