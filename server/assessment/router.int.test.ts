import { PrismaPg } from "@prisma/adapter-pg";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { getDb, type Db } from "@/server/db";
import { createCaller } from "@/server/routers/_app";
import { createTeam, createUser, type callerFor } from "@/server/test/factories";
import { FACETS } from "./facets";
import { LATEST_INSTRUMENT_VERSION } from "./instruments";

type Caller = ReturnType<typeof callerFor>;

/**
 * For the two-tabs tests: the app's own pool on PostgreSQL; on PGlite, one connection, as the
 * app runs it in embedded mode (server/db.ts). The shared test client points a 10-connection pool
 * at PGlite, which fails on parallel queries ("portal does not exist") for reasons of its own.
 */
let singleConnection: Db | undefined;
function concurrencyDb(): Db {
  if (process.env.TEST_DB === "postgres") return getDb();
  return (singleConnection ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 1 }),
  }) as unknown as Db);
}
afterAll(async () => singleConnection?.$disconnect());

async function fullAnswers(caller: Caller, workspaceId: string, likert = 4, version = LATEST_INSTRUMENT_VERSION) {
  const instrument = await caller.assessment.instrument({ workspaceId, version });
  return Object.fromEntries(
    instrument.items.map((item) => [item.id, item.kind === "likert" ? likert : (item.options[1]?.id ?? "a")]),
  ) as Record<string, number | string>;
}

async function completeAttempt(caller: Caller, workspaceId: string, likert = 4) {
  const attempt = await caller.assessment.start({ workspaceId });
  await caller.assessment.save({ workspaceId, attemptId: attempt.id, answers: await fullAnswers(caller, workspaceId, likert) });
  await caller.assessment.submit({ workspaceId, attemptId: attempt.id });
  return attempt.id;
}

async function trpcError(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected a TRPCError");
}

