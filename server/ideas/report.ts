import type { Db } from "@/server/db";
import { getTeamCoverageProfile } from "@/server/assessment/profiles";
import type { FacetId } from "@/server/assessment/facets";
import { instrumentFacetName } from "@/server/opportunities/explain";
import { resolveCustomOpportunity } from "@/server/opportunities/refs";
import { bundledDataset } from "@/server/opportunities/dataset";
import { toScorable, scoreOpportunity, type ScorableOpportunity } from "@/server/opportunities/scoring";
import type { LocalizedText } from "@/server/opportunities/dataset-schema";
import { validationStage } from "./assumption-status";
import { getIdea } from "./ideas";
import { proposeAssumptions } from "./proposals";
import { readFieldDrops, type RunEvidence } from "./run-evidence";
import { loadValidation } from "./validation";
import { appendVerdict, verdictHistory } from "./verdict-events";
import {
  dedupe,
  evaluateIdea,
  proofScore,
  type OpportunityEvidence,
  type PrototypeEvidence,
  type TeamEvidence,
  type VerdictReport,
} from "./verdict";
import { localized, type Localized } from "@/server/i18n/locale";

export interface ResolvedOpportunity {
  ref: string;
  title: LocalizedText | string;
  scorable: ScorableOpportunity;
}

/** Curated opportunities by dataset key; the workspace's own through `resolveCustom`. */
async function resolveOpportunity(
  ref: string | null,
  resolveCustom?: (ref: string) => Promise<ResolvedOpportunity | null>,
): Promise<ResolvedOpportunity | null> {
  if (!ref) return null;
  const curated = bundledDataset().opportunities.find((o) => o.key === ref);
  if (curated) return { ref, title: curated.title, scorable: toScorable(curated) };
  return resolveCustom ? resolveCustom(ref) : null;
}

function toPrototypeEvidence(run: RunEvidence): PrototypeEvidence {
  return {
    name: run.prototypeName,
    version: run.version,
    accuracy: run.accuracy,
    macroF1: run.macroF1,
    classes: run.classes.length,
    validationImages: run.heldOut,
  };
}

/**
 * The prototype pillar: the weakest of the runs this idea's experiments read, so adding a
 * second, better prototype never hides a weak one. A prototype linked to the idea but to no
 * experiment is not here: it proves nothing about this idea's assumptions.
 */
function proofFrom(runs: RunEvidence[]): PrototypeEvidence | null {
  let weakest: PrototypeEvidence | null = null;
  for (const run of runs) {
    const p = toPrototypeEvidence(run);
    if (!weakest || proofScore(p) < proofScore(weakest)) weakest = p;
  }
  return weakest;
}

/**
 * Gathers the evidence for one idea, all scoped to the workspace, and evaluates it. The team is
 * the coverage profile of members who share their facet scores plus the caller. Reading the
 * report keeps the verdict history current (a new run changes the verdict without an edit);
 * `record: false` is for callers that record the change themselves with its cause.
 */
export async function buildIdeaReport(
  db: Db,
  { workspaceId, userId, ideaId }: { workspaceId: string; userId: string; ideaId: string },
  { record = true }: { record?: boolean } = {},
) {
  const idea = await getIdea(db, { workspaceId, ideaId });
  const opp = await resolveOpportunity(idea.opportunityRef, (ref) => resolveCustomOpportunity(db, { workspaceId, ref }));
  const coverage = await getTeamCoverageProfile(db, { workspaceId, userId });
  const validation = await loadValidation(db, { workspaceId, ideaId });

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
  const report: VerdictReport = evaluateIdea({
    team,
    opportunity,
    prototype: proofFrom(validation.linkedRuns),
    assumptions: validation.assumptions,
    economics: validation.economics,
  });
  if (!team && coverage && !opp) {
    // The team has profiles; fit needs an opportunity to measure them against.
    for (const list of [report.reasons, report.nextSteps]) {
      for (const r of list)
        if (r.pillar === "team" && r.tone === "missing") r.key = r.key === "team_missing" ? "team_needs_opportunity" : "step_opportunity";
    }
    report.nextSteps = dedupe(report.nextSteps);
  }
  const taken = new Set(validation.assumptions.map((a) => a.origin));
  const proposals = proposeAssumptions({
    factors: opp?.scorable.factors ?? null,
    gaps: team?.gaps ?? [],
    title: opp ? (typeof opp.title === "string" ? opp.title : opp.title.en) : null,
  }).filter((p) => !taken.has(p.origin));
  const facets = new Set<FacetId>([
    ...(team?.gaps ?? []),
    ...proposals.flatMap((p) => (p.params.facet ? [p.params.facet as FacetId] : [])),
  ]);
  const facetNames = Object.fromEntries([...facets].map((f) => [f, localized((l) => instrumentFacetName(f, l))]));
  if (record)
    await appendVerdict(db, { workspaceId, ideaId, verdict: report.verdict, cause: "evidence", detail: "", runKey: validation.runKey });
  // Read after the append, so the timeline always ends with the verdict shown beside it.
  const history = record ? await verdictHistory(db, { workspaceId, ideaId }) : [];
  return {
    ...report,
    opportunityTitle: opp?.title ?? null,
    /** Where each pillar's evidence comes from, for links on the report. */
    sources: {
      opportunityRef: opp?.ref ?? null,
      opportunityCustom: opp ? typeof opp.title === "string" : false,
      runs: validation.linkedRuns.map((r) => ({ prototypeId: r.prototypeId, name: r.prototypeName, version: r.version, runId: r.runId })),
    },
    /** Whose profiles the team evidence used. */
    teamBasis: team ? { membersAssessed: team.membersAssessed } : null,
    /** Names of the facets the reasons and proposals mention, in both languages. */
    facetNames: facetNames as Partial<Record<FacetId, Localized>>,
    stage: validationStage(validation.assumptions),
    assumptions: validation.assumptions,
    experiments: validation.experiments,
    economics: validation.economics,
    economicsInputs: validation.economicsInputs,
    proposals,
    /** Each change of the verdict with its cause, oldest first. */
    history,
    runKey: validation.runKey,
    /** Linked prototypes whose field accuracy dropped below lab (a flag beside the verdict, not part of it). */
    fieldDrops: await readFieldDrops(db, { workspaceId, runs: validation.linkedRuns }),
  };
}

export type IdeaReport = Awaited<ReturnType<typeof buildIdeaReport>>;
