import type { Db } from "@/server/db";
import { assumptionStatus, quadrant, riskScore, type AssumptionStatus } from "./assumption-status";
import { computeEconomics, type Economics } from "./economics-math";
import { economicsByIdea } from "./economics";
import { manualResult, prototypeResult, type ExperimentResult } from "./experiment-result";
import { readRunEvidence, type RunEvidence } from "./run-evidence";

/**
 * Everything the idea's own validation work says: its assumptions with the status their
 * experiments give them, each experiment's live result, the runs those experiments read (the
 * only way a prototype becomes proof), and the computed economics.
 */
export async function loadValidation(db: Db, { workspaceId, ideaId }: { workspaceId: string; ideaId: string }) {
  return (await loadValidations(db, { workspaceId, ideaIds: [ideaId] })).get(ideaId)!;
}

/**
 * loadValidation for several ideas of one workspace at once: the same statements as for one idea
 * (each table read once for all of them), and each run read once however many ideas link it.
 */
export async function loadValidations(db: Db, { workspaceId, ideaIds }: { workspaceId: string; ideaIds: readonly string[] }) {
  if (ideaIds.length === 0) return new Map<string, never>();
  const ofIdeas = { ideaId: { in: [...ideaIds] }, workspaceId };
  const [assumptionRows, experimentRows, economicsRows] = await Promise.all([
    db.ideaAssumption.findMany({
      where: ofIdeas,
      orderBy: { createdAt: "asc" },
      select: { id: true, ideaId: true, kind: true, statement: true, importance: true, evidence: true, origin: true, updatedAt: true },
    }),
    db.ideaExperiment.findMany({ where: ofIdeas, orderBy: { createdAt: "asc" } }),
    economicsByIdea(db, { workspaceId, ideaIds }),
  ]);

  // Experiments keep their prototype's id after the prototype is deleted (plain ids, no cascade):
  // their result then says so instead of waiting for a run that can never come.
  const linkedIds = [...new Set(experimentRows.flatMap((e) => (e.kind === "prototype" && e.prototypeId ? [e.prototypeId] : [])))];
  const existing = new Set(
    linkedIds.length
      ? (await db.prototype.findMany({ where: { workspaceId, id: { in: linkedIds } }, select: { id: true } })).map((p) => p.id)
      : [],
  );

  const runs = new Map<string, Promise<RunEvidence | null>>();
  const runFor = (prototypeId: string, runId: string | null) => {
    const key = `${prototypeId}:${runId ?? "latest"}`;
    if (!runs.has(key)) runs.set(key, readRunEvidence(db, { workspaceId, prototypeId, runId }));
    return runs.get(key)!;
  };

  const validationOf = async (ideaId: string) => {
    // Runs this idea's experiments read, each once (the workspace-wide `runFor` shares them across ideas).
    const ideaRuns = new Map<string, Promise<RunEvidence | null>>();
    const runOfIdea = (prototypeId: string, runId: string | null) => {
      const key = `${prototypeId}:${runId ?? "latest"}`;
      if (!ideaRuns.has(key)) ideaRuns.set(key, runFor(prototypeId, runId));
      return ideaRuns.get(key)!;
    };
    const economicsRow = economicsRows.get(ideaId) ?? null;

    const experiments = await Promise.all(
      experimentRows
        .filter((e) => e.ideaId === ideaId)
        .map(async (e) => {
          let result: ExperimentResult;
          let run: RunEvidence | null = null;
          if (e.kind === "prototype" && e.prototypeId && !existing.has(e.prototypeId)) {
            result = { outcome: "pending", why: "prototypeDeleted", interval: null, run: null };
          } else if (e.kind === "prototype" && e.prototypeId && e.prototypeMetric) {
            run = await runOfIdea(e.prototypeId, e.runId);
            result = prototypeResult(run, {
              metric: e.prototypeMetric,
              targetClass: e.targetClass,
              threshold: e.threshold,
              minSamples: e.minSamples ?? 1,
            });
          } else if (e.kind === "prototype") {
            result = { outcome: "pending", why: "noRun", interval: null, run: null };
          } else {
            result = manualResult(e.resultValue, e.threshold);
          }
          const { workspaceId: _w, ideaId: _i, prototypeId, ...rest } = e;
          // superjson refuses a "prototype" key, so the linked prototype travels as `linkedPrototypeId`.
          return {
            ...rest,
            linkedPrototypeId: prototypeId,
            prototypeName: run?.prototypeName ?? null,
            classes: run?.classes ?? null,
            result,
          };
        }),
    );

    const assumptions = assumptionRows
      .filter((a) => a.ideaId === ideaId)
      .map(({ ideaId: _i, ...a }) => {
        const own = experiments.filter((e) => e.assumptionId === a.id);
        const status: AssumptionStatus = assumptionStatus(own.map((e) => e.result.outcome));
        const view = { ...a, status };
        return { ...view, risk: riskScore(view), ...quadrant(view), experimentCount: own.length };
      });

    // The runs that experiments of this idea read: the only prototype evidence the verdict sees.
    const linkedRuns = (await Promise.all([...ideaRuns.values()])).filter((r): r is RunEvidence => r !== null);
    const latency = linkedRuns.find((r) => r.latencyMs !== null) ?? null;
    // Latency, best source first: measured when the run was evaluated, measured here on demand, typed in.
    let economics: (Economics & { latencySource: "run" | "measured" | "override" | null; latencyNote: string }) | null = null;
    if (economicsRow) {
      const measured = economicsRow.measuredLatencyMs;
      const [latencyMs, latencySource, latencyNote] =
        latency?.latencyMs != null
          ? [latency.latencyMs, "run" as const, `${latency.prototypeName} v${latency.version}`]
          : measured != null
            ? [measured, "measured" as const, economicsRow.measuredLatencyNote]
            : economicsRow.latencyMsOverride != null
              ? [economicsRow.latencyMsOverride, "override" as const, economicsRow.sources.latencyMsOverride]
              : [null, null, ""];
      economics = { ...computeEconomics(economicsRow, latencyMs), latencySource, latencyNote };
    }
    return {
      assumptions,
      experiments,
      linkedRuns,
      economicsInputs: economicsRow,
      economics,
      runKey: linkedRuns
        .map((r) => r.runId)
        .sort()
        .join(","),
    };
  };
  return new Map(await Promise.all(ideaIds.map(async (ideaId) => [ideaId, await validationOf(ideaId)] as const)));
}
