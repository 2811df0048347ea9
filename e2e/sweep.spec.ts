import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { appendFileSync, readFileSync } from "node:fs";
import { LOCALE_COOKIE, type Locale } from "@/server/i18n/locale";
import { FACTORS } from "@/server/opportunities/dataset-schema";
import { apiSignIn, demoWithTrainedRun, trpc, uniqueEmail } from "./fixtures";
import { checkState, timer, watchConsole, type Phases, type Problem } from "./sweep/checks";
import { englishIn, userContent } from "./sweep/english";
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
 * Two tabs share the work (one sign-in), each page is loaded once per language and the phone
 * size is checked by resizing the same page; the main pages are loaded once more in the dark theme.
 */

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** An unbroken name: it must wrap or truncate, never push the page sideways. */
const LONG = "Supercalifragilisticexpialidocious-inspection-prototype";

/** The main pages, swept once more in the dark theme (desktop size, English): contrast is what changes. */
const DARK_ROUTES = [
  "/",
  "/sign-in",
  "/w/[slug]",
  "/w/[slug]/settings",
  "/w/[slug]/team",
  "/w/[slug]/assessment",
  "/w/[slug]/assessment/results/[attemptId]",
  "/w/[slug]/assessment/team",
  "/w/[slug]/opportunities",
  "/w/[slug]/opportunities/[industry]",
  "/w/[slug]/opportunities/item/[ref]",
  "/w/[slug]/prototypes",
  "/w/[slug]/prototypes/[prototypeId]",
  "/w/[slug]/prototypes/[prototypeId]/images",
  "/w/[slug]/prototypes/[prototypeId]/train",
  "/w/[slug]/prototypes/[prototypeId]/predict",
  "/w/[slug]/prototypes/[prototypeId]/runs/[runId]",
  "/w/[slug]/ideas",
  "/w/[slug]/ideas/[ideaId]",
];

/** The language the sweep is on: both tabs always are on the same one (it is saved on the account). */
let current: Locale = "en";

