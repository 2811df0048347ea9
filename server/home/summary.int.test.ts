import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { seedDemoAssessment } from "@/server/assessment/demo";
import { seedDemoOpportunities } from "@/server/opportunities/demo";
import { createTeam } from "@/server/test/factories";

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
});
