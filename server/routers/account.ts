import { z } from "zod";
import { getProfile, setLocale, signUp, ZSignUpInput } from "@/server/auth/users";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "@/server/trpc";
import { ZLocale } from "@/server/schemas";

export const accountRouter = createTRPCRouter({
  signUp: publicProcedure.input(ZSignUpInput).mutation(async ({ ctx, input }) => {
    const { user, workspace } = await signUp(ctx.db, input);
    return { userId: user.id, workspaceSlug: workspace.slug };
  }),
  me: protectedProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.user.id)),
  setLocale: protectedProcedure
    .input(z.object({ locale: ZLocale }))
    .mutation(({ ctx, input }) => setLocale(ctx.db, ctx.user.id, input.locale)),
});
