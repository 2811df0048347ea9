import { getDb } from "@/server/db";
import type { CrossTenantDomain } from "./types";

export const ideasCases: CrossTenantDomain = {
  fixture: async (victim) => {
    const proto = await getDb().prototype.create({
      data: { workspaceId: victim.workspace.id, name: "Victim prototype" },
      select: { id: true },
    });
    const idea = await victim.caller.ideas.create({
      workspaceId: victim.workspace.id,
      title: "Victim idea",
      summary: "secret",
      prototypeId: proto.id,
    });
    return { ideaId: idea.id, victimPrototypeId: proto.id };
  },
  cases: {
    "ideas.list": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "ideas.scorecards": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "ideas.get": { kind: "workspace", objects: true, input: ({ workspaceId, ids }) => ({ workspaceId, ideaId: ids.ideaId }) },
    "ideas.create": {
      kind: "workspace",
      objects: true,
      // Through the attacker's own workspace: linking the victim's prototype must fail as not found.
      input: ({ workspaceId, ids }) => ({ workspaceId, title: "Mine", prototypeId: ids.victimPrototypeId }),
    },
    "ideas.update": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({
        workspaceId,
        ideaId: ids.ideaId,
        title: "Taken",
        summary: "",
        opportunityRef: null,
        prototypeId: null,
      }),
    },
    "ideas.options": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "ideas.report": { kind: "workspace", objects: true, input: ({ workspaceId, ids }) => ({ workspaceId, ideaId: ids.ideaId }) },
    "ideas.delete": { kind: "workspace", objects: true, input: ({ workspaceId, ids }) => ({ workspaceId, ideaId: ids.ideaId }) },
  },
};
