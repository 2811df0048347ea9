import type { CrossTenantDomain } from "./types";

/** Founder self-assessment: the victim has a completed attempt, an open one, and a sharing choice. */
export const assessmentCases: CrossTenantDomain = {
  fixture: async (victim) => {
    const workspaceId = victim.workspace.id;
    const { currentVersion } = await victim.caller.assessment.current({ workspaceId });
    const instrument = await victim.caller.assessment.instrument({ workspaceId, version: currentVersion });
    const answers = Object.fromEntries(
      instrument.items.map((item) => [item.id, item.kind === "likert" ? 4 : (item.options[0]?.id ?? "a")]),
    );
    const first = await victim.caller.assessment.start({ workspaceId });
    await victim.caller.assessment.save({ workspaceId, attemptId: first.id, answers });
    await victim.caller.assessment.submit({ workspaceId, attemptId: first.id });
    const open = await victim.caller.assessment.start({ workspaceId });
    await victim.caller.assessment.setSharing({ workspaceId, level: "EVERYTHING" });
    return { completedAttemptId: first.id, openAttemptId: open.id };
  },
  cases: {
    "assessment.instrument": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId, version: 1 }) },
    "assessment.current": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "assessment.start": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "assessment.save": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, attemptId: ids.openAttemptId, answers: { "tv.ai_data_literacy.1": 1 } }),
    },
    "assessment.submit": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, attemptId: ids.openAttemptId }),
    },
    "assessment.history": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "assessment.result": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, attemptId: ids.completedAttemptId }),
    },
    "assessment.compare": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, attemptId: ids.completedAttemptId, baselineId: ids.completedAttemptId }),
    },
    "assessment.referenceGroup": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, attemptId: ids.completedAttemptId }),
    },
    "assessment.exportCsv": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, attemptId: ids.completedAttemptId, locale: "en" }),
    },
    "assessment.sharing": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "assessment.setSharing": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId, level: "NONE" }) },
    "assessment.team": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "assessment.reliability": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
  },
};
