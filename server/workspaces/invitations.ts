import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/server/db";
import { DomainError, ForbiddenError, found } from "@/server/errors";
import type { Role } from "@/generated/prisma/enums";
import { ZEmail } from "@/server/auth/users";
import { recordAudit } from "./audit";
import { INVITABLE_ROLES } from "@/server/permissions";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const ZInviteInput = z.object({
  email: ZEmail,
  role: z.enum(INVITABLE_ROLES),
});

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export function invitationUrl(baseUrl: string, token: string) {
  return new URL(`/invite/${token}`, baseUrl).toString();
}

export async function createInvitation(
  db: Db,
  input: { workspaceId: string; actorId: string; actorRole: Role; email: string; role: Role; now?: Date },
) {
  if (input.role === "OWNER") throw new ForbiddenError("ownerInvite", "Invite as admin, then promote to owner");
  if (input.role === "ADMIN" && input.actorRole !== "OWNER" && input.actorRole !== "ADMIN") throw new ForbiddenError();
  const member = await db.membership.findFirst({
    where: { workspaceId: input.workspaceId, user: { email: input.email } },
    select: { id: true },
  });
  if (member) throw new DomainError("CONFLICT", "alreadyMember", "This person is already a member");
  const now = input.now ?? new Date();
  // The token exists only in the link; the database keeps its hash.
  const token = randomBytes(32).toString("base64url");
  const invitation = await db.$transaction(async (tx) => {
    // A new invitation to the same email replaces the pending one.
    await tx.invitation.updateMany({
      where: { workspaceId: input.workspaceId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const inv = await tx.invitation.create({
      data: {
        workspaceId: input.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: input.actorId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    });
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: "invitation.created",
      targetType: "invitation",
      targetId: inv.id,
      data: { email: input.email, role: input.role },
    });
    return inv;
  });
  return { invitation, token };
}

export async function listPendingInvitations(db: Db, workspaceId: string, now = new Date()) {
  return db.invitation.findMany({
    where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true, email: true } } },
  });
}

export async function revokeInvitation(db: Db, input: { workspaceId: string; invitationId: string; actorId: string }) {
  await db.$transaction(async (tx) => {
    const inv = found(
      await tx.invitation.findFirst({
        where: { id: input.invitationId, workspaceId: input.workspaceId },
        select: { id: true, email: true, acceptedAt: true, revokedAt: true },
      }),
      "Invitation",
    );
    if (inv.acceptedAt) throw new DomainError("PRECONDITION_FAILED", "alreadyAccepted", "This invitation was already accepted");
    if (inv.revokedAt) return;
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: inv.id,
      data: { email: inv.email },
    });
  });
}

export type InvitationStatus = "valid" | "expired" | "revoked" | "accepted";

/** What the invitation page shows; an unknown token is "not found". */
export async function describeInvitation(db: Db, token: string, now = new Date()) {
  const inv = found(
    await db.invitation.findUnique({
      where: { tokenHash: hashToken(token) },
      select: {
        id: true,
        email: true,
        role: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        workspace: { select: { name: true, slug: true } },
        invitedBy: { select: { name: true } },
      },
    }),
    "Invitation",
  );
  const status: InvitationStatus = inv.acceptedAt ? "accepted" : inv.revokedAt ? "revoked" : inv.expiresAt <= now ? "expired" : "valid";
  return {
    status,
    email: inv.email,
    role: inv.role,
    expiresAt: inv.expiresAt,
    workspaceName: inv.workspace.name,
    workspaceSlug: inv.workspace.slug,
    invitedBy: inv.invitedBy?.name ?? null,
  };
}

export async function acceptInvitation(db: Db, input: { token: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const inv = found(
      await tx.invitation.findUnique({
        where: { tokenHash: hashToken(input.token) },
        select: {
          id: true,
          email: true,
          role: true,
          workspaceId: true,
          expiresAt: true,
          acceptedAt: true,
          revokedAt: true,
          workspace: { select: { slug: true } },
        },
      }),
      "Invitation",
    );
    if (inv.revokedAt) throw new DomainError("PRECONDITION_FAILED", "invitationRevoked", "This invitation was revoked");
    if (inv.acceptedAt) throw new DomainError("PRECONDITION_FAILED", "invitationAccepted", "This invitation was already used");
    if (inv.expiresAt <= now) throw new DomainError("PRECONDITION_FAILED", "invitationExpired", "This invitation has expired");
    const user = found(await tx.user.findUnique({ where: { id: input.userId }, select: { email: true } }), "User");
    if (user.email !== inv.email) {
      throw new ForbiddenError("wrongEmail", `This invitation is for ${inv.email}. Sign in with that email to accept it.`);
    }
    // Claim the invitation first: of two concurrent accepts only one updates a row.
    const claimed = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null }, data: { acceptedAt: now } });
    if (claimed.count === 0) throw new DomainError("PRECONDITION_FAILED", "invitationAccepted", "This invitation was already used");
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: inv.workspaceId, userId: input.userId } },
      select: { id: true },
    });
    if (!existing) {
      await tx.membership.create({ data: { workspaceId: inv.workspaceId, userId: input.userId, role: inv.role } });
      await recordAudit(tx, {
        workspaceId: inv.workspaceId,
        actorId: input.userId,
        action: "member.joined",
        targetType: "user",
        targetId: input.userId,
        data: { role: inv.role, via: "invitation" },
      });
    }
    return { workspaceSlug: inv.workspace.slug };
  });
}