describe("taking the assessment", () => {
  it("opening the questionnaire starts no attempt; the first answer does (the page calls start, then save)", async () => {
    const { caller, workspace, user } = await createUser();
    const workspaceId = workspace.id;
    const attempts = () => getDb().assessmentAttempt.count({ where: { workspaceId, userId: user.id } });
    // What the questionnaire reads on open, however often (tabs, reloads): no side effect.
    for (let i = 0; i < 3; i++) expect((await caller.assessment.current({ workspaceId })).open).toBeNull();
    expect(await attempts()).toBe(0);
    // The first answer: the page starts the attempt and saves into it.
    const item = (await caller.assessment.instrument({ workspaceId, version: LATEST_INSTRUMENT_VERSION })).items[0]!;
    const attempt = await caller.assessment.start({ workspaceId });
    await caller.assessment.save({
      workspaceId,
      attemptId: attempt.id,
      answers: { [item.id]: item.kind === "likert" ? 4 : item.options[0]!.id },
    });
    expect(await attempts()).toBe(1);
    expect(Object.keys((await caller.assessment.current({ workspaceId })).open?.answers ?? {})).toEqual([item.id]);
  });

  it("resumes the open attempt with its answers and page", async () => {
    const { caller, workspace } = await createUser();
    const workspaceId = workspace.id;
    const started = await caller.assessment.start({ workspaceId });
    expect(started).toMatchObject({ status: "IN_PROGRESS", instrumentVersion: LATEST_INSTRUMENT_VERSION, currentPage: 0, answers: {} });

    await caller.assessment.save({
      workspaceId,
      attemptId: started.id,
      answers: { "tv.ai_data_literacy.1": 5, "tv.sjt.1": "b" },
      currentPage: 1,
    });
    // The tab closes; later the founder comes back.
    const { open } = await caller.assessment.current({ workspaceId });
    expect(open?.id).toBe(started.id);
    expect(open?.answers).toEqual({ "tv.ai_data_literacy.1": 5, "tv.sjt.1": "b" });
    expect(open?.currentPage).toBe(1);
    expect((await caller.assessment.start({ workspaceId })).id).toBe(started.id);
  });

  it("opens only one attempt when two tabs start at once", async () => {
    const { user, workspace } = await createUser();
    const caller = createCaller({ db: concurrencyDb(), user, ip: null });
    const attempts = await Promise.all([1, 2, 3].map(() => caller.assessment.start({ workspaceId: workspace.id })));
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1);
  });

  it("keeps the answers of concurrent saves from two tabs", async () => {
    const { user, workspace } = await createUser();
    const caller = createCaller({ db: concurrencyDb(), user, ip: null });
    const workspaceId = workspace.id;
    const { id: attemptId } = await caller.assessment.start({ workspaceId });
    const items = [
      "tv.ai_data_literacy.1",
      "tv.ai_data_literacy.2",
      "tv.trend_sensing.1",
      "ba.monetisation.3",
      "ld.resilience.4",
      "ld.delegation.2",
    ];
    await Promise.all(items.map((id, i) => caller.assessment.save({ workspaceId, attemptId, answers: { [id]: (i % 5) + 1 } })));
    const { open } = await caller.assessment.current({ workspaceId });
    expect(Object.keys(open?.answers ?? {}).sort()).toEqual([...items].sort());
  });

  it("saves fired together share one statement yet keep their own outcome: a foreign save fails alone", async () => {
    const a = await createUser();
    const b = await createUser();
    const callerA = createCaller({ db: concurrencyDb(), user: a.user, ip: null });
    const callerB = createCaller({ db: concurrencyDb(), user: b.user, ip: null });
    const { id: attemptA } = await callerA.assessment.start({ workspaceId: a.workspace.id });
    const { id: attemptB } = await callerB.assessment.start({ workspaceId: b.workspace.id });
    const results = await Promise.allSettled([
      callerA.assessment.save({ workspaceId: a.workspace.id, attemptId: attemptA, answers: { "tv.ai_data_literacy.1": 1 } }),
      callerA.assessment.save({ workspaceId: a.workspace.id, attemptId: attemptA, answers: { "tv.trend_sensing.1": 4 }, currentPage: 1 }),
      // B names A's attempt from B's own workspace: must fail without touching it.
      callerB.assessment.save({ workspaceId: b.workspace.id, attemptId: attemptA, answers: { "tv.ai_data_literacy.2": 5 } }),
      callerB.assessment.save({ workspaceId: b.workspace.id, attemptId: attemptB, answers: { "tv.ai_data_literacy.2": 2 } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(((results[2] as PromiseRejectedResult).reason as TRPCError).code).toBe("NOT_FOUND");
    const openA = (await callerA.assessment.current({ workspaceId: a.workspace.id })).open;
    expect(openA?.answers).toEqual({ "tv.ai_data_literacy.1": 1, "tv.trend_sensing.1": 4 });
    expect(openA?.currentPage).toBe(1);
    expect((await callerB.assessment.current({ workspaceId: b.workspace.id })).open?.answers).toEqual({ "tv.ai_data_literacy.2": 2 });
  });

  it("finishes an attempt begun on v1 with v1's items, and compares it with a v2 retake on the items both share", async () => {
    const { caller, user, workspace } = await createUser();
    const workspaceId = workspace.id;
    const old = await getDb().assessmentAttempt.create({
      data: { workspaceId, userId: user.id, instrumentVersion: 1, openKey: `${workspaceId}:${user.id}` },
    });
    // A v1-only item (retired in v2) is still accepted for the v1 attempt.
    await caller.assessment.save({ workspaceId, attemptId: old.id, answers: { "tv.ai_data_literacy.4": 2 } });
    await caller.assessment.save({ workspaceId, attemptId: old.id, answers: await fullAnswers(caller, workspaceId, 3, 1) });
    await caller.assessment.submit({ workspaceId, attemptId: old.id });
    expect((await caller.assessment.result({ workspaceId, attemptId: old.id })).instrumentVersion).toBe(1);

    const retake = await completeAttempt(caller, workspaceId, 3);
    const { comparison, sharedItems } = await caller.assessment.compare({ workspaceId, attemptId: retake, baselineId: old.id });
    expect(comparison.sameInstrument).toBe(false);
    // Every shared item answered 3 (and the same option) both times: no like-for-like change anywhere.
    expect(sharedItems?.sharedItems).toBeGreaterThan(50);
    for (const f of FACETS) expect(sharedItems?.facets[f]?.change, f).toBe(0);
  });

  it("refuses to autosave invalid answers, naming the items", async () => {
    const { caller, workspace } = await createUser();
    const workspaceId = workspace.id;
    const { id: attemptId } = await caller.assessment.start({ workspaceId });
    const error = await trpcError(
      caller.assessment.save({ workspaceId, attemptId, answers: { "tv.ai_data_literacy.1": 9, "tv.sjt.1": "z", "xx.nope.1": 3 } }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toMatchObject({
      reason: "invalidAnswers",
      invalid: [
        { itemId: "tv.ai_data_literacy.1", reason: "likert_out_of_range" },
        { itemId: "tv.sjt.1", reason: "unknown_option" },
      ],
      unknown: ["xx.nope.1"],
    });
  });

  it("rejects a submit with missing answers and lists them", async () => {
    const { caller, workspace } = await createUser();
    const workspaceId = workspace.id;
    const { id: attemptId } = await caller.assessment.start({ workspaceId });
    const answers = await fullAnswers(caller, workspaceId);
    delete answers["ba.monetisation.2"];
    delete answers["ld.sjt.2"];
    await caller.assessment.save({ workspaceId, attemptId, answers });
    const error = await trpcError(caller.assessment.submit({ workspaceId, attemptId }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toMatchObject({ reason: "invalidAnswers", missing: ["ba.monetisation.2", "ld.sjt.2"] });
    expect((await caller.assessment.current({ workspaceId })).open?.status).toBe("IN_PROGRESS");
  });

  it("scores a submitted attempt, closes it, and refuses later edits", async () => {
    const { caller, workspace } = await createUser();
    const workspaceId = workspace.id;
    const attemptId = await completeAttempt(caller, workspaceId, 5);
    const { result, instrumentVersion } = await caller.assessment.result({ workspaceId, attemptId });
    expect(instrumentVersion).toBe(LATEST_INSTRUMENT_VERSION);
    expect(Object.keys(result.facetScores).sort()).toEqual([...FACETS].sort());
    expect(result.strengths).toHaveLength(3);
    expect(result.blindSpots.every((b) => b.tips.length >= 2)).toBe(true);

    const current = await caller.assessment.current({ workspaceId });
    expect(current.open).toBeNull();
    expect(current.latest?.id).toBe(attemptId);
    expect((await caller.assessment.submit({ workspaceId, attemptId })).attemptId).toBe(attemptId);
    const error = await trpcError(caller.assessment.save({ workspaceId, attemptId, answers: { "tv.ai_data_literacy.1": 1 } }));
    expect([error.code, (error.cause as { reason?: string }).reason]).toEqual(["CONFLICT", "attemptCompleted"]);
  });

  it("keeps every attempt and compares a retake with an earlier one", async () => {
    const { caller, workspace } = await createUser();
    const workspaceId = workspace.id;
    const first = await completeAttempt(caller, workspaceId, 3);
    const second = await completeAttempt(caller, workspaceId, 5);
    const history = await caller.assessment.history({ workspaceId });
    expect(history.map((h) => h.id)).toEqual([second, first]);

    const { comparison, baseline } = await caller.assessment.compare({ workspaceId, attemptId: second, baselineId: first });
    expect(baseline.id).toBe(first);
    const [a, b] = await Promise.all([
      caller.assessment.result({ workspaceId, attemptId: first }),
      caller.assessment.result({ workspaceId, attemptId: second }),
    ]);
    for (const facet of FACETS) {
      expect(comparison.facets[facet].before).toBe(a.result.facetScores[facet]);
      expect(comparison.facets[facet].after).toBe(b.result.facetScores[facet]);
    }
  });

  it("places a result against the anonymous pool: one entry per person, percentiles only from 30 people", async () => {
    const { caller, workspace } = await createUser();
    const attemptId = await completeAttempt(caller, workspace.id);
    await completeAttempt(caller, workspace.id, 2); // a retake: still one person in the pool
    const group = await caller.assessment.referenceGroup({ workspaceId: workspace.id, attemptId });
    const people = await getDb().assessmentAttempt.findMany({
      where: { status: "COMPLETED" },
      distinct: ["userId"],
      select: { userId: true },
    });
    expect(group.n).toBe(people.length);
    expect(group.minPool).toBe(30);
    expect(group.percentiles === null).toBe(people.length < 30);
    if (group.percentiles) for (const f of FACETS) expect(group.percentiles[f]).toBeGreaterThanOrEqual(0);
  });

  it("exports the founder's own result as CSV", async () => {
    const { caller, workspace } = await createUser();
    const attemptId = await completeAttempt(caller, workspace.id);
    const { filename, csv } = await caller.assessment.exportCsv({ workspaceId: workspace.id, attemptId, locale: "zh" });
    expect(filename).toMatch(/^venturelens-assessment-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("kind,id,name,dimension,score,band,rank,tip,completed_at,instrument_version");
    expect(lines.filter((l) => l.startsWith("facet,"))).toHaveLength(14);
    expect(lines.filter((l) => l.startsWith("dimension,"))).toHaveLength(3);
    expect(csv).toContain("技术视野");
  });
});

describe("privacy of attempts and sharing", () => {
  it("keeps an attempt private to its founder, even inside the workspace", async () => {
    const { owner, mate, workspaceId } = await createTeam("ADMIN");
    const attemptId = await completeAttempt(owner.caller, workspaceId);
    for (const call of [
      () => mate.caller.assessment.result({ workspaceId, attemptId }),
      () => mate.caller.assessment.exportCsv({ workspaceId, attemptId, locale: "en" }),
      () => mate.caller.assessment.referenceGroup({ workspaceId, attemptId }),
      () => mate.caller.assessment.compare({ workspaceId, attemptId, baselineId: attemptId }),
      () => mate.caller.assessment.submit({ workspaceId, attemptId }),
      () => mate.caller.assessment.save({ workspaceId, attemptId, answers: {} }),
    ]) {
      expect((await trpcError(call())).code).toBe("NOT_FOUND");
    }
  });

  it("answers NOT_FOUND for an attempt of another workspace, even to its owner", async () => {
    const { caller, user, workspace } = await createUser();
    const attemptId = await completeAttempt(caller, workspace.id);
    const other = await caller.workspace.create({ name: `Second ${user.id.slice(-4)}` });
    expect((await trpcError(caller.assessment.result({ workspaceId: other.id, attemptId }))).code).toBe("NOT_FOUND");
  });

  it("shows teammates exactly what each member shares", async () => {
    const { owner, mate, workspaceId } = await createTeam("VIEWER");
    await completeAttempt(mate.caller, workspaceId, 5);
    await completeAttempt(owner.caller, workspaceId, 3);
    const mateSeenByOwner = async () =>
      (await owner.caller.assessment.team({ workspaceId })).members.find((m) => m.userId === mate.user.id)!;

    // Default: dimension scores, nothing more.
    expect((await mate.caller.assessment.sharing({ workspaceId })).level).toBe("DIMENSIONS");
    const byDefault = await mateSeenByOwner();
    expect(byDefault.status).toBe("shared");
    expect(byDefault.shared?.level).toBe("DIMENSIONS");
    expect(Object.keys(byDefault.shared ?? {}).sort()).toEqual(["dimensionBands", "dimensionScores", "instrumentVersion", "level"]);
    expect((await owner.caller.assessment.team({ workspaceId })).coverage.memberCount).toBe(1); // the owner alone

    await mate.caller.assessment.setSharing({ workspaceId, level: "EVERYTHING" });
    const everything = await mateSeenByOwner();
    expect(everything.shared?.level === "EVERYTHING" && everything.shared.facetScores.resilience).toBeGreaterThan(0);
    const team = await owner.caller.assessment.team({ workspaceId });
    expect(team.coverage.memberCount).toBe(2);

    await mate.caller.assessment.setSharing({ workspaceId, level: "NONE" });
    const hidden = await mateSeenByOwner();
    expect(hidden).toMatchObject({ status: "hidden", shared: null, completedAt: null });

    // Whatever they share, a member always sees their own result in full.
    const self = (await mate.caller.assessment.team({ workspaceId })).members.find((m) => m.isSelf)!;
    expect(self.shared?.level).toBe("EVERYTHING");
  });

  it("gives reliability figures to admins only, with n and the threshold", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    await completeAttempt(owner.caller, workspaceId, 4);
    await completeAttempt(mate.caller, workspaceId, 2);
    await completeAttempt(mate.caller, workspaceId, 3); // a retake: still one person
    const overview = await owner.caller.assessment.reliability({ workspaceId });
    expect(overview.workspace.n).toBe(2);
    expect(overview.minRespondents).toBe(30);
    expect(overview.workspace.facets.resilience.reliable).toBe(false);
    expect(overview.allWorkspaces.n).toBeGreaterThanOrEqual(2);
    expect((await trpcError(mate.caller.assessment.reliability({ workspaceId }))).code).toBe("FORBIDDEN");
  });
});
