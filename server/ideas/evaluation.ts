import type { Db } from "@/server/db";
import { loadTeamCoverageBasis, type TeamCoverageBasis } from "@/server/assessment/profiles";
import { resolveCustomOpportunities } from "@/server/opportunities/refs";
import { bundledDataset } from "@/server/opportunities/dataset";
import { toScorable, scoreOpportunity, type ScorableOpportunity } from "@/server/opportunities/scoring";
import type { LocalizedText } from "@/server/opportunities/dataset-schema";
import type { RunEvidence } from "./run-evidence";
import { loadValidations } from "./validation";
import {
  dedupe,
  evaluateIdea,
  proofScore,
  type OpportunityEvidence,
  type PrototypeEvidence,
  type TeamEvidence,
  type VerdictReport,
} from "./verdict";

export interface ResolvedOpportunity {
  ref: string;
  title: LocalizedText | string;
  scorable: ScorableOpportunity;
}

/** What evaluating an idea needs of the idea itself. */
export interface IdeaToEvaluate {
  id: string;
  opportunityRef: string | null;
}

/** Curated opportunities by dataset key, the workspace's own by id (one statement for all of them); unknown refs are absent. */
async function resolveOpportunities(db: Db, workspaceId: string, refs: readonly string[]): Promise<Map<string, ResolvedOpportunity>> {
  const resolved = new Map<string, ResolvedOpportunity>();
  const customRefs: string[] = [];
  for (const ref of new Set(refs)) {
    const curated = bundledDataset().opportunities.find((o) => o.key === ref);
    if (curated) resolved.set(ref, { ref, title: curated.title, scorable: toScorable(curated) });
    else customRefs.push(ref);
  }
  for (const [ref, custom] of await resolveCustomOpportunities(db, { workspaceId, refs: customRefs })) resolved.set(ref, custom);
  return resolved;
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
 * Evaluates ideas of one workspace for the caller: the verdict and the evidence it rests on. The
 * team is the coverage profile of members who share their facet scores plus the caller. The
 * report, the scorecards and the verdict history all evaluate through here, so they never
 * disagree; several ideas cost the statements of one (each table read once for all of them).
 * `team` is for callers that have already read the workspace's sharing levels and results.
 */
export async function evaluateIdeas(
  db: Db,
  { workspaceId, userId, ideas }: { workspaceId: string; userId: string; ideas: readonly IdeaToEvaluate[] },
  team?: TeamCoverageBasis,
) {
  if (ideas.length === 0) return new Map<string, never>();
  const [basis, opportunities, validations] = await Promise.all([
    team ?? loadTeamCoverageBasis(db, { workspaceId, userId }),
    resolveOpportunities(
      db,
      workspaceId,
      ideas.flatMap((i) => (i.opportunityRef ? [i.opportunityRef] : [])),
    ),
    loadValidations(db, { workspaceId, ideaIds: ideas.map((i) => i.id) }),
  ]);
  const othersSharing = basis.sharingEverything.filter((id) => id !== userId).length;
  return new Map(
    ideas.map((idea) => {
      const opp = (idea.opportunityRef && opportunities.get(idea.opportunityRef)) || null;
      const validation = validations.get(idea.id)!;
      let team: TeamEvidence | null = null;
      let opportunity: OpportunityEvidence | null = null;
      if (opp) {
        const scores = scoreOpportunity(opp.scorable, { profile: basis.coverage });
        const title = typeof opp.title === "string" ? opp.title : opp.title.en;
        opportunity = { title, value: scores.value.score, feasibility: scores.feasibility.score };
        if (scores.fit) team = { fit: scores.fit.score, gaps: scores.fit.blindSpots, membersAssessed: othersSharing + 1 };
      }
      const report: VerdictReport = evaluateIdea({
        team,
        opportunity,
        prototype: proofFrom(validation.linkedRuns),
        assumptions: validation.assumptions,
        economics: validation.economics,
      });
      if (!team && basis.coverage && !opp) {
        // The team has profiles; fit needs an opportunity to measure them against.
        for (const list of [report.reasons, report.nextSteps]) {
          for (const r of list)
            if (r.pillar === "team" && r.tone === "missing")
              r.key = r.key === "team_missing" ? "team_needs_opportunity" : "step_opportunity";
        }
        report.nextSteps = dedupe(report.nextSteps);
      }
      return [idea.id, { report, team, opp, validation }] as const;
    }),
  );
}
