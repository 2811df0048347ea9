import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createTeam, createUser } from "@/server/test/factories";

describe("ideas", () => {
  it("offers the workspace's shortlist to link, marked per workspace", async () => {
    const a = await createUser();
    const b = await createUser();
    await a.caller.opportunities.setStar({ workspaceId: a.workspace.id, ref: "manufacturing.visual-inspection", starred: true });
    const shortlisted = async (caller: typeof a.caller, workspaceId: string) =>
      (await caller.ideas.options({ workspaceId })).opportunities.filter((o) => o.shortlisted).map((o) => o.ref);
    expect(await shortlisted(a.caller, a.workspace.id)).toEqual(["manufacturing.visual-inspection"]);
    // Another workspace's shortlist is its own.
    expect(await shortlisted(b.caller, b.workspace.id)).toEqual([]);
  });

  it("creates, edits, lists and deletes an idea in a workspace", async () => {
    const { caller, workspace } = await createUser();
    const proto = await getDb().prototype.create({ data: { workspaceId: workspace.id, name: "Defect detector" }, select: { id: true } });
    const idea = await caller.ideas.create({ workspaceId: workspace.id, title: "Visual QA for PCBs", prototypeId: proto.id });
    expect(idea.linkedPrototype).toEqual({ id: proto.id, name: "Defect detector" });
    const edited = await caller.ideas.update({
      workspaceId: workspace.id,
      ideaId: idea.id,
      title: "Visual QA for PCB lines",
      summary: "Catch solder defects",
      opportunityRef: "manufacturing.visual-inspection",
      prototypeId: null,
    });
    expect(edited).toMatchObject({
      title: "Visual QA for PCB lines",
      prototypeId: null,
      opportunityRef: "manufacturing.visual-inspection",
    });
    expect((await caller.ideas.list({ workspaceId: workspace.id })).map((i) => i.id)).toEqual([idea.id]);
    await caller.ideas.delete({ workspaceId: workspace.id, ideaId: idea.id });
    await expect(caller.ideas.get({ workspaceId: workspace.id, ideaId: idea.id })).rejects.toThrow(/not found/);
  });

  it("refuses to overwrite a teammate's save made after the editor opened the idea, and saves on explicit request", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    const idea = await owner.caller.ideas.create({ workspaceId, title: "Tutor bot", summary: "v1" });
    // Both open version 1; the teammate saves first.
    const opened = idea.updatedAt;
    const theirs = await mate.caller.ideas.update({
      workspaceId,
      ideaId: idea.id,
      title: "Tutor bot",
      summary: "mate's text",
      baseUpdatedAt: opened,
    });
    expect(theirs.summary).toBe("mate's text");
    await expect(
      owner.caller.ideas.update({ workspaceId, ideaId: idea.id, title: "Tutor bot", summary: "owner's text", baseUpdatedAt: opened }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/saved this idea after you opened it/),
    });
    expect((await owner.caller.ideas.get({ workspaceId, ideaId: idea.id })).summary).toBe("mate's text");
    // Against the version now on the server it lands; so does an explicit "save mine anyway" (no base).
    const again = await owner.caller.ideas.update({
      workspaceId,
      ideaId: idea.id,
      title: "Tutor bot",
      summary: "owner's text",
      baseUpdatedAt: theirs.updatedAt,
    });
    expect(again.summary).toBe("owner's text");
    expect((await mate.caller.ideas.update({ workspaceId, ideaId: idea.id, title: "Tutor bot", summary: "forced" })).summary).toBe(
      "forced",
    );
    // Deleted meanwhile: not found, not a conflict.
    await owner.caller.ideas.delete({ workspaceId, ideaId: idea.id });
    await expect(
      mate.caller.ideas.update({ workspaceId, ideaId: idea.id, title: "Tutor bot", baseUpdatedAt: again.updatedAt }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets a viewer read ideas but not write them", async () => {
    const { owner, mate, workspaceId } = await createTeam("VIEWER");
    const idea = await owner.caller.ideas.create({ workspaceId, title: "Tutor bot" });
    expect((await mate.caller.ideas.get({ workspaceId, ideaId: idea.id })).title).toBe("Tutor bot");
    await expect(mate.caller.ideas.update({ workspaceId, ideaId: idea.id, title: "Mine" })).rejects.toThrow(/role/);
  });

  it("refuses to link an opportunity that does not exist or is another workspace's", async () => {
    const a = await createUser();
    const b = await createUser();
    const theirs = await getDb().customOpportunity.create({
      data: {
        workspaceId: b.workspace.id,
        industry: "education",
        title: "B's secret",
        stage: "emerging",
        factors: {},
        requiredProfile: {},
      },
      select: { id: true },
    });
    await expect(
      a.caller.ideas.create({ workspaceId: a.workspace.id, title: "Nope", opportunityRef: "finance.no-such-thing" }),
    ).rejects.toThrow(/not found/);
    await expect(a.caller.ideas.create({ workspaceId: a.workspace.id, title: "Nope", opportunityRef: theirs.id })).rejects.toThrow(
      /not found/,
    );
  });

  it("rejects a blank title with a field error", async () => {
    const { caller, workspace } = await createUser();
    await expect(caller.ideas.create({ workspaceId: workspace.id, title: " " })).rejects.toThrow(/at least 2/);
  });
});
