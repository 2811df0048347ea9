import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { callerFor, createTeam, createUser } from "@/server/test/factories";
import { FACETS } from "./facets";
import { bundledInstrument, LATEST_INSTRUMENT_VERSION } from "./instruments";
import { CANT_JUDGE } from "./observer";
import { MIN_OBSERVER_FORMS_FOR_ALPHA } from "./reliability-store";
import { seededRandom, simulateObserver } from "./simulate-respondents";

const instrument = bundledInstrument(LATEST_INSTRUMENT_VERSION);
let ipCounter = 0;
/** A visitor without an account, each from its own address so the rate limit does not mix tests. */
const stranger = () => callerFor(null, `203.0.113.${++ipCounter}`);
const tokenOf = (link: string) => link.split("/rate/")[1]!;

/** Every statement answered `likert`, every situation option b; `skip`: facets answered "can't judge". */
function observerAnswers(likert: number, skip: string[] = []) {
  return Object.fromEntries(
    instrument.items.map((item) => {
      if (item.kind === "likert") return [item.id, skip.includes(item.facet) ? CANT_JUDGE : likert];
      return [item.id, "b"];
    }),
  );
}

async function code(p: Promise<unknown>) {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

async function completeSelf(caller: ReturnType<typeof callerFor>, workspaceId: string, likert: number) {
  const answers = Object.fromEntries(instrument.items.map((i) => [i.id, i.kind === "likert" ? likert : "b"]));
  const attempt = await caller.assessment.start({ workspaceId });
  await caller.assessment.save({ workspaceId, attemptId: attempt.id, answers });
  await caller.assessment.submit({ workspaceId, attemptId: attempt.id });
}

describe("rater links", () => {
  it("open the observer form without an account and reveal nothing of the workspace", async () => {
    const founder = await createUser({ name: "Ada Founder" });
    const { link } = await founder.caller.raters.inviteLink({ workspaceId: founder.workspace.id, label: "Advisor A" });
    expect(link).toMatch(/\/rate\/[A-Za-z0-9_-]{40,}$/);
    const form = await stranger().raters.linkForm({ token: tokenOf(link) });
    expect(form.status).toBe("pending");
    expect(form.founderName).toBe("Ada Founder");
    expect(form.form?.items).toHaveLength(instrument.items.length);
    const text = JSON.stringify(form);
    expect(text).not.toContain(founder.workspace.name);
    expect(text).not.toContain(founder.workspace.id);
    expect(text).not.toContain(founder.user.email);
    expect(text).not.toContain("Advisor A");
  });

  it("store only the token's hash", async () => {
    const founder = await createUser();
    const { link, rater } = await founder.caller.raters.inviteLink({ workspaceId: founder.workspace.id, label: "Investor" });
    const row = await getDb().assessmentRater.findUniqueOrThrow({ where: { id: rater.id } });
    expect(row.tokenHash).not.toBe(tokenOf(link));
    expect(JSON.stringify(row)).not.toContain(tokenOf(link));
  });

  it("are single-use: a second submission is refused and the form no longer opens", async () => {
    const founder = await createUser();
    const { link } = await founder.caller.raters.inviteLink({ workspaceId: founder.workspace.id, label: "A" });
    const token = tokenOf(link);
    await stranger().raters.submitLink({ token, answers: observerAnswers(4) });
    expect(await code(stranger().raters.submitLink({ token, answers: observerAnswers(1) }))).toBe("PRECONDITION_FAILED");
    expect((await stranger().raters.linkForm({ token })).form).toBeNull();
    const row = await getDb().assessmentRater.findFirstOrThrow({ where: { workspaceId: founder.workspace.id } });
    expect((row.answers as Record<string, unknown>)["tv.ai_data_literacy.1"]).toBe(4);
  });

  it("expire after the chosen number of days", async () => {
    const founder = await createUser();
    const { link, rater } = await founder.caller.raters.inviteLink({ workspaceId: founder.workspace.id, label: "A", days: 3 });
    const days = (rater.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThanOrEqual(3);
    await getDb().assessmentRater.update({ where: { id: rater.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await stranger().raters.linkForm({ token: tokenOf(link) })).status).toBe("expired");
    expect(await code(stranger().raters.submitLink({ token: tokenOf(link), answers: observerAnswers(4) }))).toBe("PRECONDITION_FAILED");
  });

  it("refuse once revoked, and refuse unknown tokens as not found", async () => {
    const founder = await createUser();
    const workspaceId = founder.workspace.id;
    const { link, rater } = await founder.caller.raters.inviteLink({ workspaceId, label: "A" });
    await founder.caller.raters.revoke({ workspaceId, raterId: rater.id });
    expect((await stranger().raters.linkForm({ token: tokenOf(link) })).status).toBe("revoked");
    expect(await code(stranger().raters.submitLink({ token: tokenOf(link), answers: observerAnswers(4) }))).toBe("PRECONDITION_FAILED");
    expect(await code(stranger().raters.linkForm({ token: "x".repeat(43) }))).toBe("NOT_FOUND");
    expect(await code(stranger().raters.linkForm({ token: "short" }))).toBe("BAD_REQUEST");
  });

  it("cannot read anything else: the token is no credential for workspace procedures", async () => {
    const founder = await createUser();
    const workspaceId = founder.workspace.id;
    await completeSelf(founder.caller, workspaceId, 4);
    await founder.caller.raters.inviteLink({ workspaceId, label: "A" });
    const anon = stranger();
    expect(await code(anon.raters.selfVsOthers({ workspaceId }))).toBe("UNAUTHORIZED");
    expect(await code(anon.raters.list({ workspaceId }))).toBe("UNAUTHORIZED");
    expect(await code(anon.assessment.history({ workspaceId }))).toBe("UNAUTHORIZED");
  });

  it("are rate-limited per address", async () => {
    const anon = callerFor(null, "198.51.100.77");
    const results = [];
    for (let i = 0; i < 32; i++) results.push(await code(anon.raters.linkForm({ token: "y".repeat(43) })));
    expect(results.slice(0, 30).every((r) => r === "NOT_FOUND")).toBe(true);
    expect(results.slice(30)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });
});

describe("self vs others", () => {
  it("shows raters' means only from three raters per facet, and a fourth updates them", async () => {
    const founder = await createUser();
    const workspaceId = founder.workspace.id;
    await completeSelf(founder.caller, workspaceId, 4);
    const invite = async (label: string) => tokenOf((await founder.caller.raters.inviteLink({ workspaceId, label })).link);

    await stranger().raters.submitLink({ token: await invite("A"), answers: observerAnswers(2) });
    await stranger().raters.submitLink({ token: await invite("B"), answers: observerAnswers(2, ["resilience"]) });
    let view = await founder.caller.raters.selfVsOthers({ workspaceId });
    expect(view.raterCount).toBe(2);
    expect(view.comparison.delegation).toMatchObject({ status: "needs_one_more", raters: 2 });
    expect(view.comparison.resilience).toMatchObject({ status: "too_few", raters: 1 });

    await stranger().raters.submitLink({ token: await invite("C"), answers: observerAnswers(3) });
    view = await founder.caller.raters.selfVsOthers({ workspaceId });
    expect(view.comparison.delegation.status).toBe("shown");
    expect(view.comparison.resilience).toMatchObject({ status: "needs_one_more", raters: 2 });
    const before = view.comparison.trend_sensing;
    if (before.status !== "shown") throw new Error("expected shown");
    expect(before.gap).toBeLessThan(0);

    await stranger().raters.submitLink({ token: await invite("D"), answers: observerAnswers(5) });
    view = await founder.caller.raters.selfVsOthers({ workspaceId });
    expect(view.comparison.resilience).toMatchObject({ status: "shown", raters: 3 });
    const after = view.comparison.trend_sensing;
    expect(after).toMatchObject({ status: "shown", raters: 4 });
    if (after.status !== "shown") throw new Error("expected shown");
    expect(after.othersMean).toBeGreaterThan(before.othersMean);
    expect(view.focus).toHaveLength(3);
    expect(FACETS).toContain(view.focus![0]!.facet);
  });

  it("drops a rater's answers when the founder deletes them", async () => {
    const founder = await createUser();
    const workspaceId = founder.workspace.id;
    const ids = [];
    for (const label of ["A", "B", "C"]) {
      const { link, rater } = await founder.caller.raters.inviteLink({ workspaceId, label });
      await stranger().raters.submitLink({ token: tokenOf(link), answers: observerAnswers(4) });
      ids.push(rater.id);
    }
    expect((await founder.caller.raters.selfVsOthers({ workspaceId })).comparison.resilience.status).toBe("shown");
    await founder.caller.raters.delete({ workspaceId, raterId: ids[0]! });
    expect(await getDb().assessmentRater.count({ where: { id: ids[0]! } })).toBe(0);
    expect((await founder.caller.raters.selfVsOthers({ workspaceId })).comparison.resilience.status).toBe("needs_one_more");
  });
});

describe("member raters and teammates", () => {
  it("lets a member rate in the app, named to the founder only if they opt in", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    const request = await owner.caller.raters.inviteMember({ workspaceId, raterUserId: mate.user.id });
    expect(await code(owner.caller.raters.inviteMember({ workspaceId, raterUserId: mate.user.id }))).toBe("CONFLICT");
    expect(await code(owner.caller.raters.inviteMember({ workspaceId, raterUserId: owner.user.id }))).toBe("BAD_REQUEST");
    const requests = await mate.caller.raters.requests({ workspaceId });
    expect(requests.map((r) => r.id)).toEqual([request.id]);
    const form = await mate.caller.raters.memberForm({ workspaceId, raterId: request.id });
    expect(form.status).toBe("pending");
    // The founder cannot answer their own request, nor open it as a form.
    expect(await code(owner.caller.raters.memberForm({ workspaceId, raterId: request.id }))).toBe("NOT_FOUND");
    await mate.caller.raters.submitMember({ workspaceId, raterId: request.id, answers: observerAnswers(3), showName: true });
    expect(
      await code(mate.caller.raters.submitMember({ workspaceId, raterId: request.id, answers: observerAnswers(3), showName: true })),
    ).toBe("PRECONDITION_FAILED");
    const view = await owner.caller.raters.selfVsOthers({ workspaceId });
    expect(view.named.map((n) => n.name)).toEqual(["Mate"]);
  });

  it("keeps a member's name hidden without opt-in", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    const request = await owner.caller.raters.inviteMember({ workspaceId, raterUserId: mate.user.id });
    await mate.caller.raters.submitMember({ workspaceId, raterId: request.id, answers: observerAnswers(3), showName: false });
    expect((await owner.caller.raters.selfVsOthers({ workspaceId })).named).toEqual([]);
  });

  it("shows a teammate nothing unless the founder shares everything, and never names or labels", async () => {
    const { owner, mate, workspaceId } = await createTeam("ADMIN");
    for (const label of ["Advisor A", "B", "C"]) {
      const { link } = await owner.caller.raters.inviteLink({ workspaceId, label });
      await stranger().raters.submitLink({ token: tokenOf(link), answers: observerAnswers(4) });
    }
    // Default sharing (dimension scores) and NONE: nothing, not even that ratings exist.
    expect(await code(mate.caller.raters.selfVsOthers({ workspaceId, subjectId: owner.user.id }))).toBe("NOT_FOUND");
    await owner.caller.assessment.setSharing({ workspaceId, level: "NONE" });
    expect(await code(mate.caller.raters.selfVsOthers({ workspaceId, subjectId: owner.user.id }))).toBe("NOT_FOUND");
    // An admin's own list shows only their own raters.
    expect(await mate.caller.raters.list({ workspaceId })).toEqual([]);
    expect(await code(mate.caller.raters.delete({ workspaceId, raterId: (await owner.caller.raters.list({ workspaceId }))[0]!.id }))).toBe(
      "NOT_FOUND",
    );

    await owner.caller.assessment.setSharing({ workspaceId, level: "EVERYTHING" });
    const shared = await mate.caller.raters.selfVsOthers({ workspaceId, subjectId: owner.user.id });
    expect(shared.comparison.resilience.status).toBe("shown");
    expect(shared.named).toEqual([]);
    expect(shared.focus).toBeNull();
    expect(JSON.stringify(shared)).not.toContain("Advisor A");
  });
});

describe("observer alpha on the reliability page", () => {
  it("is withheld below the minimum of complete forms and reported with n above it", async () => {
    const founder = await createUser();
    const workspaceId = founder.workspace.id;
    const random = seededRandom(8);
    const rate = async () => {
      const { link } = await founder.caller.raters.inviteLink({ workspaceId, label: "R" });
      const answers = simulateObserver(instrument, { loading: 1, noiseSd: 0.7, dimensionWeight: 0.6 }, random, {
        skipFacet: 0,
        skipItem: 0,
      });
      await stranger().raters.submitLink({ token: tokenOf(link), answers });
    };
    for (let i = 0; i < MIN_OBSERVER_FORMS_FOR_ALPHA - 1; i++) await rate();
    let observer = (await founder.caller.assessment.reliability({ workspaceId })).observer!;
    expect(observer.facets.resilience).toMatchObject({ alpha: null, n: MIN_OBSERVER_FORMS_FOR_ALPHA - 1 });

    await rate();
    observer = (await founder.caller.assessment.reliability({ workspaceId })).observer!;
    expect(observer.n).toBe(MIN_OBSERVER_FORMS_FOR_ALPHA);
    expect(observer.facets.resilience.n).toBe(MIN_OBSERVER_FORMS_FOR_ALPHA);
    expect(observer.facets.resilience.alpha).toEqual(expect.any(Number));
  });
});
