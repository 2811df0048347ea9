import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { seedDemoAssessment } from "@/server/assessment/demo";
import { bundledDataset } from "@/server/opportunities/dataset";
import { customOpportunityFields } from "@/server/opportunities/test-fixtures";
import { createTeam, createUser } from "@/server/test/factories";

async function succeededRun(workspaceId: string, prototypeId: string, accuracy: number, validation: number) {
  await getDb().trainingRun.create({
    data: {
      workspaceId,
      prototypeId,
      version: 1,
      status: "SUCCEEDED",
      settings: {},
      metrics: { accuracy, macroF1: accuracy, classes: ["ok", "scratch", "dent"] },
      dataSizes: { train: validation * 4, validation },
    },
  });
}

type Caller = Awaited<ReturnType<typeof createUser>>["caller"];

/** A prototype is evidence for an idea only through an experiment on one of its assumptions. */
async function testWith(caller: Caller, workspaceId: string, ideaId: string, prototypeId: string) {
  const a = await caller.ideas.addAssumption({
    workspaceId,
    ideaId,
    kind: "feasibility",
    statement: "The model works",
    importance: "high",
  });
  await caller.ideas.planExperiment({
    workspaceId,
    ideaId,
    plan: { assumptionId: a.id, kind: "prototype", prototypeId, prototypeMetric: "accuracy", threshold: 0.5 },
  });
}

describe("idea report", () => {
  it("joins the team's profile, the opportunity and the prototype's latest run", async () => {
    const { caller, workspace, user } = await createUser();
    await seedDemoAssessment(getDb(), { userId: user.id, workspaceId: workspace.id });
    const proto = await getDb().prototype.create({ data: { workspaceId: workspace.id, name: "Scratch finder" }, select: { id: true } });
    await succeededRun(workspace.id, proto.id, 0.94, 60);
    const opportunityRef = bundledDataset().opportunities.find((o) => o.industry === "manufacturing")!.key;
    const idea = await caller.ideas.create({ workspaceId: workspace.id, title: "Visual QA", opportunityRef, prototypeId: proto.id });
    await testWith(caller, workspace.id, idea.id, proto.id);

    const report = await caller.ideas.report({ workspaceId: workspace.id, ideaId: idea.id });
    expect(report.confidence).toBe(1);
    expect(report.scores.team).toEqual(expect.any(Number));
    expect(report.scores.opportunity).toEqual(expect.any(Number));
    expect(report.scores.proof).toBeGreaterThan(80);
    expect(["go", "validate", "park"]).toContain(report.verdict);
    expect(report.reasons.map((r) => r.pillar)).toEqual(expect.arrayContaining(["team", "opportunity", "proof"]));
  });

  it("says what is missing for a bare idea and never says go", async () => {
    const { caller, workspace } = await createUser();
    const idea = await caller.ideas.create({ workspaceId: workspace.id, title: "Something with AI" });
    const report = await caller.ideas.report({ workspaceId: workspace.id, ideaId: idea.id });
    expect(report.verdict).toBe("noEvidence");
    expect(report.confidence).toBe(0);
    expect(report.reasons.every((r) => r.tone === "missing")).toBe(true);
    expect(report.nextSteps.map((s) => s.key)).toEqual([
      "step_assess",
      "step_opportunity",
      "step_prototype",
      "step_assumptions",
      "step_economics",
    ]);
  });

  it("parks an idea whose prototype cannot beat chance on enough images", async () => {
    const { caller, workspace } = await createUser();
    const proto = await getDb().prototype.create({ data: { workspaceId: workspace.id, name: "Coin flip" }, select: { id: true } });
    await succeededRun(workspace.id, proto.id, 0.35, 90);
    const idea = await caller.ideas.create({ workspaceId: workspace.id, title: "Guessing game", prototypeId: proto.id });
    await testWith(caller, workspace.id, idea.id, proto.id);
    expect((await caller.ideas.report({ workspaceId: workspace.id, ideaId: idea.id })).verdict).toBe("park");
  });
});

describe("idea scorecards", () => {
  it("give every idea the verdict, readiness and pillar scores of its full report, newest first", async () => {
    const { caller, workspace, user } = await createUser();
    const workspaceId = workspace.id;
    await seedDemoAssessment(getDb(), { userId: user.id, workspaceId });
    const flipper = await getDb().prototype.create({ data: { workspaceId, name: "Coin flipper" }, select: { id: true } });
    await succeededRun(workspaceId, flipper.id, 0.34, 90);
    const parked = await caller.ideas.create({ workspaceId, title: "Parked", prototypeId: flipper.id });
    await testWith(caller, workspaceId, parked.id, flipper.id);
    const bare = await caller.ideas.create({ workspaceId, title: "Bare" });

    const cards = await caller.ideas.scorecards({ workspaceId });
    expect(cards.map((c) => c.id)).toEqual([bare.id, parked.id]);
    for (const card of cards) {
      const report = await caller.ideas.report({ workspaceId, ideaId: card.id });
      expect(card).toMatchObject({ verdict: report.verdict, readiness: report.readiness, scores: report.scores });
    }
    expect(cards.find((c) => c.id === parked.id)!.verdict).toBe("park");
  });

  it("evaluate each idea on its own evidence and the team's shared profiles, as its report does", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    await seedDemoAssessment(getDb(), { userId: owner.user.id, workspaceId });
    await seedDemoAssessment(getDb(), { userId: mate.user.id, workspaceId });
    await mate.caller.assessment.setSharing({ workspaceId, level: "EVERYTHING" });
    const caller = owner.caller;
    const opportunityRef = "manufacturing.visual-inspection";
    const tested = await caller.ideas.create({ workspaceId, title: "Tested", opportunityRef });
    for (const statement of ["Makers pay", "Lines have cameras"])
      await caller.ideas.addAssumption({ workspaceId, ideaId: tested.id, kind: "desirability", statement, importance: "critical" });
    const fitted = await caller.ideas.create({ workspaceId, title: "Fitted", opportunityRef });
    const own = await caller.opportunities.createCustom({ workspaceId, ...customOpportunityFields({ title: "Our own market" }) });
    const custom = await caller.ideas.create({ workspaceId, title: "Custom", opportunityRef: own.ref });
    const bare = await caller.ideas.create({ workspaceId, title: "Bare" });

    const cards = await caller.ideas.scorecards({ workspaceId });
    expect(cards.map((c) => c.title)).toEqual(["Bare", "Custom", "Fitted", "Tested"]);
    expect(cards.find((c) => c.id === custom.id)!.scores.opportunity).toEqual(expect.any(Number));
    expect((await caller.ideas.report({ workspaceId, ideaId: custom.id })).opportunityTitle).toBe("Our own market");
    for (const card of cards) {
      const report = await caller.ideas.report({ workspaceId, ideaId: card.id });
      expect(card).toMatchObject({
        verdict: report.verdict,
        stage: report.stage,
        readiness: report.readiness,
        confidence: report.confidence,
        scores: report.scores,
      });
      expect(report.assumptions.length).toBe(card.id === tested.id ? 2 : 0);
      expect(report.teamBasis).toEqual(card.id === bare.id ? null : { membersAssessed: 2 });
    }
    expect(cards.find((c) => c.id === fitted.id)!.scores.team).toEqual(expect.any(Number));
  });
});
