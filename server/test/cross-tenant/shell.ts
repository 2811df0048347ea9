import type { CrossTenantDomain } from "./types";

/** Accounts, workspaces, members, invitations. */
export const shellCases: CrossTenantDomain = {
  fixture: async (victim) => {
    const { invitation, link } = await victim.caller.invitations.create({
      workspaceId: victim.workspace.id,
      email: `pending-${Date.now()}@test.local`,
      role: "MEMBER",
    });
    const members = await victim.caller.members.list({ workspaceId: victim.workspace.id });
    return { invitationId: invitation.id, invitationToken: link.split("/invite/")[1]!, membershipId: members[0]!.id };
  },
  cases: {
    "account.signUp": { kind: "exempt", why: "creates a new account and its own personal workspace" },
    "account.me": { kind: "exempt", why: "returns only the caller's own profile" },
    "account.setLocale": { kind: "exempt", why: "changes only the caller's own profile" },
    "workspace.list": { kind: "exempt", why: "lists only workspaces the caller is a member of" },
    "workspace.create": { kind: "exempt", why: "creates a workspace owned by the caller" },
    "workspace.bySlug": { kind: "workspace", input: ({ workspaceId }) => ({ slug: workspaceId }) },
    "workspace.home": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "workspace.rename": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId, name: "Taken over" }) },
    "workspace.delete": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId, confirmName: "x" }) },
    "workspace.audit": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "members.list": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "members.changeRole": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, membershipId: ids.membershipId, role: "VIEWER" }),
    },
    "members.remove": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, membershipId: ids.membershipId }),
    },
    "members.leave": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "invitations.list": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "invitations.create": {
      kind: "workspace",
      input: ({ workspaceId }) => ({ workspaceId, email: "intruder@test.local", role: "ADMIN" }),
    },
    "invitations.revoke": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, invitationId: ids.invitationId }),
    },
    "invitations.describe": {
      kind: "exempt",
      why: "public by design: the secret token is the credential, and it reveals only the workspace name and invited email",
    },
    "invitations.accept": {
      kind: "exempt",
      why: "token-based; requires the invited email (covered in workspaces.int.test.ts: a stranger gets FORBIDDEN)",
    },
  },
};
