import { z } from "zod";
import { ZId } from "@/server/schemas";
import { createApiKey, listApiKeys, revokeApiKey, ZApiKeyName } from "@/server/prototypes/api-keys";
import { createTRPCRouter, workspaceProcedure } from "@/server/trpc";

export const apiKeysRouter = createTRPCRouter({
  list: workspaceProcedure("apikey.manage").query(({ ctx }) => listApiKeys(ctx.db, ctx.workspace.id)),
  create: workspaceProcedure("apikey.manage")
    .input(z.object({ name: ZApiKeyName }))
    .mutation(({ ctx, input }) => createApiKey(ctx.db, { ...ctx.scope, name: input.name })),
  revoke: workspaceProcedure("apikey.manage")
    .input(z.object({ keyId: ZId }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, { ...ctx.scope, keyId: input.keyId })),
});
