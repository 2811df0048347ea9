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
    const assumption = await victim.caller.ideas.addAssumption({
      workspaceId: victim.workspace.id,
      ideaId: idea.id,
      kind: "desirability",
      statement: "Victims pay",
      importance: "critical",
    });
    await victim.caller.ideas.planExperiment({
      workspaceId: victim.workspace.id,
      ideaId: idea.id,
      plan: { assumptionId: assumption.id, kind: "interviews", metric: "yes answers", threshold: 5 },
    });
    const experiment = await getDb().ideaExperiment.findFirstOrThrow({ where: { ideaId: idea.id }, select: { id: true } });
    return { ideaId: idea.id, victimPrototypeId: proto.id, assumptionId: assumption.id, experimentId: experiment.id };
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
    "ideas.addAssumption": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, ideaId: ids.ideaId, kind: "team", statement: "planted", importance: "low" }),
    },
    "ideas.updateAssumption": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({
        workspaceId,
        ideaId: ids.ideaId,
        assumptionId: ids.assumptionId,
        kind: "team",
        statement: "changed",
        importance: "low",
      }),
    },
    "ideas.deleteAssumption": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, ideaId: ids.ideaId, assumptionId: ids.assumptionId }),
    },
    "ideas.planExperiment": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({
        workspaceId,
        ideaId: ids.ideaId,
        plan: {
          assumptionId: ids.assumptionId,
          kind: "prototype",
          prototypeId: ids.victimPrototypeId,
          prototypeMetric: "accuracy",
          threshold: 0.5,
        },
      }),
    },
    "ideas.recordLearning": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, ideaId: ids.ideaId, learning: { experimentId: ids.experimentId, resultValue: 0 } }),
    },
    "ideas.deleteExperiment": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, ideaId: ids.ideaId, experimentId: ids.experimentId }),
    },
    "ideas.measureLatency": { kind: "workspace", objects: true, input: ({ workspaceId, ids }) => ({ workspaceId, ideaId: ids.ideaId }) },
    "ideas.saveEconomics": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, ideaId: ids.ideaId, fields: { pricePerUnit: 1, unitsPerMonth: 1 } }),
    },
  },
};
