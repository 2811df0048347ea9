import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { seedDemoAssessment } from "@/server/assessment/demo";
import { seedDemoOpportunities } from "@/server/opportunities/demo";
import { createTeam, RUN_METRICS_49_OF_50 } from "@/server/test/factories";
import { statementTotals, timeStatements } from "@/scripts/lib/database";

describe("workspace home", () => {
  it("shows each section's state and points at the first missing piece of evidence", async () => {
    const { owner, workspaceId } = await createTeam("MEMBER");
    const empty = await owner.caller.workspace.home({ workspaceId });
    expect(empty).toMatchObject({
      assessment: { mine: null, membersAssessed: 0, memberCount: 2 },
      opportunities: { shortlisted: 0 },
      prototypes: { count: 0, latestRun: null },
      ideas: { count: 0, recent: [] },
      next: "assessment",
    });

    const db = getDb();
    await seedDemoAssessment(db, { userId: owner.user.id, workspaceId });
    const assessed = await owner.caller.workspace.home({ workspaceId });
    expect(assessed.assessment.mine!.dimensions.map((d) => d.id)).toEqual(["technical_vision", "business_acumen", "leadership"]);
    expect(assessed.assessment.mine!.dimensions.every((d) => d.score >= 0 && d.score <= 100 && d.name.zh.length > 0)).toBe(true);
    expect(assessed.next).toBe("opportunities");

    await seedDemoOpportunities(db, { userId: owner.user.id, workspaceId });
    const idea = await owner.caller.ideas.create({ workspaceId, title: "Visual QA", opportunityRef: "manufacturing.visual-inspection" });
    const later = await owner.caller.workspace.home({ workspaceId });
    expect(later).toMatchObject({
      opportunities: { shortlisted: 2 },
      next: "prototypes",
      ideas: { count: 1, recent: [{ id: idea.id, title: "Visual QA", verdict: "validate" }] },
    });
  });

  it("does not reveal that a teammate who shares nothing has results", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    await seedDemoAssessment(getDb(), { userId: mate.user.id, workspaceId });
    expect((await owner.caller.workspace.home({ workspaceId })).assessment.membersAssessed).toBe(1);
    await mate.caller.assessment.setSharing({ workspaceId, level: "NONE" });
    expect((await owner.caller.workspace.home({ workspaceId })).assessment.membersAssessed).toBe(0);
    // Their own results always count for themselves.
    expect((await mate.caller.workspace.home({ workspaceId })).assessment.membersAssessed).toBe(1);
  });

  it("shows the latest run of a prototype that is not archived, with its held-out accuracy", async () => {
    const { owner, workspaceId } = await createTeam("MEMBER");
    const db = getDb();
    const prototype = (name: string, archivedAt: Date | null = null) =>
      db.prototype.create({ data: { workspaceId, name, archivedAt }, select: { id: true } });
    const kept = await prototype("Scratch finder");
    const archived = await prototype("Old finder", new Date());
    const run = await db.trainingRun.create({
      data: {
        workspaceId,
        prototypeId: kept.id,
        version: 1,
        status: "SUCCEEDED",
        settings: {},
        metrics: RUN_METRICS_49_OF_50,
        queuedAt: new Date(Date.now() - 60_000),
      },
      select: { id: true },
    });
    await db.trainingRun.create({ data: { workspaceId, prototypeId: archived.id, version: 1, status: "QUEUED", settings: {} } });

    const home = await owner.caller.workspace.home({ workspaceId });
    expect(home.prototypes).toMatchObject({
      count: 1,
      latestRun: { runId: run.id, version: 1, status: "SUCCEEDED", accuracy: 0.98, prototypeId: kept.id, prototypeName: "Scratch finder" },
    });
    expect(home.prototypes.latestRun!.evidence!.accuracy).toMatchObject({ successes: 49, n: 50 });
  });

  it("reads as many statements for three ideas as for one", async () => {
    const { owner, workspaceId } = await createTeam("MEMBER");
    await seedDemoAssessment(getDb(), { userId: owner.user.id, workspaceId });
    const addIdea = async (title: string) => {
      const idea = await owner.caller.ideas.create({ workspaceId, title, opportunityRef: "manufacturing.visual-inspection" });
      await owner.caller.ideas.addAssumption({
        workspaceId,
        ideaId: idea.id,
        kind: "desirability",
        statement: "Makers pay",
        importance: "high",
      });
    };
    const timer = timeStatements(80);
    const statementsOfHome = async () => {
      await owner.caller.workspace.home({ workspaceId }); // keeps each new idea's verdict history: a write, once
      timer.statements.clear();
      timer.recording = true;
      const home = await owner.caller.workspace.home({ workspaceId });
      timer.recording = false;
      return { home, count: statementTotals(timer.statements).count };
    };
    try {
      await addIdea("One");
      const one = await statementsOfHome();
      await addIdea("Two");
      await addIdea("Three");
      const three = await statementsOfHome();
      expect(one.home.ideas.recent).toHaveLength(1);
      expect(three.home.ideas.recent.map((i) => i.title)).toEqual(["Three", "Two", "One"]);
      expect(three.count).toBe(one.count);
    } finally {
      timer.restore();
    }
  });
});
