import { describe, expect, it } from "vitest";
import { seedDemoAssessment } from "@/server/assessment/demo";
import { getDb } from "@/server/db";
import { createTeam, createUser } from "@/server/test/factories";
import { bundledDataset } from "./dataset";
import { syncBundledOpportunities } from "./store";
import { customOpportunityFields } from "./test-fixtures";

const dataset = bundledDataset();
const FIRST = dataset.opportunities[0]!.key;

describe("curated dataset in the database", () => {
  it("is loaded once by the reference loader, and loading again changes nothing", async () => {
    const db = getDb();
    const before = await db.curatedOpportunity.findMany({ select: { key: true, updatedAt: true } });
    expect(before).toHaveLength(dataset.opportunities.length);
    await syncBundledOpportunities(db);
    const after = await db.curatedOpportunity.findMany({ select: { key: true, updatedAt: true } });
    expect(after).toEqual(before);
    expect(await db.opportunityDataset.count()).toBe(1);
  });

  it("serves the overview: five industries with sourced figures and their opportunity counts", async () => {
    const { caller, workspace } = await createUser();
    const o = await caller.opportunities.overview({ workspaceId: workspace.id });
    expect(o.industries.map((i) => i.id)).toEqual(["healthcare", "finance", "manufacturing", "transportation", "education"]);
    for (const i of o.industries) {
      expect(i.count).toBe(dataset.opportunities.filter((x) => x.industry === i.id).length);
      expect(i.top).toHaveLength(3);
      for (const f of i.figures) expect(f.source.year).toBeGreaterThan(2000);
    }
    expect(o.hasProfile).toBe(false);
  });
});

describe("fit", () => {
  it("is absent without an assessment, and explained once the founder has one", async () => {
    const { caller, workspace, user } = await createUser();
    const before = await caller.opportunities.get({ workspaceId: workspace.id, ref: FIRST });
    expect(before.scores.fit).toBeNull();
    expect(before.explanation.en.fitMissing).toMatch(/assessment/);
    // Priority then rests on value and feasibility alone.
    expect(before.weights.fit).toBe(0);

    await seedDemoAssessment(getDb(), { userId: user.id, workspaceId: workspace.id });
    const after = await caller.opportunities.get({ workspaceId: workspace.id, ref: FIRST });
    expect(after.scores.fit).toEqual(expect.any(Number));
    expect(after.explanation.en.fitSummary).toMatch(/\.$/);
    expect(after.explanation.zh.fitSummary).toMatch(/。$/);
    const list = await caller.opportunities.list({ workspaceId: workspace.id, industry: "finance" });
    expect(list.hasProfile).toBe(true);
    expect(list.rows.every((r) => r.industry === "finance" && r.scores.fit !== null)).toBe(true);
  });

  it("uses the team's coverage when asked, counting members who share everything", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    await seedDemoAssessment(getDb(), { userId: mate.user.id, workspaceId });
    // The mate has results but shares nothing yet: the owner's team view has no profile.
    expect((await owner.caller.opportunities.get({ workspaceId, ref: FIRST, basis: "team" })).scores.fit).toBeNull();
    await getDb().assessmentSharing.create({ data: { workspaceId, userId: mate.user.id, level: "EVERYTHING" } });
    const team = await owner.caller.opportunities.get({ workspaceId, ref: FIRST, basis: "team" });
    expect(team.scores.fit).toEqual(expect.any(Number));
    expect(team.explanation.en.fit!.join(" ")).toMatch(/team/);
    expect((await owner.caller.opportunities.get({ workspaceId, ref: FIRST, basis: "founder" })).scores.fit).toBeNull();
  });
});

