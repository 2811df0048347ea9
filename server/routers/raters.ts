import { z } from "zod";
import { ZId } from "@/server/schemas";
import { env } from "@/server/env";
import {
  deleteRater,
  describeRaterLink,
  inviteLinkRater,
  inviteMemberRater,
  limitPublicRaterForm,
  listRaters,
  listRatingRequests,
  memberRatingForm,
  revokeRater,
  selfVsOthers,
  submitMemberRating,
  submitRaterLink,
  ZObserverAnswers,
  ZRaterDays,
  ZRaterLabel,
  ZRaterToken,
} from "@/server/assessment/raters";
import { createTRPCRouter, publicProcedure, workspaceProcedure } from "@/server/trpc";

/** Rated by a private link: the token is the only credential, and every call counts against the address's limit. */
const raterLinkProcedure = publicProcedure.input(z.object({ token: ZRaterToken })).use(async ({ ctx, next }) => {
  await limitPublicRaterForm(ctx.db, ctx.ip);
  return next();
});

function raterLinkUrl(token: string) {
  return new URL(`/rate/${token}`, env.NEXTAUTH_URL).toString();
}

export const ratersRouter = createTRPCRouter({
  /* The founder's own raters. */
  list: workspaceProcedure("assessment.take").query(({ ctx }) => listRaters(ctx.db, ctx.scope)),
  inviteLink: workspaceProcedure("assessment.take")
    .input(z.object({ label: ZRaterLabel, days: ZRaterDays.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { rater, token } = await inviteLinkRater(ctx.db, { ...ctx.scope, ...input });
      return { rater, link: raterLinkUrl(token) };
    }),
  inviteMember: workspaceProcedure("assessment.take")
    .input(z.object({ raterUserId: ZId, days: ZRaterDays.optional() }))
    .mutation(({ ctx, input }) => inviteMemberRater(ctx.db, { ...ctx.scope, ...input })),
  revoke: workspaceProcedure("assessment.take")
    .input(z.object({ raterId: ZId }))
    .mutation(({ ctx, input }) => revokeRater(ctx.db, { ...ctx.scope, ...input })),
  delete: workspaceProcedure("assessment.take")
    .input(z.object({ raterId: ZId }))
    .mutation(({ ctx, input }) => deleteRater(ctx.db, { ...ctx.scope, ...input })),
  /** Self vs others for the caller, or for a teammate who shares everything (otherwise NOT_FOUND). */
  selfVsOthers: workspaceProcedure("assessment.read")
    .input(z.object({ subjectId: ZId.optional() }))
    .query(({ ctx, input }) =>
      selfVsOthers(ctx.db, { workspaceId: ctx.workspace.id, viewerId: ctx.user.id, subjectId: input.subjectId ?? ctx.user.id }),
    ),

  /* A member asked to rate a teammate. */
  requests: workspaceProcedure("assessment.take").query(({ ctx }) => listRatingRequests(ctx.db, ctx.scope)),
  memberForm: workspaceProcedure("assessment.take")
    .input(z.object({ raterId: ZId }))
    .query(({ ctx, input }) => memberRatingForm(ctx.db, { ...ctx.scope, ...input })),
  submitMember: workspaceProcedure("assessment.take")
    .input(z.object({ raterId: ZId, answers: ZObserverAnswers, showName: z.boolean() }))
    .mutation(({ ctx, input }) => submitMemberRating(ctx.db, { ...ctx.scope, ...input })),

  /* An outsider with a private link (no account). */
  linkForm: raterLinkProcedure.query(({ ctx, input }) => describeRaterLink(ctx.db, input.token)),
  submitLink: raterLinkProcedure
    .input(z.object({ answers: ZObserverAnswers }))
    .mutation(({ ctx, input }) => submitRaterLink(ctx.db, input)),
});
