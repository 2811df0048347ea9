import { z } from "zod";
import { ZId } from "@/server/schemas";
import { fieldAccuracy } from "@/server/prototypes/field-accuracy";
import { listInbox, reviewKept, ZInboxFilter, ZReviewInput } from "@/server/prototypes/inbox";
import { keepPolicyFromEnv, keepSettings, setKeepPredictions } from "@/server/prototypes/kept";
import { createTRPCRouter, workspaceProcedure } from "@/server/trpc";

/** Kept predictions, the review inbox and field accuracy (docs/PROTOTYPES.md#the-field-loop). */
export const fieldLoopRouter = createTRPCRouter({
  settings: workspaceProcedure("prototype.read")
    .input(z.object({ prototypeId: ZId }))
    .query(({ ctx, input }) => keepSettings(ctx.db, { workspaceId: ctx.workspace.id, prototypeId: input.prototypeId })),
  setKeep: workspaceProcedure("prototype.write")
    .input(z.object({ prototypeId: ZId, keep: z.boolean() }))
    .mutation(({ ctx, input }) => setKeepPredictions(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
  inbox: workspaceProcedure("prototype.read")
    .input(ZInboxFilter)
    .query(({ ctx, input }) => listInbox(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
  review: workspaceProcedure("prototype.write")
    .input(ZReviewInput)
    .mutation(({ ctx, input }) => reviewKept(ctx.db, { ...input, ...ctx.scope }, keepPolicyFromEnv())),
  accuracy: workspaceProcedure("prototype.read")
    .input(z.object({ prototypeId: ZId }))
    .query(({ ctx, input }) => fieldAccuracy(ctx.db, { workspaceId: ctx.workspace.id, prototypeId: input.prototypeId })),
});
