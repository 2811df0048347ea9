import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { seedDemoAssessment } from "@/server/assessment/demo";
import { customOpportunityFields } from "@/server/opportunities/test-fixtures";
import { createTeam, createUser } from "@/server/test/factories";

/** A finished run whose held-out confusion matrix finds `found` of `defects` defects (rows = truth: ok, defect). */
async function finishedRun(workspaceId: string, prototypeId: string, version: number, found: number, defects = 100) {
  const confusion = [
    [100, 0],
    [defects - found, found],
  ];
  const total = 100 + defects;
  return getDb().trainingRun.create({
    data: {
      workspaceId,
      prototypeId,
      version,
      status: "SUCCEEDED",
      settings: {},
      metrics: { accuracy: (100 + found) / total, macroF1: (100 + found) / total, classes: ["ok", "defect"], confusion },
      dataSizes: { validation: total },
    },
    select: { id: true },
  });
}

async function ideaWithAssumption(caller: Awaited<ReturnType<typeof createUser>>["caller"], workspaceId: string) {
  const idea = await caller.ideas.create({ workspaceId, title: "Defect spotting", opportunityRef: "manufacturing.visual-inspection" });
  const assumption = await caller.ideas.addAssumption({
    workspaceId,
    ideaId: idea.id,
    kind: "feasibility",
    statement: "The model finds 90 % of defects",
    importance: "critical",
  });
  return { idea, assumption };
}

