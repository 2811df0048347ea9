import { callerFor } from "@/server/test/factories";
import type { CrossTenantDomain } from "./types";

/**
 * Raters of the victim's self-assessment: one link rater who answered, one pending link, and a
 * pending request to a member. The victim's own ids must be "not found" to an outsider.
 */
export const ratersCases: CrossTenantDomain = {
  fixture: async (victim) => {
    const workspaceId = victim.workspace.id;
    const answered = await victim.caller.raters.inviteLink({ workspaceId, label: "Advisor A" });
    const { form } = await callerFor(null, "192.0.2.1").raters.linkForm({ token: answered.link.split("/rate/")[1]! });
    const answers = Object.fromEntries((form?.items ?? []).map((item) => [item.id, item.kind === "likert" ? 4 : item.options[0]!.id]));
    await callerFor(null, "192.0.2.1").raters.submitLink({ token: answered.link.split("/rate/")[1]!, answers });
    const pending = await victim.caller.raters.inviteLink({ workspaceId, label: "Investor B" });
    return { answeredRaterId: answered.rater.id, pendingRaterId: pending.rater.id, victimUserId: victim.user.id };
  },
  cases: {
    "raters.list": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "raters.inviteLink": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId, label: "Intruder" }) },
    "raters.inviteMember": {
      kind: "workspace",
      objects: true,
      // The victim's own user id as the rater: not a member of the attacker's workspace either.
      input: ({ workspaceId, ids }) => ({ workspaceId, raterUserId: ids.victimUserId }),
    },
    "raters.revoke": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, raterId: ids.pendingRaterId }),
    },
    "raters.delete": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, raterId: ids.answeredRaterId }),
    },
    "raters.selfVsOthers": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, subjectId: ids.victimUserId }),
    },
    "raters.requests": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "raters.memberForm": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, raterId: ids.pendingRaterId }),
    },
    "raters.submitMember": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, raterId: ids.pendingRaterId, answers: {}, showName: true }),
    },
    "raters.linkForm": {
      kind: "exempt",
      why: "public by design: the secret token is the credential; it returns the founder's name and the observer form, nothing of the workspace (raters.int.test.ts)",
    },
    "raters.submitLink": {
      kind: "exempt",
      why: "token-based, single-use, rate-limited; it writes only that rater's answers (raters.int.test.ts)",
    },
  },
};
