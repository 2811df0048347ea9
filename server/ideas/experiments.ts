import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import type { Db } from "@/server/db";
import { editConflict, unchangedSince } from "@/server/edits";
import { found } from "@/server/errors";
import { getOpportunity } from "@/server/opportunities/refs";
import { getAssumption } from "./assumptions";
import { recordVerdictChange } from "./history";

const card = z.string().trim().max(INPUT_MAX.testCard).default("");
const id = z.string().min(1).max(64);

/**
 * A Test Card. A prototype experiment names the prototype (optionally one run), the metric, the
 * class it is about and a proportion threshold; a manual one names its metric in words and the
 * number the result must reach. Checked as one flat shape so a form can post it as is.
 */
export const ZExperimentPlan = z
  .object({
    assumptionId: id,
    kind: z.enum(["prototype", "interviews", "landing_page", "pre_orders", "pilot"]),
    believe: card,
    verify: card,
    measure: card,
    rightIf: card,
    metric: z.string().trim().max(INPUT_MAX.experimentMetric).default(""),
    prototypeId: id.nullable().default(null),
    runId: id.nullable().default(null),
    prototypeMetric: z.enum(["recall", "precision", "accuracy"]).nullable().default(null),
    targetClass: z.string().trim().min(1).max(64).nullable().default(null),
    threshold: z.number().finite().min(0).max(1e12),
    minSamples: z.number().int().min(1).max(1_000_000).nullable().default(null),
    deadline: z.date().nullable().default(null),
    opportunityRef: z.string().trim().min(1).max(64).nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.kind === "prototype") {
      if (!p.prototypeId)
        ctx.addIssue({
          code: "custom",
          path: ["prototypeId"],
          message: "Choose the prototype to test",
          params: { reason: "choosePrototype" },
        });
      if (!p.prototypeMetric)
        ctx.addIssue({
          code: "custom",
          path: ["prototypeMetric"],
          message: "Choose recall, precision or accuracy",
          params: { reason: "chooseMetric" },
        });
      if (p.prototypeMetric && p.prototypeMetric !== "accuracy" && !p.targetClass)
        ctx.addIssue({
          code: "custom",
          path: ["targetClass"],
          message: "Choose the class the target is about",
          params: { reason: "chooseTargetClass" },
        });
      if (p.threshold > 1)
        ctx.addIssue({
          code: "custom",
          path: ["threshold"],
          message: "A proportion target lies between 0 and 100 %",
          params: { reason: "proportionRange" },
        });
    } else if (!p.metric) {
      ctx.addIssue({ code: "custom", path: ["metric"], message: "Say what you will count", params: { reason: "sayWhatYouCount" } });
    }
  });
export type ExperimentPlan = z.infer<typeof ZExperimentPlan>;

export const ZLearning = z.object({
  experimentId: id,
  resultValue: z.number().finite().min(-1e12).max(1e12).nullable().default(null),
  resultNotes: card,
  observed: card,
  learned: card,
  therefore: card,
  baseUpdatedAt: z.date().optional(),
});
export type Learning = z.infer<typeof ZLearning>;

type Scope = { workspaceId: string; userId: string; ideaId: string };

/** Every link must belong to the idea's workspace: a foreign id reads as not found. */
async function assertLinks(db: Db, workspaceId: string, plan: ExperimentPlan) {
  const prototypeId = plan.kind === "prototype" ? plan.prototypeId : null;
  if (prototypeId) found(await db.prototype.findFirst({ where: { id: prototypeId, workspaceId }, select: { id: true } }), "Prototype");
  if (plan.runId)
    found(
      await db.trainingRun.findFirst({
        where: { id: plan.runId, workspaceId, ...(prototypeId ? { prototypeId } : {}) },
        select: { id: true },
      }),
      "Run",
    );
  if (plan.opportunityRef) await getOpportunity(db, { workspaceId, ref: plan.opportunityRef });
}

function planData(plan: ExperimentPlan) {
  const manual = plan.kind !== "prototype";
  return {
    ...plan,
    prototypeId: manual ? null : plan.prototypeId,
    prototypeMetric: manual ? null : plan.prototypeMetric,
    targetClass: manual || plan.prototypeMetric === "accuracy" ? null : plan.targetClass,
    minSamples: manual ? null : (plan.minSamples ?? 30),
    runId: manual ? null : plan.runId,
  };
}

async function getExperiment(db: Db, { workspaceId, ideaId, experimentId }: { workspaceId: string; ideaId: string; experimentId: string }) {
  return found(
    await db.ideaExperiment.findFirst({
      where: { id: experimentId, ideaId, workspaceId },
      select: { id: true, kind: true, metric: true, prototypeMetric: true, targetClass: true },
    }),
    "Experiment",
  );
}

export async function planExperiment(db: Db, scope: Scope & { plan: ExperimentPlan }) {
  const { workspaceId, ideaId, plan } = scope;
  await getAssumption(db, { workspaceId, ideaId, assumptionId: plan.assumptionId });
  await assertLinks(db, workspaceId, plan);
  const row = await db.ideaExperiment.create({ data: { workspaceId, ideaId, ...planData(plan) }, select: { id: true } });
  await recordVerdictChange(db, { ...scope, cause: "experiment", detail: plan.metric || plan.prototypeMetric || "" });
  return row;
}

/** The Learning Card; a manual experiment's number decides its outcome, a prototype's comes from the run. */
export async function recordLearning(db: Db, scope: Scope & { learning: Learning }) {
  const { workspaceId, ideaId, learning } = scope;
  const { experimentId, baseUpdatedAt, ...fields } = learning;
  const exp = await getExperiment(db, { workspaceId, ideaId, experimentId });
  const res = await db.ideaExperiment.updateMany({
    where: { id: experimentId, ideaId, workspaceId, ...unchangedSince(baseUpdatedAt) },
    data: { ...fields, resultValue: exp.kind === "prototype" ? null : fields.resultValue, resultAt: new Date() },
  });
  if (res.count === 0) {
    await getExperiment(db, { workspaceId, ideaId, experimentId });
    throw editConflict("experiment");
  }
  await recordVerdictChange(db, { ...scope, cause: "experiment", detail: exp.metric || exp.prototypeMetric || "" });
}

export async function deleteExperiment(db: Db, scope: Scope & { experimentId: string }) {
  const exp = await getExperiment(db, scope);
  await db.ideaExperiment.deleteMany({ where: { id: scope.experimentId, ideaId: scope.ideaId, workspaceId: scope.workspaceId } });
  await recordVerdictChange(db, { ...scope, cause: "experiment", detail: exp.metric || exp.prototypeMetric || "" });
}
