import type { Db, DbTx } from "@/server/db";
import type { Prisma } from "@/generated/prisma/client";

/**
 * Audited actions: membership, roles, invitations and settings; API keys, sharing,
 * everything that takes data out of the workspace (model and CSV downloads), and deletions
 * that cannot be undone (a prototype with its images, runs and files).
 */
export const AUDIT_ACTIONS = [
  "workspace.created",
  "workspace.renamed",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "member.left",
  "invitation.created",
  "invitation.revoked",
  "settings.updated",
  "apikey.created",
  "apikey.revoked",
  "assessment.sharing_changed",
  "model.exported",
  "shortlist.exported",
  "assessment.exported",
  "prototype.deleted",
] as const;
/** Each one has a label in messages/<locale>/workspace.json under audit.actions (dots become underscores). */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export async function recordAudit(
  db: DbTx,
  entry: {
    workspaceId: string;
    actorId: string | null;
    action: AuditAction;
    targetType?: string;
    targetId?: string;
    data?: Prisma.InputJsonValue;
  },
) {
  await db.auditLog.create({ data: entry });
}

export async function listAudit(db: Db, workspaceId: string, opts: { cursor?: string; limit: number }) {
  const rows = await db.auditLog.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      data: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  const hasMore = rows.length > opts.limit;
  const items = hasMore ? rows.slice(0, opts.limit) : rows;
  return { items, nextCursor: hasMore ? items.at(-1)!.id : null };
}
