import type { Db } from "@/server/db";
import type { FacetId } from "@/server/assessment/facets";
import { instrumentFacetName } from "@/server/opportunities/explain";
import { localized, type Localized } from "@/server/i18n/locale";
import { validationStage } from "./assumption-status";
import { evaluateIdeas } from "./evaluation";
import { getIdeaToEvaluate } from "./ideas";
import { proposeAssumptions } from "./proposals";
import { readFieldDrops } from "./run-evidence";
import { appendVerdict, verdictHistory } from "./verdict-events";

/**
 * The idea's full report: the verdict with everything behind it (evaluateIdeas), proposals for
 * assumptions not yet tested, and the verdict's history. Reading the report keeps the verdict
 * history current (a new run changes the verdict without an edit).
 */
export async function buildIdeaReport(db: Db, { workspaceId, userId, ideaId }: { workspaceId: string; userId: string; ideaId: string }) {
  const idea = await getIdeaToEvaluate(db, { workspaceId, ideaId });
  const { report, team, opp, validation } = (await evaluateIdeas(db, { workspaceId, userId, ideas: [idea] })).get(idea.id)!;
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
  await appendVerdict(db, { workspaceId, ideaId, verdict: report.verdict, cause: "evidence", detail: "", runKey: validation.runKey });
  // Read after the append, so the timeline always ends with the verdict shown beside it.
  const history = await verdictHistory(db, { workspaceId, ideaId });
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