describe("experiment links stay in the idea's workspace", () => {
  it("refuses a prototype, run or opportunity of another workspace as not found, and stores nothing", async () => {
    const me = await createUser();
    const other = await createUser();
    const ws = me.workspace.id;
    const { idea, assumption } = await ideaWithAssumption(me.caller, ws);
    const foreignProto = await getDb().prototype.create({
      data: { workspaceId: other.workspace.id, name: "Theirs" },
      select: { id: true },
    });
    const foreignRun = await finishedRun(other.workspace.id, foreignProto.id, 1, 99);
    const foreignOpp = await other.caller.opportunities.createCustom({ workspaceId: other.workspace.id, ...customOpportunityFields() });
    const ownProto = await getDb().prototype.create({ data: { workspaceId: ws, name: "Mine" }, select: { id: true } });
    const base = { assumptionId: assumption.id, kind: "prototype" as const, prototypeMetric: "accuracy" as const, threshold: 0.5 };

    await expect(
      me.caller.ideas.planExperiment({ workspaceId: ws, ideaId: idea.id, plan: { ...base, prototypeId: foreignProto.id } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      me.caller.ideas.planExperiment({
        workspaceId: ws,
        ideaId: idea.id,
        plan: { ...base, prototypeId: ownProto.id, runId: foreignRun.id },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      me.caller.ideas.planExperiment({
        workspaceId: ws,
        ideaId: idea.id,
        plan: { assumptionId: assumption.id, kind: "interviews", metric: "yes", threshold: 3, opportunityRef: foreignOpp.ref },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      me.caller.ideas.planExperiment({
        workspaceId: ws,
        ideaId: idea.id,
        plan: { assumptionId: assumption.id, kind: "interviews", metric: "yes", threshold: 3, opportunityRef: "no.such-opportunity" },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDb().ideaExperiment.count({ where: { ideaId: idea.id } })).toBe(0);

    // The same plan with the workspace's own prototype is accepted.
    await me.caller.ideas.planExperiment({ workspaceId: ws, ideaId: idea.id, plan: { ...base, prototypeId: ownProto.id } });
    expect(await getDb().ideaExperiment.count({ where: { ideaId: idea.id } })).toBe(1);
  });
});

describe("idea validation", () => {
  it("counts a prototype as proof only through an experiment, and reads the pass live from its latest run", async () => {
    const { caller, workspace, user } = await createUser();
    const ws = workspace.id;
    await seedDemoAssessment(getDb(), { userId: user.id, workspaceId: ws });
    const proto = await getDb().prototype.create({ data: { workspaceId: ws, name: "Scratch finder" }, select: { id: true } });
    await finishedRun(ws, proto.id, 1, 80);
    const { idea, assumption } = await ideaWithAssumption(caller, ws);
    // Linked to the idea but to no experiment: no proof.
    await caller.ideas.update({
      workspaceId: ws,
      ideaId: idea.id,
      title: idea.title,
      summary: "",
      opportunityRef: idea.opportunityRef,
      prototypeId: proto.id,
    });
    let report = await caller.ideas.report({ workspaceId: ws, ideaId: idea.id });
    expect(report.scores.proof).toBeNull();
    expect(report.sources.runs).toEqual([]);

    await caller.ideas.planExperiment({
      workspaceId: ws,
      ideaId: idea.id,
      plan: {
        assumptionId: assumption.id,
        kind: "prototype",
        prototypeId: proto.id,
        prototypeMetric: "recall",
        targetClass: "defect",
        threshold: 0.9,
        minSamples: 50,
      },
    });
    report = await caller.ideas.report({ workspaceId: ws, ideaId: idea.id });
    expect(report.scores.proof).not.toBeNull();
    // 80/100 defects found: the interval's top is below 90 % → failed, the critical assumption parks the idea.
    expect(report.experiments[0]!.result.outcome).toBe("failed");
    expect(report.assumptions[0]!.status).toBe("invalidated");
    expect(report.verdict).toBe("park");

    // A new run finds 99/100: the interval's lower bound clears 90 %, read live without any edit.
    await finishedRun(ws, proto.id, 2, 99);
    report = await caller.ideas.report({ workspaceId: ws, ideaId: idea.id });
    expect(report.experiments[0]!.result).toMatchObject({ outcome: "passed", run: { version: 2, heldOut: 200 } });
    expect(report.experiments[0]!.result.interval!.low).toBeGreaterThan(0.9);
    expect(report.assumptions[0]!.status).toBe("validated");
    expect(report.verdict).not.toBe("park");

    const { history } = await caller.ideas.report({ workspaceId: ws, ideaId: idea.id });
    expect(history.map((h) => h.cause)).toEqual(["created", "experiment", "run"]);
    expect(history.at(-1)!.verdict).toBe(report.verdict);
  });

  it("parks the idea when a manual experiment on a critical assumption fails, and keeps why", async () => {
    const { caller, workspace } = await createUser();
    const ws = workspace.id;
    const { idea, assumption } = await ideaWithAssumption(caller, ws);
    await caller.ideas.planExperiment({
      workspaceId: ws,
      ideaId: idea.id,
      plan: { assumptionId: assumption.id, kind: "pre_orders", metric: "pre-orders", threshold: 10, believe: "Makers pay up front" },
    });
    const exp = (await caller.ideas.report({ workspaceId: ws, ideaId: idea.id })).experiments[0]!;
    expect(exp.result.outcome).toBe("pending");
    await caller.ideas.recordLearning({
      workspaceId: ws,
      ideaId: idea.id,
      learning: {
        experimentId: exp.id,
        resultValue: 2,
        observed: "2 of 40 pre-ordered",
        learned: "Price too high",
        therefore: "Try per-part pricing",
      },
    });
    const report = await caller.ideas.report({ workspaceId: ws, ideaId: idea.id });
    expect(report.verdict).toBe("park");
    expect(report.experiments[0]).toMatchObject({ observed: "2 of 40 pre-ordered", result: { outcome: "failed" } });
    const { history } = await caller.ideas.report({ workspaceId: ws, ideaId: idea.id });
    expect(history.at(-1)).toMatchObject({ verdict: "park", cause: "experiment" });
  });

  it("says 'no evidence yet' for a bare idea and lists each next step once, even with assessed founders", async () => {
    const { caller, workspace, user } = await createUser();
    await seedDemoAssessment(getDb(), { userId: user.id, workspaceId: workspace.id });
    const idea = await caller.ideas.create({ workspaceId: workspace.id, title: "Something with AI" });
    const report = await caller.ideas.report({ workspaceId: workspace.id, ideaId: idea.id });
    expect(report.verdict).toBe("noEvidence");
    const steps = report.nextSteps.map((s) => s.key);
    expect(new Set(steps).size).toBe(steps.length);
    expect(steps.filter((k) => k === "step_opportunity")).toHaveLength(1);
  });

  it("proposes starting assumptions and does not let one be accepted twice", async () => {
    const { caller, workspace } = await createUser();
    const ws = workspace.id;
    const idea = await caller.ideas.create({ workspaceId: ws, title: "Claims triage", opportunityRef: "manufacturing.visual-inspection" });
    const before = await caller.ideas.report({ workspaceId: ws, ideaId: idea.id });
    const p = before.proposals[0]!;
    await caller.ideas.addAssumption({
      workspaceId: ws,
      ideaId: idea.id,
      kind: p.kind,
      importance: p.importance,
      statement: "Makers feel the pain",
      origin: p.origin,
    });
    const after = await caller.ideas.report({ workspaceId: ws, ideaId: idea.id });
    expect(after.proposals.map((x) => x.origin)).not.toContain(p.origin);
    await expect(
      caller.ideas.addAssumption({
        workspaceId: ws,
        ideaId: idea.id,
        kind: p.kind,
        importance: p.importance,
        statement: "again",
        origin: p.origin,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("computes economics and refuses to overwrite a teammate's save", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    const idea = await owner.caller.ideas.create({ workspaceId, title: "Per-part inspection" });
    const fields = {
      pricePerUnit: 0.05,
      unitsPerMonth: 200_000,
      otherCostPerUnit: 0.01,
      latencyMsOverride: 40,
      machinePricePerHour: 1.8,
      buildCost: 30_000,
    };
    await owner.caller.ideas.saveEconomics({ workspaceId, ideaId: idea.id, fields, baseUpdatedAt: null });
    const report = await owner.caller.ideas.report({ workspaceId, ideaId: idea.id });
    expect(report.economics).toMatchObject({ latencySource: "override", positive: true });
    expect(report.economics!.inferenceCostPer1000).toBeCloseTo(0.02, 10);
    const opened = report.economicsInputs!.updatedAt;
    await mate.caller.ideas.saveEconomics({
      workspaceId,
      ideaId: idea.id,
      fields: { ...fields, pricePerUnit: 0.04 },
      baseUpdatedAt: opened,
    });
    await expect(
      owner.caller.ideas.saveEconomics({ workspaceId, ideaId: idea.id, fields: { ...fields, pricePerUnit: 0.06 }, baseUpdatedAt: opened }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // A second "first save" is a conflict too: the teammate created them meanwhile.
    await expect(owner.caller.ideas.saveEconomics({ workspaceId, ideaId: idea.id, fields, baseUpdatedAt: null })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await owner.caller.ideas.report({ workspaceId, ideaId: idea.id })).economicsInputs!.pricePerUnit).toBe(0.04);
  });
});
