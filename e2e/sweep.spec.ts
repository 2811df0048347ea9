import { expect, test, type Page } from "@playwright/test";
import { appendFileSync } from "node:fs";
import { LOCALE_COOKIE, type Locale } from "@/server/i18n/locale";
import { FACTORS } from "@/server/opportunities/dataset-schema";
import { apiSignIn, demoWithTrainedRun, trpc, uniqueEmail } from "./fixtures";
import { checkState, watchConsole, type Problem } from "./sweep/checks";
import { userContent } from "./sweep/english";
import { PENDING_ENGLISH } from "./sweep/pending";
import { appRoutes } from "./sweep/routes";

/**
 * The UX sweep: every page of the app, in English and Chinese, at desktop and phone size, with
 * its menus and dialogs open as well as closed. Fails on horizontal overflow, console errors,
 * serious/critical axe violations and English left on Chinese pages, listing all of them at once.
 *
 * It runs on the demo workspace (a trained prototype, two assessments, a shortlist, an idea
 * report) plus a few things it adds: a teammate who shares everything (so the team heat map has
 * two columns), an own opportunity (for its edit page), a pending invitation and long names.
 * One browser context is reused and each page is loaded once per language: the phone size is
 * checked by resizing the same page.
 */

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** An unbroken name: it must wrap or truncate, never push the page sideways. */
const LONG = "Supercalifragilisticexpialidocious-inspection-prototype";

type Visit = {
  route: string;
  url: string;
  signedOut?: boolean;
  /** Opens a menu or dialog on the loaded page; the sweep checks the page again while it is open. */
  open?: (page: Page) => Promise<string>;
};

/** Until the page's client queries have answered: no request in flight for a moment (bounded: some pages poll). */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle", { timeout: 4_000 }).catch(() => {});
}

