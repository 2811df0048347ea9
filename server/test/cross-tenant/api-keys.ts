import type { CrossTenantDomain } from "./types";

export const apiKeyCases: CrossTenantDomain = {
  fixture: async (victim) => {
    const key = await victim.caller.apiKeys.create({ workspaceId: victim.workspace.id, name: "Victim key" });
    return { apiKeyId: key.id };
  },
  cases: {
    "apiKeys.list": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "apiKeys.create": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId, name: "intruder" }) },
    "apiKeys.revoke": { kind: "workspace", objects: true, input: ({ workspaceId, ids }) => ({ workspaceId, keyId: ids.apiKeyId }) },
  },
};
