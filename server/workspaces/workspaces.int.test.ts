import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { getDb } from "@/server/db";
import { callerFor, createTeam, createUser, uniqueEmail } from "@/server/test/factories";

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

describe("workspaces", () => {
  it("gives every new user a personal workspace they own", async () => {
    const { caller, workspace } = await createUser({ name: "Ada" });
    const list = await caller.workspace.list();
    expect(list).toEqual([expect.objectContaining({ id: workspace.id, personal: true, role: "OWNER" })]);
  });

  it("lists the personal workspace first, then the others by name, with the caller's role in each", async () => {
    const { caller, workspace } = await createUser({ name: "Grace" });
    await caller.workspace.create({ name: "Zeta Works" });
    await caller.workspace.create({ name: "Alpha Lab" });
    const list = await caller.workspace.list();
    expect(list.map((w) => [w.id === workspace.id ? "personal" : w.name, w.role])).toEqual([
      ["personal", "OWNER"],
      ["Alpha Lab", "OWNER"],
      ["Zeta Works", "OWNER"],
    ]);
    expect(Object.keys(list[0]!).sort()).toEqual(["id", "name", "personal", "role", "slug"]);
  });

  it("creates, renames and deletes a workspace with typed confirmation", async () => {
    const { caller } = await createUser();
    const ws = await caller.workspace.create({ name: "Robotics Lab" });
    expect(ws.slug).toMatch(/^robotics-lab/);
    await caller.workspace.rename({ workspaceId: ws.id, name: "Robotics Studio" });
    await expect(caller.workspace.delete({ workspaceId: ws.id, confirmName: "robotics" })).rejects.toThrow(/exactly/);
    await caller.workspace.delete({ workspaceId: ws.id, confirmName: "Robotics Studio" });
    expect(await codeOf(caller.workspace.bySlug({ slug: ws.slug }))).toBe("NOT_FOUND");
    const audit = await getDb().auditLog.findMany({ where: { workspaceId: ws.id } });
    expect(audit).toHaveLength(0); // cascade-deleted with the workspace
  });

  it("answers NOT_FOUND for a workspace the user does not belong to", async () => {
    const a = await createUser();
    const b = await createUser();
    expect(await codeOf(b.caller.workspace.bySlug({ slug: a.workspace.slug }))).toBe("NOT_FOUND");
    expect(await codeOf(b.caller.workspace.rename({ workspaceId: a.workspace.id, name: "Mine now" }))).toBe("NOT_FOUND");
  });

  it("rejects a malformed name with the zod error flattened", async () => {
    const { caller } = await createUser();
    const err = await caller.workspace.create({ name: "x" }).catch((e: TRPCError) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("requires sign-in", async () => {
    expect(await codeOf(callerFor(null).workspace.list())).toBe("UNAUTHORIZED");
  });
});

describe("members and roles", () => {
  it("lets a viewer read but not change settings", async () => {
    const { mate, workspaceId } = await createTeam("VIEWER");
    expect((await mate.caller.members.list({ workspaceId })).length).toBe(2);
    expect(await codeOf(mate.caller.workspace.rename({ workspaceId, name: "Hijacked" }))).toBe("FORBIDDEN");
    expect(await codeOf(mate.caller.invitations.create({ workspaceId, email: uniqueEmail(), role: "MEMBER" }))).toBe("FORBIDDEN");
    expect(await codeOf(mate.caller.workspace.audit({ workspaceId }))).toBe("FORBIDDEN");
  });

  it("changes roles, audits it, and keeps at least one owner", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    const members = await owner.caller.members.list({ workspaceId });
    const mine = members.find((m) => m.user.id === owner.user.id)!;
    const theirs = members.find((m) => m.user.id === mate.user.id)!;
    await owner.caller.members.changeRole({ workspaceId, membershipId: theirs.id, role: "ADMIN" });
    expect(await codeOf(owner.caller.members.changeRole({ workspaceId, membershipId: mine.id, role: "ADMIN" }))).toBe(
      "PRECONDITION_FAILED",
    );
    expect(await codeOf(owner.caller.members.leave({ workspaceId }))).toBe("PRECONDITION_FAILED");
    // An admin cannot demote the owner.
    expect(await codeOf(mate.caller.members.changeRole({ workspaceId, membershipId: mine.id, role: "MEMBER" }))).toBe("FORBIDDEN");
    const audit = await owner.caller.workspace.audit({ workspaceId });
    expect(audit.items.map((a) => a.action)).toEqual(
      expect.arrayContaining(["member.role_changed", "member.joined", "invitation.created", "workspace.created"]),
    );
    const change = audit.items.find((a) => a.action === "member.role_changed")!;
    expect(change.actor?.id).toBe(owner.user.id);
    expect(change.data).toEqual({ from: "MEMBER", to: "ADMIN" });
  });

  it("keeps one owner when two owners demote each other at the same time", async () => {
    const { owner, mate, workspaceId } = await createTeam("ADMIN");
    const members = await owner.caller.members.list({ workspaceId });
    const o = members.find((m) => m.user.id === owner.user.id)!;
    const m = members.find((x) => x.user.id === mate.user.id)!;
    await owner.caller.members.changeRole({ workspaceId, membershipId: m.id, role: "OWNER" });
    await Promise.allSettled([
      owner.caller.members.changeRole({ workspaceId, membershipId: m.id, role: "MEMBER" }),
      mate.caller.members.changeRole({ workspaceId, membershipId: o.id, role: "MEMBER" }),
    ]);
    const owners = await getDb().membership.count({ where: { workspaceId, role: "OWNER" } });
    expect(owners).toBeGreaterThanOrEqual(1);
  });

  it("lets a member leave and an admin remove a member", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    await mate.caller.members.leave({ workspaceId });
    expect(await codeOf(mate.caller.members.list({ workspaceId }))).toBe("NOT_FOUND");
    const third = await createUser();
    const { link } = await owner.caller.invitations.create({ workspaceId, email: third.user.email, role: "VIEWER" });
    await third.caller.invitations.accept({ token: link.split("/invite/")[1]! });
    const row = (await owner.caller.members.list({ workspaceId })).find((x) => x.user.id === third.user.id)!;
    await owner.caller.members.remove({ workspaceId, membershipId: row.id });
    expect(await codeOf(third.caller.members.list({ workspaceId }))).toBe("NOT_FOUND");
  });
});

describe("invitations", () => {
  it("stores only the token's hash and requires the invited email", async () => {
    const owner = await createUser();
    const invitee = await createUser();
    const stranger = await createUser();
    const { link, invitation } = await owner.caller.invitations.create({
      workspaceId: owner.workspace.id,
      email: invitee.user.email,
      role: "MEMBER",
    });
    const token = link.split("/invite/")[1]!;
    const row = await getDb().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await codeOf(stranger.caller.invitations.accept({ token }))).toBe("FORBIDDEN");
    const described = await callerFor(null).invitations.describe({ token });
    expect(described).toMatchObject({ status: "valid", email: invitee.user.email, workspaceName: owner.workspace.name });
    await invitee.caller.invitations.accept({ token });
    expect(await codeOf(invitee.caller.invitations.accept({ token }))).toBe("PRECONDITION_FAILED");
  });

  it("refuses expired and revoked invitations with a clear reason", async () => {
    const owner = await createUser();
    const invitee = await createUser();
    const { link, invitation } = await owner.caller.invitations.create({
      workspaceId: owner.workspace.id,
      email: invitee.user.email,
      role: "MEMBER",
    });
    const token = link.split("/invite/")[1]!;
    await getDb().invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await callerFor(null).invitations.describe({ token })).status).toBe("expired");
    await expect(invitee.caller.invitations.accept({ token })).rejects.toThrow(/expired/);

    const second = await owner.caller.invitations.create({ workspaceId: owner.workspace.id, email: invitee.user.email, role: "MEMBER" });
    await owner.caller.invitations.revoke({ workspaceId: owner.workspace.id, invitationId: second.invitation.id });
    const t2 = second.link.split("/invite/")[1]!;
    expect((await callerFor(null).invitations.describe({ token: t2 })).status).toBe("revoked");
    await expect(invitee.caller.invitations.accept({ token: t2 })).rejects.toThrow(/revoked/);
    expect(await codeOf(callerFor(null).invitations.describe({ token: "x".repeat(43) }))).toBe("NOT_FOUND");
  });

  it("sets invitations to expire after seven days", async () => {
    const owner = await createUser();
    const { invitation } = await owner.caller.invitations.create({ workspaceId: owner.workspace.id, email: uniqueEmail(), role: "VIEWER" });
    const days = (invitation.expiresAt.getTime() - invitation.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);
  });
});
