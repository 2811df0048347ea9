import { z } from "zod";
import { ZId, ZLocale } from "@/server/schemas";
import { ZBaseUpdatedAt } from "@/server/edits";
import { createCustom, getCustom, setArchived, updateCustom, ZCustomOpportunityFields } from "@/server/opportunities/custom";
import {
  facetChoices,
  listOpportunities,
  opportunityDetail,
  overview,
  shortlistCsv,
  ZFitBasis,
  ZIndustry,
} from "@/server/opportunities/map";
import {
  addNote,
  deleteNote,
  getWeights,
  setStar,
  setStatus,
  setVote,
  setWeights,
  STATUSES,
  updateNote,
  ZNoteBody,
  ZRef,
  ZWeights,
} from "@/server/opportunities/workspace-marks";
import { createTRPCRouter, workspaceProcedure } from "@/server/trpc";

const ZCustomId = z.object({ id: ZId });
const ZNoteId = z.object({ noteId: ZId });
const ZBasis = z.object({ basis: ZFitBasis });

export const opportunitiesRouter = createTRPCRouter({
  overview: workspaceProcedure("opportunity.read")
    .input(ZBasis)
    .query(({ ctx, input }) => overview(ctx.db, { ...ctx.scope, basis: input.basis })),
  list: workspaceProcedure("opportunity.read")
    .input(ZBasis.extend({ industry: ZIndustry.optional(), includeArchived: z.boolean().default(false) }))
    .query(({ ctx, input }) =>
      listOpportunities(ctx.db, {
        ...ctx.scope,
        basis: input.basis,
        industry: input.industry,
        includeArchived: input.includeArchived,
      }),
    ),
  get: workspaceProcedure("opportunity.read")
    .input(ZRef.extend(ZBasis.shape))
    .query(({ ctx, input }) => opportunityDetail(ctx.db, { ...ctx.scope, basis: input.basis, ref: input.ref })),
  getCustom: workspaceProcedure("opportunity.read")
    .input(ZCustomId)
    .query(({ ctx, input }) => getCustom(ctx.db, { workspaceId: ctx.workspace.id, id: input.id })),
  createCustom: workspaceProcedure("opportunity.write")
    .input(ZCustomOpportunityFields)
    .mutation(({ ctx, input }) => {
      const { workspaceId: _ws, ...fields } = input;
      return createCustom(ctx.db, { ...ctx.scope, fields });
    }),
  updateCustom: workspaceProcedure("opportunity.write")
    .input(ZCustomId.extend(ZCustomOpportunityFields.shape).extend({ baseUpdatedAt: ZBaseUpdatedAt }))
    .mutation(({ ctx, input }) => {
      const { workspaceId: _ws, id, baseUpdatedAt, ...fields } = input;
      return updateCustom(ctx.db, { workspaceId: ctx.workspace.id, id, fields, baseUpdatedAt });
    }),
  setArchived: workspaceProcedure("opportunity.write")
    .input(ZCustomId.extend({ archived: z.boolean() }))
    .mutation(({ ctx, input }) => setArchived(ctx.db, { workspaceId: ctx.workspace.id, id: input.id, archived: input.archived })),
  setStar: workspaceProcedure("opportunity.write")
    .input(ZRef.extend({ starred: z.boolean() }))
    .mutation(({ ctx, input }) => setStar(ctx.db, { ...ctx.scope, ref: input.ref, starred: input.starred })),
  setStatus: workspaceProcedure("opportunity.write")
    .input(ZRef.extend({ status: z.enum(STATUSES).nullable() }))
    .mutation(({ ctx, input }) => setStatus(ctx.db, { ...ctx.scope, ref: input.ref, status: input.status })),
  setVote: workspaceProcedure("opportunity.write")
    .input(ZRef.extend({ value: z.union([z.literal(-1), z.literal(0), z.literal(1)]) }))
    .mutation(({ ctx, input }) => setVote(ctx.db, { ...ctx.scope, ref: input.ref, value: input.value })),
  addNote: workspaceProcedure("opportunity.write")
    .input(ZRef.extend({ body: ZNoteBody }))
    .mutation(({ ctx, input }) => addNote(ctx.db, { ...ctx.scope, ref: input.ref, body: input.body })),
  updateNote: workspaceProcedure("opportunity.write")
    .input(ZNoteId.extend({ body: ZNoteBody }))
    .mutation(({ ctx, input }) => updateNote(ctx.db, { ...ctx.scope, noteId: input.noteId, body: input.body })),
  deleteNote: workspaceProcedure("opportunity.write")
    .input(ZNoteId)
    .mutation(({ ctx, input }) => deleteNote(ctx.db, { ...ctx.scope, noteId: input.noteId })),
  /** Facet ids and names, for choosing a custom opportunity's required profile. */
  facets: workspaceProcedure("opportunity.read").query(() => facetChoices()),
  weights: workspaceProcedure("opportunity.read").query(({ ctx }) => getWeights(ctx.db, ctx.workspace.id)),
  setWeights: workspaceProcedure("opportunity.settings")
    .input(ZWeights)
    .mutation(({ ctx, input }) => {
      const { workspaceId: _ws, ...weights } = input;
      return setWeights(ctx.db, { ...ctx.scope, weights });
    }),
  shortlistCsv: workspaceProcedure("opportunity.read")
    .input(ZBasis.extend({ locale: ZLocale }))
    .query(({ ctx, input }) => shortlistCsv(ctx.db, { ...ctx.scope, basis: input.basis, locale: input.locale })),
});
