import { z } from "zod";
import { ZId } from "@/server/schemas";
import { workspaceHome } from "@/server/home/summary";
import { listAudit } from "@/server/workspaces/audit";
import {
  createWorkspace,
  deleteWorkspace,
  listWorkspacesForUser,
  renameWorkspace,
  resolveWorkspaceAccess,
  ZWorkspaceName,
} from "@/server/workspaces/workspaces";
import { permissionsOf } from "@/server/permissions";
import { createTRPCRouter, protectedProcedure, workspaceProcedure } from "@/server/trpc";

export const workspaceRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listWorkspacesForUser(ctx.db, ctx.user.id)),
  create: protectedProcedure
    .input(z.object({ name: ZWorkspaceName }))
    .mutation(({ ctx, input }) => createWorkspace(ctx.db, { userId: ctx.user.id, name: input.name })),
  bySlug: protectedProcedure.input(z.object({ slug: ZId })).query(async ({ ctx, input }) => {
    const access = await resolveWorkspaceAccess(ctx.db, { slug: input.slug }, ctx.user.id);
    return { ...access, permissions: permissionsOf(access.role) };
  }),
  /** Where the workspace stands in each section, and the next step (the workspace home page). */
  home: workspaceProcedure("workspace.read").query(({ ctx }) => workspaceHome(ctx.db, ctx.scope)),
  rename: workspaceProcedure("workspace.update")
    .input(z.object({ name: ZWorkspaceName }))
    .mutation(({ ctx, input }) => renameWorkspace(ctx.db, { workspaceId: ctx.workspace.id, actorId: ctx.user.id, name: input.name })),
  delete: workspaceProcedure("workspace.delete")
    .input(z.object({ confirmName: z.string().max(100) }))
    .mutation(({ ctx, input }) => deleteWorkspace(ctx.db, { workspaceId: ctx.workspace.id, confirmName: input.confirmName })),
  audit: workspaceProcedure("audit.read")
    .input(z.object({ cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.workspace.id, input)),
});
