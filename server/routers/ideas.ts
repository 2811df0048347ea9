import { z } from "zod";
import { ZId } from "@/server/schemas";
import { ZBaseUpdatedAt } from "@/server/edits";
import { createIdea, deleteIdea, getIdea, listIdeas, updateIdea, ZIdeaFields } from "@/server/ideas/ideas";
import { ideaOptions } from "@/server/ideas/options";
import { ideaScorecards } from "@/server/ideas/scorecards";
import { buildIdeaReport } from "@/server/ideas/report";
import { createTRPCRouter, workspaceProcedure } from "@/server/trpc";

const ZIdeaId = z.object({ ideaId: ZId });

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
      return updateIdea(ctx.db, { workspaceId: ctx.workspace.id, ideaId, fields, baseUpdatedAt });
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
});