describe("custom opportunities", () => {
  it("are created, edited, archived and restored, and scored like curated ones", async () => {
    const { caller, workspace } = await createUser();
    const workspaceId = workspace.id;
    const created = await caller.opportunities.createCustom({ workspaceId, ...customOpportunityFields() });
    expect(created.kind).toBe("custom");
    // Weights are saved normalised.
    expect(created.requiredProfile).toEqual({ customer_insight: 0.5, market_sensing: 0.25, resilience: 0.25 });

    const value = {
      low: 1,
      high: 3,
      basis: "Vocational training spend we can reach",
      kind: "estimate" as const,
      sourceName: "Our research",
      sourceTitle: "",
      sourceUrl: "",
      sourceYear: 2025,
      note: "10% of 20 bn",
    };
    const edited = await caller.opportunities.updateCustom({
      workspaceId,
      id: created.ref,
      ...customOpportunityFields({ title: "Apprentice tutor", value }),
    });
    expect(edited).toMatchObject({
      title: "Apprentice tutor",
      value: { low: 1, high: 3, source: { name: "Our research", year: 2025, url: null } },
    });

    const rows = await caller.opportunities.list({ workspaceId, industry: "education" });
    const row = rows.rows.find((r) => r.ref === created.ref)!;
    expect(row.value).toMatchObject({ sourceName: "Our research", sourceYear: 2025 });
    expect(row.scores.value).toBeGreaterThan(0);

    await caller.opportunities.setArchived({ workspaceId, id: created.ref, archived: true });
    expect((await caller.opportunities.list({ workspaceId })).rows.some((r) => r.ref === created.ref)).toBe(false);
    expect(
      (await caller.opportunities.list({ workspaceId, includeArchived: true })).rows.find((r) => r.ref === created.ref)?.archived,
    ).toBe(true);
    await caller.opportunities.setArchived({ workspaceId, id: created.ref, archived: false });
    expect((await caller.opportunities.list({ workspaceId })).rows.some((r) => r.ref === created.ref)).toBe(true);
  });

  it("refuse to overwrite a teammate's save made after the editor opened the opportunity", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    const created = await owner.caller.opportunities.createCustom({
      workspaceId,
      ...customOpportunityFields({ title: "Shop-floor tutor" }),
    });
    const opened = (await owner.caller.opportunities.getCustom({ workspaceId, id: created.ref })).updatedAt!;
    await mate.caller.opportunities.updateCustom({
      workspaceId,
      id: created.ref,
      ...customOpportunityFields({ title: "Mate's title" }),
      baseUpdatedAt: opened,
    });
    await expect(
      owner.caller.opportunities.updateCustom({
        workspaceId,
        id: created.ref,
        ...customOpportunityFields({ title: "Owner's title" }),
        baseUpdatedAt: opened,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/saved this opportunity after you opened it/) });
    expect((await owner.caller.opportunities.getCustom({ workspaceId, id: created.ref })).title).toBe("Mate's title");
    // "Save mine anyway" sends no base.
    expect(
      (
        await owner.caller.opportunities.updateCustom({
          workspaceId,
          id: created.ref,
          ...customOpportunityFields({ title: "Owner's title" }),
        })
      ).title,
    ).toBe("Owner's title");
  });

  it("refuse a value without its source year, an estimate without a note, and fewer than 3 facets", async () => {
    const { caller, workspace } = await createUser();
    const workspaceId = workspace.id;
    const value = { low: 1, high: 3, basis: "x", kind: "published" as const, sourceName: "Somebody" };
    await expect(caller.opportunities.createCustom({ workspaceId, ...customOpportunityFields(), value: value as never })).rejects.toThrow();
    await expect(
      caller.opportunities.createCustom({
        workspaceId,
        ...customOpportunityFields({ value: { ...value, kind: "estimate", sourceYear: 2024, sourceTitle: "", sourceUrl: "", note: "" } }),
      }),
    ).rejects.toThrow(/how the estimate was made/);
    await expect(
      caller.opportunities.createCustom({ workspaceId, ...customOpportunityFields({ requiredProfile: { resilience: 1, delegation: 1 } }) }),
    ).rejects.toThrow(/3 to 5 facets/);
  });

  it("are invisible to another workspace, with their notes and stars", async () => {
    const a = await createUser({ name: "Ann" });
    const b = await createUser({ name: "Ben" });
    const custom = await a.caller.opportunities.createCustom({
      workspaceId: a.workspace.id,
      ...customOpportunityFields({ title: "Ann's secret plan" }),
    });
    await a.caller.opportunities.setStar({ workspaceId: a.workspace.id, ref: FIRST, starred: true });
    await a.caller.opportunities.addNote({ workspaceId: a.workspace.id, ref: FIRST, body: "Ann's private thought" });

    const bRows = (await b.caller.opportunities.list({ workspaceId: b.workspace.id, includeArchived: true })).rows;
    expect(bRows.some((r) => r.ref === custom.ref)).toBe(false);
    const bFirst = await b.caller.opportunities.get({ workspaceId: b.workspace.id, ref: FIRST });
    expect(bFirst.starred).toBe(false);
    expect(bFirst.notes).toEqual([]);
    await expect(b.caller.opportunities.get({ workspaceId: b.workspace.id, ref: custom.ref })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.caller.opportunities.setStar({ workspaceId: b.workspace.id, ref: custom.ref, starred: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(b.caller.opportunities.get({ workspaceId: a.workspace.id, ref: FIRST })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("shortlist, status, votes and notes", () => {
  it("stars and sets a status per workspace, shared by its members", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    await owner.caller.opportunities.setStar({ workspaceId, ref: FIRST, starred: true });
    await mate.caller.opportunities.setStatus({ workspaceId, ref: FIRST, status: "validating" });
    const seen = await owner.caller.opportunities.get({ workspaceId, ref: FIRST });
    expect(seen).toMatchObject({ starred: true, status: "validating" });
    expect((await owner.caller.opportunities.overview({ workspaceId })).shortlisted).toBe(1);
    await mate.caller.opportunities.setStar({ workspaceId, ref: FIRST, starred: false });
    expect((await owner.caller.opportunities.get({ workspaceId, ref: FIRST })).starred).toBe(false);
  });

  it("counts one vote per member and lets a member take it back", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    await owner.caller.opportunities.setVote({ workspaceId, ref: FIRST, value: 1 });
    await owner.caller.opportunities.setVote({ workspaceId, ref: FIRST, value: 1 });
    const votes = await mate.caller.opportunities.setVote({ workspaceId, ref: FIRST, value: -1 });
    expect(votes).toEqual({ up: 1, down: 1, mine: -1 });
    expect(await mate.caller.opportunities.setVote({ workspaceId, ref: FIRST, value: 0 })).toEqual({ up: 1, down: 0, mine: 0 });
  });

  it("shows notes to the team but lets only the author change them", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    const [note] = await owner.caller.opportunities.addNote({ workspaceId, ref: FIRST, body: "Talk to two radiologists" });
    const seen = await mate.caller.opportunities.get({ workspaceId, ref: FIRST });
    expect(seen.notes).toEqual([expect.objectContaining({ body: "Talk to two radiologists", author: "Owner", mine: false })]);
    await expect(mate.caller.opportunities.updateNote({ workspaceId, noteId: note!.id, body: "Mine now" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(mate.caller.opportunities.deleteNote({ workspaceId, noteId: note!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const updated = await owner.caller.opportunities.updateNote({ workspaceId, noteId: note!.id, body: "Talked to one" });
    expect(updated[0]!.body).toBe("Talked to one");
    expect(await owner.caller.opportunities.deleteNote({ workspaceId, noteId: note!.id })).toEqual([]);
  });

  it("lets a viewer read but not mark, note or vote", async () => {
    const { mate, workspaceId } = await createTeam("VIEWER");
    expect((await mate.caller.opportunities.list({ workspaceId })).rows.length).toBeGreaterThan(0);
    await expect(mate.caller.opportunities.setStar({ workspaceId, ref: FIRST, starred: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(mate.caller.opportunities.addNote({ workspaceId, ref: FIRST, body: "hi" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(mate.caller.opportunities.createCustom({ workspaceId, ...customOpportunityFields() })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("exports the shortlist as CSV with every value's source and year, defusing formulas", async () => {
    const { caller, workspace } = await createUser();
    const workspaceId = workspace.id;
    const custom = await caller.opportunities.createCustom({ workspaceId, ...customOpportunityFields({ title: '=HYPERLINK("x")' }) });
    await caller.opportunities.setStar({ workspaceId, ref: custom.ref, starred: true });
    await caller.opportunities.setStar({ workspaceId, ref: FIRST, starred: true });
    const { csv, count, filename } = await caller.opportunities.shortlistCsv({ workspaceId, locale: "en" });
    expect(count).toBe(2);
    expect(filename).toMatch(/^shortlist-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("source_year");
    const curated = dataset.opportunities[0]!;
    const curatedLine = lines.find((l) => l.startsWith(curated.key))!;
    expect(curatedLine).toContain(String(curated.value.source.year));
    expect(curatedLine).toContain(curated.value.source.url);
    expect(lines.find((l) => l.startsWith(custom.ref))).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe("weights", () => {
  it("are saved per workspace by admins and change the ranking", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    expect(await owner.caller.opportunities.weights({ workspaceId })).toEqual({ value: 1, feasibility: 1, fit: 1 });
    await expect(mate.caller.opportunities.setWeights({ workspaceId, value: 1, feasibility: 0, fit: 0 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    await owner.caller.opportunities.setWeights({ workspaceId, value: 1, feasibility: 0, fit: 0 });
    const byValue = (await mate.caller.opportunities.list({ workspaceId })).rows;
    for (const r of byValue) expect(r.scores.priority).toBeCloseTo(r.scores.value, 0);

    await owner.caller.opportunities.setWeights({ workspaceId, value: 0, feasibility: 1, fit: 0 });
    const byFeasibility = (await mate.caller.opportunities.list({ workspaceId })).rows;
    for (const r of byFeasibility) expect(r.scores.priority).toBeCloseTo(r.scores.feasibility, 0);
    // Another workspace keeps its own weights.
    const other = await createUser();
    expect(await other.caller.opportunities.weights({ workspaceId: other.workspace.id })).toEqual({ value: 1, feasibility: 1, fit: 1 });
  });
});
