import { customOpportunityFields } from "@/server/opportunities/test-fixtures";
import type { CrossTenantDomain } from "./types";

const CUSTOM = customOpportunityFields({ title: "Victim tutoring idea", description: "secret" });

export const opportunitiesCases: CrossTenantDomain = {
  fixture: async (victim) => {
    const workspaceId = victim.workspace.id;
    const custom = await victim.caller.opportunities.createCustom({ workspaceId, ...CUSTOM });
    await victim.caller.opportunities.setStar({ workspaceId, ref: custom.ref, starred: true });
    const notes = await victim.caller.opportunities.addNote({ workspaceId, ref: custom.ref, body: "victim's secret note" });
    return { customOpportunityId: custom.ref, opportunityNoteId: notes[0]!.id };
  },
  cases: {
    "opportunities.overview": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "opportunities.list": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "opportunities.get": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, ref: ids.customOpportunityId }),
    },
    "opportunities.getCustom": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, id: ids.customOpportunityId }),
    },
    // Creating needs no victim object; an outsider still cannot create in the victim's workspace.
    "opportunities.createCustom": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId, ...CUSTOM, title: "Planted" }) },
    "opportunities.updateCustom": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, id: ids.customOpportunityId, ...CUSTOM, title: "Taken" }),
    },
    "opportunities.setArchived": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, id: ids.customOpportunityId, archived: true }),
    },
    "opportunities.setStar": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, ref: ids.customOpportunityId, starred: false }),
    },
    "opportunities.setStatus": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, ref: ids.customOpportunityId, status: "parked" }),
    },
    "opportunities.setVote": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, ref: ids.customOpportunityId, value: -1 }),
    },
    "opportunities.addNote": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, ref: ids.customOpportunityId, body: "planted" }),
    },
    "opportunities.updateNote": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, noteId: ids.opportunityNoteId, body: "rewritten" }),
    },
    "opportunities.deleteNote": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, noteId: ids.opportunityNoteId }),
    },
    "opportunities.facets": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "opportunities.weights": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "opportunities.setWeights": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId, value: 0, feasibility: 0, fit: 100 }) },
    "opportunities.shortlistCsv": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId, locale: "en" }) },
  },
};