/** A control's accessible name in the current language, from messages/: exact, or the text before a placeholder. */
function label(key: string): string | RegExp {
  const [namespace, ...path] = key.split(".");
  let v: unknown = JSON.parse(readFileSync(`messages/${current}/${namespace}.json`, "utf8"));
  for (const k of path) v = (v as Record<string, unknown>)[k];
  const text = String(v);
  if (!text.includes("{")) return text;
  return new RegExp(`^${text.split("{")[0]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
}

/**
 * Opens a menu, dialog or lightbox on the loaded page and says what it opened, or null where
 * there is nothing to open at this size. The sweep checks the page while it is open, then closes
 * it with Escape.
 */
type Opener = (page: Page) => Promise<string | null>;

type Visit = {
  route: string;
  url: string;
  signedOut?: boolean;
  opens?: Opener[];
  /** Clicks something that asks for confirmation (window.confirm); the sweep reads and dismisses the question. */
  confirm?: (page: Page) => Promise<void>;
};

/** A tab of its own, taking pages from the shared queue while the other tab loads or scans. */
type Lane = { page: Page; signedOut: Page; state: string };

/** Quiet time that counts as "the page's client queries have answered". */
const QUIET_MS = 300;
/** Some pages poll: settling never waits longer than this. */
const SETTLE_MAX_MS = 4_000;

/**
 * Counts the page's requests in flight, so that settling waits for quiet only as long as needed
 * (Playwright's "networkidle" always waits 500 ms more).
 */
function trackRequests(page: Page) {
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (d: number) => {
    inFlight = Math.max(0, inFlight + d);
    lastChange = Date.now();
  };
  page.on("request", () => change(1));
  page.on("requestfinished", () => change(-1));
  page.on("requestfailed", () => change(-1));
  return async () => {
    const until = Date.now() + SETTLE_MAX_MS;
    while (Date.now() < until && (inFlight > 0 || Date.now() - lastChange < QUIET_MS)) await page.waitForTimeout(50);
  };
}
const settlers = new WeakMap<Page, () => Promise<void>>();
async function settle(page: Page) {
  await page.waitForLoadState("load");
  await settlers.get(page)?.();
}

/**
 * Next.js prefetches the page behind every link in view (20+ server renders per page here, twice
 * over). They change nothing the sweep looks at, so the sweep's tabs refuse them and leave the
 * two CPU cores to the pages themselves.
 */
async function withoutPrefetch(context: BrowserContext) {
  await context.route(/[?&]_rsc=/, (route) =>
    route.request().headers()["next-router-prefetch"] ? route.abort("aborted") : route.fallback(),
  );
}

async function frames(page: Page) {
  // Bounded: a tab the browser considers hidden gets no animation frames at all.
  await page.evaluate(() => new Promise((r) => (requestAnimationFrame(() => requestAnimationFrame(r)), setTimeout(r, 1_000))));
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
  // Console errors of the first tab: "setup" until the lanes take over.
  let consoleState = () => "setup";
  watchConsole(page, problems, () => consoleState());

  // ---- Data: the demo workspace and what the sweep adds to it. ----
  const setupStarted = Date.now();
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

  /** At phone size the switcher sits in the menu drawer: open that first. */
  const openDrawer = async (pg: Page) => {
    const toggle = pg.locator('[aria-controls="workspace-drawer"]');
    if (!(await toggle.isVisible())) return false;
    await toggle.click();
    await pg.locator("#workspace-drawer").waitFor();
    return true;
  };
  const openSwitcher = async (pg: Page) => {
    const inDrawer = await openDrawer(pg);
    await pg.getByTestId("workspace-switcher").filter({ visible: true }).click();
    await pg.getByRole("menu").waitFor();
    return inDrawer ? "menu and switcher open" : "switcher open";
  };
  const openCreateWorkspace = async (pg: Page) => {
    await openSwitcher(pg);
    await pg.getByRole("menuitem").last().click();
    await pg.getByRole("dialog").waitFor();
    return "create-workspace dialog open";
  };
  const openLightbox = async (pg: Page) => {
    await pg
      .getByRole("main")
      .getByRole("button", { name: label("common.lightbox.enlarge") })
      .first()
      .click();
    await pg.getByTestId("lightbox").waitFor();
    return "lightbox open";
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
      opens: [async (pg) => ((await openDrawer(pg)) ? "menu open" : null), openSwitcher],
    },
    {
      route: "/w/[slug]/settings",
      url: `${s}/settings`,
      opens: [openCreateWorkspace],
    },
    {
      route: "/w/[slug]/team",
      url: `${s}/team`,
      confirm: (pg) =>
        pg
          .getByRole("main")
          .getByRole("button", { name: label("workspace.team.remove"), exact: true })
          .first()
          .click(),
    },
    { route: "/w/[slug]/assessment", url: `${s}/assessment` },
    { route: "/w/[slug]/assessment/take", url: `${s}/assessment/take` },
    { route: "/w/[slug]/assessment/results/[attemptId]", url: `${s}/assessment/results/${attemptId}` },
    { route: "/w/[slug]/assessment/results/[attemptId]/print", url: `${s}/assessment/results/${attemptId}/print` },
    { route: "/w/[slug]/assessment/team", url: `${s}/assessment/team` },
    { route: "/w/[slug]/assessment/reliability", url: `${s}/assessment/reliability` },
    {
      route: "/w/[slug]/assessment/raters",
      url: `${s}/assessment/raters`,
      confirm: (pg) =>
        pg
          .getByRole("main")
          .getByRole("button", { name: label("assessment.raters.manage.remove"), exact: true })
          .first()
          .click(),
    },
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
      opens: [
        async (pg) => {
          await pg.getByRole("main").getByRole("button").first().click();
          await pg.getByRole("dialog").waitFor();
          return "create-prototype dialog open";
        },
      ],
    },
    { route: "/w/[slug]/prototypes/[prototypeId]", url: p },
    { route: "/w/[slug]/prototypes/[prototypeId]", url: `${s}/prototypes/${longPrototype.id}` },
    { route: "/w/[slug]/prototypes/[prototypeId]/images", url: `${p}/images`, opens: [openLightbox] },
    { route: "/w/[slug]/prototypes/[prototypeId]/train", url: `${p}/train` },
    { route: "/w/[slug]/prototypes/[prototypeId]/predict", url: `${p}/predict` },
    {
      route: "/w/[slug]/prototypes/[prototypeId]/settings",
      url: `${p}/settings`,
      opens: [
        async (pg) => {
          await pg.getByTestId("danger-zone").getByRole("button").click();
          await pg.getByTestId("delete-impact").waitFor();
          return "delete-prototype dialog open";
        },
      ],
    },
    { route: "/w/[slug]/prototypes/[prototypeId]/runs", url: `${p}/runs` },
    { route: "/w/[slug]/prototypes/[prototypeId]/review", url: `${p}/review` },
    {
      route: "/w/[slug]/prototypes/[prototypeId]/runs/[runId]",
      url: `${p}/runs/${runId}`,
      opens: [
        async (pg) => {
          await pg.locator('[data-testid^="confusion-cell-"]:not([disabled])').first().click();
          await pg.getByTestId("confusion-cell-images").locator("img").first().waitFor();
          return "confusion cell open";
        },
      ],
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
  const phases: Phases = new Map();
  const pendingUsed = new Set<number>();

  const pagesStarted = Date.now();
  // Two tabs work through the pages side by side (one signs in: the second shares its session),
  // so that one loads while the other is scanned and both CPU cores are busy.
  const session = await page.context().storageState();
  const contexts: BrowserContext[] = [];
  const newContext = async (options: Parameters<typeof browser.newContext>[0] = {}) => {
    const context = await browser.newContext(options);
    contexts.push(context);
    await withoutPrefetch(context);
    return context;
  };
  await withoutPrefetch(page.context());
  const lanes: Lane[] = [];
  // One tab per context: a second tab in the same window would be hidden, and hidden tabs do not render.
  for (const signedIn of [page, await (await newContext({ storageState: session })).newPage()]) {
    const lane: Lane = { page: signedIn, signedOut: await (await newContext()).newPage(), state: "start" };
    for (const pg of [lane.page, lane.signedOut]) {
      if (pg !== page) watchConsole(pg, problems, () => lane.state);
      settlers.set(pg, trackRequests(pg));
    }
    lanes.push(lane);
  }
  consoleState = () => lanes[0]!.state;

  /** Checks the page as it is now, then in every state its openers and disclosures lead to. */
  async function sweepPage(lane: Lane, visit: Visit, locale: Locale, tag: string, size: typeof DESKTOP, axe: boolean) {
    const pg = visit.signedOut ? lane.signedOut : lane.page;
    const english = locale === "zh" ? allowed : null;
    const time = timer(phases);
    const label = `${tag} ${size === PHONE ? "390" : "desktop"} ${visit.url}`;
    lane.state = label;
    await pg.setViewportSize(size);
    await frames(pg);
    time("resize");
    problems.push(...(await checkState(pg, label, { english, axe, pendingUsed, phases })));
    time("checks");
    // Disclosures (Technical details and the like) open: what they hide must fit and read well too.
    const closed = pg.locator("details:not([open]) > summary").filter({ visible: true });
    if ((await closed.count()) > 0) {
      // One at a time: each click takes one out of the list (and may show nested ones).
      for (let i = 0; i < 20 && (await closed.count()) > 0; i++) await closed.first().click();
      lane.state = `${label} (disclosures open)`;
      await frames(pg);
      problems.push(...(await checkState(pg, lane.state, { english, axe, pendingUsed, phases })));
      time("disclosures");
    }
    for (const open of visit.opens ?? []) {
      lane.state = label;
      const what = await open(pg);
      if (!what) continue;
      lane.state = `${label} (${what})`;
      await frames(pg);
      time("open");
      problems.push(...(await checkState(pg, lane.state, { english, axe, pendingUsed, phases })));
      for (let i = 0; i < 3 && (await pg.locator('[role="dialog"], [role="menu"]').filter({ visible: true }).count()) > 0; i++) {
        await pg.keyboard.press("Escape");
      }
      time("checks");
    }
    if (visit.confirm && size === DESKTOP) {
      // The click returns only once the question is answered: read it and dismiss it from the handler.
      let question = "";
      pg.once("dialog", (dialog) => {
        question = dialog.message();
        void dialog.dismiss();
      });
      await visit.confirm(pg);
      if (english) {
        for (const t of englishIn([{ text: question, where: "confirmation dialog" }], english)) {
          problems.push({ state: `${label} (confirmation)`, kind: "english", detail: `"${t.text.slice(0, 120)}"` });
        }
      } else if (!question.trim()) {
        problems.push({ state: `${label} (confirmation)`, kind: "english", detail: "empty question" });
      }
    }
  }

  /** Loads every page of `queue` once in one of the lanes, then checks it at both sizes. */
  async function sweepAll(
    queue: Visit[],
    { locale, tag, sizes, axeAt }: { locale: Locale; tag: string; sizes: (typeof DESKTOP)[]; axeAt: (size: typeof DESKTOP) => boolean },
  ) {
    const work = async (lane: Lane) => {
      for (let visit = queue.shift(); visit; visit = queue.shift()) {
        const started = Date.now();
        const pg = visit.signedOut ? lane.signedOut : lane.page;
        lane.state = `${tag} ${visit.url}`;
        const time = timer(phases);
        await pg.setViewportSize(sizes[0]!);
        await pg.goto(visit.url);
        time("goto");
        await settle(pg);
        time("settle");
        for (const size of sizes) await sweepPage(lane, visit, locale, tag, size, axeAt(size));
        timings.push([`${tag} ${visit.url}`, Date.now() - started]);
      }
    };
    await Promise.all(lanes.map(work));
  }

  const selected = visits.filter((v) => !only || only.test(v.url));
  try {
    for (const locale of ["en", "zh"] as Locale[]) {
      current = locale;
      await trpc(page.request, "account.setLocale", { locale });
      for (const lane of lanes) {
        await lane.signedOut.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: new URL("/", page.url()).href }]);
      }
      // axe judges markup, which barely changes with the language: it runs on English at desktop
      // size and Chinese at phone size, so each size and each language is scanned once.
      await sweepAll([...selected], {
        locale,
        tag: locale,
        sizes: [DESKTOP, PHONE],
        axeAt: (size) => (locale === "en") === (size === DESKTOP),
      });
    }
    // The dark theme (it follows the system setting) on the main pages: contrast is what changes.
    current = "en";
    await trpc(page.request, "account.setLocale", { locale: "en" });
    for (const lane of lanes) {
      await lane.signedOut.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: new URL("/", page.url()).href }]);
    }
    for (const lane of lanes) for (const pg of [lane.page, lane.signedOut]) await pg.emulateMedia({ colorScheme: "dark" });
    const dark = selected.filter((v) => DARK_ROUTES.includes(v.route)).map((v) => ({ ...v, confirm: undefined }));
    await sweepAll(dark, { locale: "en", tag: "en dark", sizes: [DESKTOP], axeAt: () => true });
  } finally {
    await trpc(page.request, "account.setLocale", { locale: "en" });
    for (const context of contexts) await context.close();
  }

  if (process.env.SWEEP_TIMING) {
    const total = timings.reduce((a, [, ms]) => a + ms, 0);
    console.log(`sweep: setup ${((pagesStarted - setupStarted) / 1000).toFixed(1)} s`);
    console.log(`sweep: ${timings.length} page loads in ${(total / 1000).toFixed(1)} s; by phase:`);
    for (const [phase, ms] of [...phases].sort((a, b) => b[1] - a[1])) console.log(`  ${(ms / 1000).toFixed(1)} s ${phase}`);
    console.log("slowest pages:");
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
