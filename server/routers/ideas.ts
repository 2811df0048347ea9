import { z } from "zod";
import { ZId } from "@/server/schemas";
import { ZBaseUpdatedAt } from "@/server/edits";
import { createAssumption, deleteAssumption, updateAssumption, ZAssumptionFields, ZOrigin } from "@/server/ideas/assumptions";
import { editIdea } from "@/server/ideas/edit-idea";
import { measureIdeaLatency } from "@/server/ideas/latency";
import { saveEconomics, ZEconomicsFields } from "@/server/ideas/economics";
import { deleteExperiment, planExperiment, recordLearning, ZExperimentPlan, ZLearning } from "@/server/ideas/experiments";
import { createIdea, deleteIdea, getIdea, listIdeas, ZIdeaFields } from "@/server/ideas/ideas";
import { ideaOptions } from "@/server/ideas/options";
import { ideaScorecards } from "@/server/ideas/scorecards";
import { buildIdeaReport } from "@/server/ideas/report";
import { createTRPCRouter, workspaceProcedure } from "@/server/trpc";

const id = ZId;
const ZIdeaId = z.object({ ideaId: id });

export const ideasRouter = createTRPCRouter({
  list: workspaceProcedure("idea.read").query(({ ctx }) => listIdeas(ctx.db, ctx.workspace.id)),
  get: workspaceProcedure("idea.read")
    .input(ZIdeaId)
    .query(({ ctx, input }) => getIdea(ctx.db, { workspaceId: ctx.workspace.id, ideaId: input.ideaId })),
  create: workspaceProcedure("idea.write")
    .input(ZIdeaFields)
    .mutation(({ ctx, input }) => {
      const { workspaceId: _ws, ...fields } = input;
      return createIdea(ctx.db, { ...ctx.scope, fields });
    }),
  update: workspaceProcedure("idea.write")
    .input(ZIdeaId.extend(ZIdeaFields.shape).extend({ baseUpdatedAt: ZBaseUpdatedAt }))
    .mutation(({ ctx, input }) => {
      const { workspaceId: _ws, ideaId, baseUpdatedAt, ...fields } = input;
      return editIdea(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, ideaId, fields, baseUpdatedAt });
    }),
  /** Verdict, readiness and pillar scores of every idea (newest first, at most 50), to compare them. */
  scorecards: workspaceProcedure("idea.read").query(({ ctx }) => ideaScorecards(ctx.db, ctx.scope)),
  options: workspaceProcedure("idea.read").query(({ ctx }) => ideaOptions(ctx.db, ctx.workspace.id)),
  report: workspaceProcedure("idea.read")
    .input(ZIdeaId)
    .query(({ ctx, input }) => buildIdeaReport(ctx.db, { ...ctx.scope, ideaId: input.ideaId })),
  delete: workspaceProcedure("idea.write")
    .input(ZIdeaId)
    .mutation(({ ctx, input }) => deleteIdea(ctx.db, { workspaceId: ctx.workspace.id, ideaId: input.ideaId })),

  addAssumption: workspaceProcedure("idea.write")
    .input(ZIdeaId.extend(ZAssumptionFields.shape).extend({ origin: ZOrigin }))
    .mutation(({ ctx, input }) => {
      const { workspaceId: _ws, ideaId, origin, ...fields } = input;
      return createAssumption(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, ideaId, origin, fields });
    }),
  updateAssumption: workspaceProcedure("idea.write")
    .input(ZIdeaId.extend(ZAssumptionFields.shape).extend({ assumptionId: id, baseUpdatedAt: ZBaseUpdatedAt }))
    .mutation(({ ctx, input }) => {
      const { workspaceId: _ws, ideaId, assumptionId, baseUpdatedAt, ...fields } = input;
      return updateAssumption(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, ideaId, assumptionId, fields, baseUpdatedAt });
    }),
  deleteAssumption: workspaceProcedure("idea.write")
    .input(ZIdeaId.extend({ assumptionId: id }))
    .mutation(({ ctx, input }) =>
      deleteAssumption(ctx.db, {
        workspaceId: ctx.workspace.id,
        userId: ctx.user.id,
        ideaId: input.ideaId,
        assumptionId: input.assumptionId,
      }),
    ),
  planExperiment: workspaceProcedure("idea.write")
    .input(ZIdeaId.extend({ plan: ZExperimentPlan }))
    .mutation(({ ctx, input }) =>
      planExperiment(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, ideaId: input.ideaId, plan: input.plan }),
    ),
  recordLearning: workspaceProcedure("idea.write")
    .input(ZIdeaId.extend({ learning: ZLearning }))
    .mutation(({ ctx, input }) =>
      recordLearning(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, ideaId: input.ideaId, learning: input.learning }),
    ),
  deleteExperiment: workspaceProcedure("idea.write")
    .input(ZIdeaId.extend({ experimentId: id }))
    .mutation(({ ctx, input }) =>
      deleteExperiment(ctx.db, {
        workspaceId: ctx.workspace.id,
        userId: ctx.user.id,
        ideaId: input.ideaId,
        experimentId: input.experimentId,
      }),
    ),
  /** `baseUpdatedAt`: the version the editor opened; null when it saw no economics yet. */
  saveEconomics: workspaceProcedure("idea.write")
    .input(ZIdeaId.extend({ fields: ZEconomicsFields, baseUpdatedAt: z.date().nullable().optional() }))
    .mutation(({ ctx, input }) =>
      saveEconomics(ctx.db, {
        workspaceId: ctx.workspace.id,
        userId: ctx.user.id,
        ideaId: input.ideaId,
        fields: input.fields,
        baseUpdatedAt: input.baseUpdatedAt,
      }),
    ),
  /** Times the linked prototype's model on this server; the economics then use the measured latency. */
  measureLatency: workspaceProcedure("idea.write")
    .input(ZIdeaId)
    .mutation(({ ctx, input }) => measureIdeaLatency(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, ideaId: input.ideaId })),
});
