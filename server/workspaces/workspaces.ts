import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import type { Db, DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { Prisma } from "@/generated/prisma/client";
import type { Role } from "@/generated/prisma/enums";
import { removeWorkspaceFiles } from "@/server/prototypes/file-cleanup";
import { storage as appStorage, type ObjectStorage } from "@/server/storage";
import { recordAudit } from "./audit";
import { slugify, withSuffix } from "./slug";
import { logger } from "@/server/log";

const log = logger("storage");

export const WORKSPACE_NAME_MAX = INPUT_MAX.workspaceName;

export const ZWorkspaceName = z
  .string()
  .trim()
  .min(2, { error: "Use at least 2 characters" })
  .max(WORKSPACE_NAME_MAX, { error: `Use at most ${WORKSPACE_NAME_MAX} characters` });

export async function createWorkspace(db: DbTx, input: { userId: string; name: string; personal?: boolean }) {
  const name = ZWorkspaceName.parse(input.name);
  let slug = slugify(name);
  // A handful of tries with a random suffix; the unique index is the real guard.
  for (let i = 0; i < 5 && (await db.workspace.findUnique({ where: { slug }, select: { id: true } })); i++) {
    slug = withSuffix(slugify(name));
  }
  const workspace = await db.workspace.create({
    data: {
      name,
      slug,
      personal: input.personal ?? false,
      memberships: { create: { userId: input.userId, role: "OWNER" } },
    },
    select: { id: true, slug: true, name: true, personal: true },
  });
  await recordAudit(db, { workspaceId: workspace.id, actorId: input.userId, action: "workspace.created", data: { name } });
  return workspace;
}

export async function listWorkspacesForUser(db: Db, userId: string) {
  // One statement (a relation select would be two round trips): the switcher asks on every page.
  return db.$queryRaw<{ id: string; slug: string; name: string; personal: boolean; role: Role }[]>`
    SELECT w."id", w."slug", w."name", w."personal", m."role"::text AS "role"
      FROM "Membership" m JOIN "Workspace" w ON w."id" = m."workspaceId"
     WHERE m."userId" = ${userId}
     ORDER BY w."personal" DESC, w."name" ASC`;
}

export interface WorkspaceAccess {
  workspace: { id: string; slug: string; name: string; personal: boolean };
  role: Role;
}

/**
 * The shared membership check behind every workspace-scoped procedure and route. A workspace
 * the user does not belong to is reported exactly like one that does not exist.
 */
export async function resolveWorkspaceAccess(
  db: Db,
  by: { workspaceId: string } | { slug: string },
  userId: string,
): Promise<WorkspaceAccess> {
  // One statement: this runs before every workspace-scoped request, and a relation select
  // would cost a second round trip (Prisma queries the related table separately).
  const rows = await db.$queryRaw<(WorkspaceAccess["workspace"] & { role: Role })[]>`
    SELECT w."id", w."slug", w."name", w."personal", m."role"::text AS "role"
      FROM "Membership" m JOIN "Workspace" w ON w."id" = m."workspaceId"
     WHERE m."userId" = ${userId} AND ${"slug" in by ? Prisma.sql`w."slug" = ${by.slug}` : Prisma.sql`w."id" = ${by.workspaceId}`}
     LIMIT 1`;
  const { role, ...workspace } = found(rows[0], "Workspace");
  return { workspace, role };
}

export async function renameWorkspace(db: Db, input: { workspaceId: string; actorId: string; name: string }) {
  const name = ZWorkspaceName.parse(input.name);
  return db.$transaction(async (tx) => {
    const before = found(await tx.workspace.findUnique({ where: { id: input.workspaceId }, select: { name: true } }), "Workspace");
    const workspace = await tx.workspace.update({
      where: { id: input.workspaceId },
      data: { name },
      select: { id: true, slug: true, name: true, personal: true },
    });
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: "workspace.renamed",
      data: { from: before.name, to: name },
    });
    return workspace;
  });
}

/** Deletes the workspace with everything in it (rows cascade), then its files. */
export async function deleteWorkspace(db: Db, input: { workspaceId: string; confirmName: string }, storage: ObjectStorage = appStorage()) {
  const ws = found(await db.workspace.findUnique({ where: { id: input.workspaceId }, select: { name: true } }), "Workspace");
  if (input.confirmName.trim() !== ws.name) {
    throw new DomainError("BAD_REQUEST", "confirmMismatch", "Type the workspace name exactly to confirm");
  }
  const runs = await db.trainingRun.findMany({ where: { workspaceId: input.workspaceId }, select: { id: true } });
  await db.workspace.delete({ where: { id: input.workspaceId } });
  // A failure here (or a crash) leaves only orphan files, which the start-up sweep removes.
  await removeWorkspaceFiles(storage, { workspaceId: input.workspaceId, runIds: runs.map((r) => r.id) }).catch((err) =>
    log.error("files of a deleted workspace stay until the next start", { workspaceId: input.workspaceId, err }),
  );
}
