import { z } from "zod";
import { ZId } from "@/server/schemas";
import { env } from "@/server/env";
import { changeMemberRole, leaveWorkspace, listMembers, removeMember } from "@/server/workspaces/members";
import {
  acceptInvitation,
  describeInvitation,
  listPendingInvitations,
  revokeInvitation,
  ZInviteInput,
} from "@/server/workspaces/invitations";
import { inviteMember } from "@/server/workspaces/invite-member";
import { createTRPCRouter, protectedProcedure, publicProcedure, workspaceProcedure } from "@/server/trpc";
import { ROLES } from "@/server/permissions";

const ZToken = z.string().min(10).max(200);

export const membersRouter = createTRPCRouter({
  list: workspaceProcedure("members.read").query(({ ctx }) => listMembers(ctx.db, ctx.workspace.id)),
  changeRole: workspaceProcedure("members.manage")
    .input(z.object({ membershipId: ZId, role: z.enum(ROLES) }))
    .mutation(({ ctx, input }) =>
      changeMemberRole(ctx.db, { ...input, workspaceId: ctx.workspace.id, actorId: ctx.user.id, actorRole: ctx.role }),
    ),
  remove: workspaceProcedure("members.manage")
    .input(z.object({ membershipId: ZId }))
    .mutation(({ ctx, input }) =>
      removeMember(ctx.db, { ...input, workspaceId: ctx.workspace.id, actorId: ctx.user.id, actorRole: ctx.role }),
    ),
  leave: workspaceProcedure("workspace.read").mutation(({ ctx }) => leaveWorkspace(ctx.db, ctx.scope)),
});

export const invitationsRouter = createTRPCRouter({
  list: workspaceProcedure("members.invite").query(({ ctx }) => listPendingInvitations(ctx.db, ctx.workspace.id)),
  create: workspaceProcedure("members.invite")
    .input(ZInviteInput)
    .mutation(({ ctx, input }) =>
      inviteMember(
        ctx.db,
        {
          ...input,
          workspaceId: ctx.workspace.id,
          actorId: ctx.user.id,
          actorRole: ctx.role,
          workspaceName: ctx.workspace.name,
          inviterName: ctx.user.name ?? ctx.user.email,
        },
        { baseUrl: env.NEXTAUTH_URL, smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : null },
      ),
    ),
  revoke: workspaceProcedure("members.invite")
    .input(z.object({ invitationId: ZId }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, { ...input, workspaceId: ctx.workspace.id, actorId: ctx.user.id })),
  // Public: the invitee may not have an account yet. The token is the credential.
  describe: publicProcedure.input(z.object({ token: ZToken })).query(({ ctx, input }) => describeInvitation(ctx.db, input.token)),
  accept: protectedProcedure
    .input(z.object({ token: ZToken }))
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, { token: input.token, userId: ctx.user.id })),
});
