import type { Db, DbTx } from "@/server/db";
import { DomainError, ForbiddenError, found } from "@/server/errors";
import type { Role } from "@/generated/prisma/enums";
import { recordAudit } from "./audit";

export async function listMembers(db: Db, workspaceId: string) {
  return db.membership.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "asc" }],
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}

/**
 * Locks the owners' rows for the rest of the transaction: two concurrent demotions cannot
 * both see "two owners" and leave none.
 */
async function ownerCount(db: DbTx, workspaceId: string) {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Membership" WHERE "workspaceId" = ${workspaceId} AND "role" = 'OWNER' FOR UPDATE`;
  return rows.length;
}

function assertCanTouchOwner(actorRole: Role, from: Role, to?: Role) {
  // Only owners create or demote owners; admins manage everyone else.
  if ((from === "OWNER" || to === "OWNER") && actorRole !== "OWNER") {
    throw new ForbiddenError("ownerOnly", "Only an owner can change an owner's role or make someone an owner");
  }
}

export async function changeMemberRole(
  db: Db,
  input: { workspaceId: string; membershipId: string; role: Role; actorId: string; actorRole: Role },
) {
  return db.$transaction(async (tx) => {
    const m = found(
      await tx.membership.findFirst({
        where: { id: input.membershipId, workspaceId: input.workspaceId },
        select: { id: true, role: true, userId: true },
      }),
      "Member",
    );
    assertCanTouchOwner(input.actorRole, m.role, input.role);
    if (m.role === "OWNER" && input.role !== "OWNER" && (await ownerCount(tx, input.workspaceId)) <= 1) {
      throw new DomainError("PRECONDITION_FAILED", "lastOwner", "A workspace needs at least one owner");
    }
    const updated = await tx.membership.update({ where: { id: m.id }, data: { role: input.role }, select: { id: true, role: true } });
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: "member.role_changed",
      targetType: "user",
      targetId: m.userId,
      data: { from: m.role, to: input.role },
    });
    return updated;
  });
}

export async function removeMember(db: Db, input: { workspaceId: string; membershipId: string; actorId: string; actorRole: Role }) {
  await db.$transaction(async (tx) => {
    const m = found(
      await tx.membership.findFirst({
        where: { id: input.membershipId, workspaceId: input.workspaceId },
        select: { id: true, role: true, userId: true },
      }),
      "Member",
    );
    if (m.userId === input.actorId) {
      throw new DomainError("BAD_REQUEST", "useLeave", "Use “Leave workspace” to remove yourself");
    }
    assertCanTouchOwner(input.actorRole, m.role);
    if (m.role === "OWNER" && (await ownerCount(tx, input.workspaceId)) <= 1) {
      throw new DomainError("PRECONDITION_FAILED", "lastOwner", "A workspace needs at least one owner");
    }
    await tx.membership.delete({ where: { id: m.id } });
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: "member.removed",
      targetType: "user",
      targetId: m.userId,
      data: { role: m.role },
    });
  });
}

export async function leaveWorkspace(db: Db, input: { workspaceId: string; userId: string }) {
  await db.$transaction(async (tx) => {
    const m = found(
      await tx.membership.findFirst({ where: { workspaceId: input.workspaceId, userId: input.userId }, select: { id: true, role: true } }),
      "Workspace",
    );
    if (m.role === "OWNER" && (await ownerCount(tx, input.workspaceId)) <= 1) {
      throw new DomainError(
        "PRECONDITION_FAILED",
        "lastOwner",
        "You are the last owner: make someone else an owner, or delete the workspace",
      );
    }
    await tx.membership.delete({ where: { id: m.id } });
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actorId: input.userId,
      action: "member.left",
      targetType: "user",
      targetId: input.userId,
    });
  });
}