async function frames(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

test("every page, both languages, desktop and phone: no overflow, console errors, serious axe violations or English left in Chinese", async ({
  page,
  browser,
}) => {
  test.setTimeout(600_000);
  const problems: Problem[] = [];
  // Each problem is also written down when found, so a run cut short still says what it saw.
  const log = test.info().outputPath("problems.txt");
  const push = problems.push.bind(problems);
  problems.push = (...found: Problem[]) => {
    for (const x of found) appendFileSync(log, `[${x.kind}] ${x.state}: ${x.detail}\n`);
    return push(...found);
  };
  let state = "start";
  watchConsole(page, problems, () => state);

  // ---- Data: the demo workspace and what the sweep adds to it. ----
  const demo = await demoWithTrainedRun(page);
  const { prototypeId, runId } = demo;
  const ws = { workspaceId: demo.workspaceId };
  const ideas = await trpc<{ id: string; title: string }[]>(page.request, "ideas.list", { ...ws }, "query");
  const ideaId = ideas.find((i) => i.title.startsWith("Defect spotting"))!.id;
  const custom = await trpc<{ ref: string }>(page.request, "opportunities.createCustom", {
    ...ws,
    industry: "education",
    title: `Tutor ${LONG}`,
    useCases: ["Explain wiring diagrams", "Quiz before exams"],
    customers: "Vocational schools",
    stage: "emerging",
    factors: Object.fromEntries(FACTORS.map((f) => [f, { score: 3, rationale: `Our view of ${f}` }])),
    requiredProfile: { customer_insight: 1, market_sensing: 1, resilience: 1 },
  });
  const { link } = await trpc<{ link: string }>(page.request, "invitations.create", {
    ...ws,
    email: uniqueEmail("invitee"),
    role: "MEMBER",
  });
  const inviteToken = link.split("/invite/")[1]!;
  // A teammate who shares everything: the team page's heat map then has cells to read.
  const mateEmail = uniqueEmail("mate");
  const mate = await browser.newContext();
  const matePage = await mate.newPage();
  await trpc(matePage.request, "account.signUp", { name: LONG, email: mateEmail, password: "e2e-password-123", locale: "en" });
  await apiSignIn(matePage, mateEmail);
  const mateLink = await trpc<{ link: string }>(page.request, "invitations.create", { ...ws, email: mateEmail, role: "MEMBER" });
  await trpc(matePage.request, "invitations.accept", { token: mateLink.link.split("/invite/")[1] });
  await trpc(matePage.request, "assessment.setSharing", { ...ws, level: "EVERYTHING" });
  // The teammate asks the demo founder to rate them (the member rating page), and the founder
  // invites an outside rater by link (the public rating page).
  const demoUser = await trpc<{ id: string }>(page.request, "account.me", {}, "query");
  const memberRater = await trpc<{ id: string }>(matePage.request, "raters.inviteMember", { ...ws, raterUserId: demoUser.id });
  await mate.close();
  const outsideRater = await trpc<{ link: string }>(page.request, "raters.inviteLink", { ...ws, label: "Sweep mentor" });
  const raterToken = outsideRater.link.split("/rate/")[1]!;
  await trpc(page.request, "assessment.setSharing", { ...ws, level: "EVERYTHING" });

  // Long unbroken names in every place a name is shown: a workspace, a prototype and its class, an idea.
  await trpc(page.request, "workspace.create", { name: `WS-${LONG}` });
  const longPrototype = await trpc<{ id: string }>(page.request, "prototypes.create", { ...ws, name: LONG, classes: [LONG, "ok"] });
  const longIdea = await trpc<{ id: string }>(page.request, "ideas.create", {
    ...ws,
    title: `Idea-${LONG}`,
    prototypeId: longPrototype.id,
  });

  const allowed = userContent([
    `WS-${LONG}`,
    `Idea-${LONG}`,
    LONG,
    `Tutor ${LONG}`,
    "Explain wiring diagrams",
    "Quiz before exams",
    "Vocational schools",
    "Demo Founder",
    "Sweep mentor",
  ]);

  const s = `/w/${demo.slug}`;
  const p = `${s}/prototypes/${prototypeId}`;
  // Discovered on the pages themselves (the demo's attempt ids are not known in advance).
  await page.goto(`${s}/assessment`);
  const resultsHref = await page.locator(`a[href*="/assessment/results/"]`).first().getAttribute("href");
  const attemptId = resultsHref!.split("/assessment/results/")[1]!.split(/[/?#]/)[0]!;

  const openSwitcher = async (pg: Page) => {
    const toggle = pg.locator('[aria-controls="workspace-drawer"]');
    if (await toggle.isVisible()) await toggle.click();
    await pg.getByTestId("workspace-switcher").filter({ visible: true }).click();
    await pg.getByRole("menu").waitFor();
    return "switcher open";
  };
  const visits: Visit[] = [
    { route: "/", url: "/", signedOut: true },
    { route: "/sign-in", url: "/sign-in", signedOut: true },
    { route: "/sign-up", url: "/sign-up", signedOut: true },
    { route: "/invite/[token]", url: `/invite/${inviteToken}`, signedOut: true },
    { route: "/rate/[token]", url: `/rate/${raterToken}`, signedOut: true },
    { route: "/w", url: "/w" },
    {
      route: "/w/[slug]",
      url: s,
      open: async (pg) => {
        const toggle = pg.locator('[aria-controls="workspace-drawer"]');
        if (await toggle.isVisible()) {
          await toggle.click();
          await pg.locator("#workspace-drawer").waitFor();
          return "menu open";
        }
        return openSwitcher(pg);
      },
    },
    {
      route: "/w/[slug]/settings",
      url: `${s}/settings`,
      open: async (pg) => {
        await openSwitcher(pg);
        await pg.getByRole("menuitem").last().click();
        await pg.getByRole("dialog").waitFor();
        return "create-workspace dialog open";
      },
    },
    { route: "/w/[slug]/team", url: `${s}/team` },
    { route: "/w/[slug]/assessment", url: `${s}/assessment` },
    { route: "/w/[slug]/assessment/take", url: `${s}/assessment/take` },
    { route: "/w/[slug]/assessment/results/[attemptId]", url: `${s}/assessment/results/${attemptId}` },
    { route: "/w/[slug]/assessment/results/[attemptId]/print", url: `${s}/assessment/results/${attemptId}/print` },
    { route: "/w/[slug]/assessment/team", url: `${s}/assessment/team` },
    { route: "/w/[slug]/assessment/reliability", url: `${s}/assessment/reliability` },
    { route: "/w/[slug]/assessment/raters", url: `${s}/assessment/raters` },
    { route: "/w/[slug]/assessment/rate/[raterId]", url: `${s}/assessment/rate/${memberRater.id}` },
    { route: "/w/[slug]/opportunities", url: `${s}/opportunities` },
    { route: "/w/[slug]/opportunities/[industry]", url: `${s}/opportunities/manufacturing` },
    { route: "/w/[slug]/opportunities/shortlist", url: `${s}/opportunities/shortlist` },
    { route: "/w/[slug]/opportunities/methodology", url: `${s}/opportunities/methodology` },
    { route: "/w/[slug]/opportunities/new", url: `${s}/opportunities/new` },
    { route: "/w/[slug]/opportunities/item/[ref]", url: `${s}/opportunities/item/manufacturing.visual-inspection` },
    { route: "/w/[slug]/opportunities/item/[ref]/edit", url: `${s}/opportunities/item/${encodeURIComponent(custom.ref)}/edit` },
    {
      route: "/w/[slug]/prototypes",
      url: `${s}/prototypes`,
      open: async (pg) => {
        await pg.getByRole("main").getByRole("button").first().click();
        await pg.getByRole("dialog").waitFor();
        return "create-prototype dialog open";
      },
    },
    { route: "/w/[slug]/prototypes/[prototypeId]", url: p },
    { route: "/w/[slug]/prototypes/[prototypeId]", url: `${s}/prototypes/${longPrototype.id}` },
    { route: "/w/[slug]/prototypes/[prototypeId]/images", url: `${p}/images` },
    { route: "/w/[slug]/prototypes/[prototypeId]/train", url: `${p}/train` },
    { route: "/w/[slug]/prototypes/[prototypeId]/predict", url: `${p}/predict` },
    {
      route: "/w/[slug]/prototypes/[prototypeId]/settings",
      url: `${p}/settings`,
      open: async (pg) => {
        await pg.getByTestId("danger-zone").getByRole("button").click();
        await pg.getByTestId("delete-impact").waitFor();
        return "delete-prototype dialog open";
      },
    },
    { route: "/w/[slug]/prototypes/[prototypeId]/runs", url: `${p}/runs` },
    { route: "/w/[slug]/prototypes/[prototypeId]/review", url: `${p}/review` },
    {
      route: "/w/[slug]/prototypes/[prototypeId]/runs/[runId]",
      url: `${p}/runs/${runId}`,
      open: async (pg) => {
        await pg.locator('[data-testid^="confusion-cell-"]:not([disabled])').first().click();
        await pg.getByTestId("confusion-cell-images").locator("img").first().waitFor();
        return "confusion cell open";
      },
    },
    { route: "/w/[slug]/prototypes/[prototypeId]/runs/compare", url: `${p}/runs/compare?a=${runId}&b=${runId}` },
    { route: "/w/[slug]/ideas", url: `${s}/ideas` },
    { route: "/w/[slug]/ideas/[ideaId]", url: `${s}/ideas/${ideaId}` },
    { route: "/w/[slug]/ideas/[ideaId]", url: `${s}/ideas/${longIdea.id}` },
  ];
  const missing = appRoutes().filter((r) => !visits.some((v) => v.route === r));
  expect(missing, "pages the sweep does not visit").toEqual([]);
  // SWEEP_ONLY=<regex> narrows the sweep to matching URLs while fixing something (never in CI).
  const only = process.env.SWEEP_ONLY ? new RegExp(process.env.SWEEP_ONLY) : null;
  const timings: [string, number][] = [];
  const pendingUsed = new Set<number>();

  const signedOut = await browser.newContext();
  const outPage = await signedOut.newPage();
  watchConsole(outPage, problems, () => state);
  try {
    for (const locale of ["en", "zh"] as Locale[]) {
      await trpc(page.request, "account.setLocale", { locale });
      await signedOut.addCookies([{ name: LOCALE_COOKIE, value: locale, url: new URL("/", page.url()).href }]);
      const english = locale === "zh" ? allowed : null;
      for (const visit of visits.filter((v) => !only || only.test(v.url))) {
        const started = Date.now();
        const pg = visit.signedOut ? outPage : page;
        state = `${locale} ${visit.url}`;
        await pg.setViewportSize(DESKTOP);
        await pg.goto(visit.url);
        await settle(pg);
        for (const size of [DESKTOP, PHONE]) {
          const label = `${locale} ${size === PHONE ? "390" : "desktop"} ${visit.url}`;
          state = label;
          await pg.setViewportSize(size);
          await frames(pg);
          // axe judges markup, which barely changes with the language: it runs on English at desktop
          // size and Chinese at phone size, so each size and each language is scanned once.
          const axe = (locale === "en") === (size === DESKTOP);
          problems.push(...(await checkState(pg, label, { english, axe, pendingUsed })));
          if (visit.open) {
            const what = await visit.open(pg);
            state = `${label} (${what})`;
            await frames(pg);
            problems.push(...(await checkState(pg, state, { english, axe, pendingUsed })));
            await pg.keyboard.press("Escape");
            await pg.keyboard.press("Escape");
          }
        }
        timings.push([`${locale} ${visit.url}`, Date.now() - started]);
      }
    }
  } finally {
    await trpc(page.request, "account.setLocale", { locale: "en" });
    await signedOut.close();
  }

  if (process.env.SWEEP_TIMING) {
    const total = timings.reduce((a, [, ms]) => a + ms, 0);
    console.log(`sweep: ${timings.length} page loads in ${(total / 1000).toFixed(1)} s; slowest:`);
    for (const [what, ms] of timings.sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${(ms / 1000).toFixed(1)} s ${what}`);
  }
  if (!only) {
    PENDING_ENGLISH.forEach((p, i) => {
      if (!pendingUsed.has(i)) console.log(`sweep: e2e/sweep/pending.ts entry no longer needed, delete it: ${p.why}`);
    });
  }
  const report = problems.map((x) => `[${x.kind}] ${x.state}: ${x.detail}`);
  expect(report, `${report.length} problems:\n${report.join("\n")}`).toEqual([]);
});
