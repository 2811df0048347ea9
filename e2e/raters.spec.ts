import { expect, test, type Browser, type Page } from "@playwright/test";
import { apiSignIn, apiSignUp, signedInFounder, trpc } from "./fixtures";

/** The founder's self-assessment, completed through the API: every statement 4, every situation option b. */
async function completeSelfAssessment(page: Page, workspaceId: string) {
  const { currentVersion } = await trpc<{ currentVersion: number }>(page.request, "assessment.current", { workspaceId }, "query");
  const instrument = await trpc<{ items: { id: string; kind: string }[] }>(
    page.request,
    "assessment.instrument",
    { workspaceId, version: currentVersion },
    "query",
  );
  const answers = Object.fromEntries(instrument.items.map((i) => [i.id, i.kind === "likert" ? 4 : "b"]));
  const attempt = await trpc<{ id: string }>(page.request, "assessment.start", { workspaceId });
  await trpc(page.request, "assessment.save", { workspaceId, attemptId: attempt.id, answers });
  await trpc(page.request, "assessment.submit", { workspaceId, attemptId: attempt.id });
  return attempt.id;
}

/** Creates a private rater link on the raters page and returns its path. */
async function createLink(page: Page, label: string) {
  await page.getByTestId("rater-label").fill(label);
  await page.getByTestId("create-rater-link").click();
  const value = page.getByTestId("rater-link-value");
  await expect(value).toHaveValue(/\/rate\/[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByTestId("rater-row").filter({ hasText: label })).toBeVisible();
  return new URL(await value.inputValue()).pathname;
}

/**
 * An outsider answers by link in a fresh browser context (no account, no cookies): every
 * statement `level`, situations option a; statements of `skipFacet` answered "can't judge".
 */
async function rateByLink(browser: Browser, path: string, level: number, opts: { skipFacet?: string; locale?: "zh" } = {}) {
  const context = await browser.newContext();
  if (opts.locale) {
    await context.addCookies([{ name: "vl-locale", value: opts.locale, url: test.info().project.use.baseURL! }]);
  }
  const page = await context.newPage();
  // The Chinese rater is on a phone: the form must fit 390 px.
  if (opts.locale === "zh") await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(path);
  const privacy = page.getByTestId("rater-privacy");
  // Told who sees what before any question.
  await expect(privacy).toContainText(opts.locale === "zh" ? "开始之前：谁能看到什么" : "Before you start: who sees what");
  await expect(privacy).toContainText(opts.locale === "zh" ? "至少三个人" : "at least three people");
  await expect(page.locator("fieldset")).toHaveCount(0);
  // Nothing of the founder's workspace on the page: no navigation, no workspace links.
  await expect(page.locator('a[href^="/w/"]')).toHaveCount(0);
  await page.getByTestId("rater-start").click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);

  for (const item of await page.locator("fieldset[data-testid=observer-likert]").all()) {
    const facet = await item.getAttribute("data-facet");
    if (facet === opts.skipFacet) await item.getByLabel(opts.locale === "zh" ? "无法判断" : "Can't judge").check();
    else await item.locator(`input[value="${level}"]`).check();
  }
  for (const item of await page.locator("fieldset[data-testid=observer-situational]").all()) await item.locator("input").first().check();
  await page.getByTestId("rater-submit").click();
  await expect(page.getByTestId("rater-thanks")).toBeVisible();

  // Single use: the same link now only says it was answered.
  await page.reload();
  await expect(page.getByTestId("rater-link-status")).toBeVisible();
  await expect(page.locator("fieldset")).toHaveCount(0);
  await context.close();
}

test("outside raters by link, self vs others with gaps, a fourth rater updates it, a teammate sees nothing", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const founder = await signedInFounder(page, { name: "Ada Founder" });
  const { workspace } = await trpc<{ workspace: { id: string } }>(page.request, "workspace.bySlug", { slug: founder.slug }, "query");
  const attemptId = await completeSelfAssessment(page, workspace.id);

  // Three outside raters by private link; labels only the founder sees.
  await page.goto(`/w/${founder.slug}/assessment`);
  await page.getByTestId("invite-raters").click();
  await expect(page.getByTestId("raters-privacy")).toContainText("at least three raters");
  const links = [await createLink(page, "Advisor A"), await createLink(page, "Investor B"), await createLink(page, "Colleague C")];

  await rateByLink(browser, links[0]!, 2);
  await rateByLink(browser, links[1]!, 2, { skipFacet: "resilience" });
  await rateByLink(browser, links[2]!, 3, { locale: "zh" });

  await page.reload();
  await expect(page.getByTestId("rater-row").filter({ hasText: "Advisor A" })).toContainText("Answered");

  // Self vs others: raters rate lower than the founder (all 4s), so blind spots show.
  await page.goto(`/w/${founder.slug}/assessment/results/${attemptId}`);
  const card = page.getByTestId("self-vs-others");
  await expect(card).toContainText("3 raters have answered");
  await expect(card.getByTestId("svo-trend_sensing")).toContainText("(n = 3)");
  await expect(card.getByTestId("svo-trend_sensing")).toContainText("Blind spot");
  await expect(card.getByTestId("svo-blind-spots")).toContainText("Technology trend sensing");
  // Resilience was skipped by one rater: two ratings, no mean, one more needed.
  await expect(card.getByTestId("svo-resilience")).toHaveCount(0);
  await card.getByText(/without an average yet/).click();
  await expect(card.getByTestId("waiting-resilience")).toContainText("needs one more rater");
  await expect(card.getByTestId("svo-focus")).toContainText("others:");
  const before = await card.getByTestId("svo-trend_sensing").locator("td").nth(1).innerText();

  // A fourth rater (all 5s) completes resilience and moves the means.
  await page.goto(`/w/${founder.slug}/assessment/raters`);
  const fourth = await createLink(page, "Mentor D");
  await rateByLink(browser, fourth, 5);
  await page.goto(`/w/${founder.slug}/assessment/results/${attemptId}`);
  await expect(card).toContainText("4 raters have answered");
  await expect(card.getByTestId("svo-resilience")).toContainText("(n = 3)");
  await expect(card.getByTestId("svo-trend_sensing")).toContainText("(n = 4)");
  expect(await card.getByTestId("svo-trend_sensing").locator("td").nth(1).innerText()).not.toBe(before);
  // The outsiders' labels never appear with their scores.
  await expect(card).not.toContainText("Advisor A");

  // At 390 px the card fits (the table scrolls inside its own box).
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(card.getByTestId("gap-chart")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // A teammate, without the founder's sharing permission (default: dimension scores only), sees nothing of it.
  const mate = await apiSignUp(page.request, { name: "Mate" });
  const { link } = await trpc<{ link: string }>(page.request, "invitations.create", {
    workspaceId: workspace.id,
    email: mate.email,
    role: "ADMIN",
  });
  const mateContext = await browser.newContext();
  const matePage = await mateContext.newPage();
  await apiSignIn(matePage, mate.email);
  await trpc(matePage.request, "invitations.accept", { token: link.split("/invite/")[1] });
  const matePeek = await matePage.request.get(
    `/api/trpc/raters.selfVsOthers?input=${encodeURIComponent(JSON.stringify({ json: { workspaceId: workspace.id, subjectId: undefined } }))}`,
  );
  expect(matePeek.ok()).toBeTruthy(); // their own (empty) view
  expect(((await matePeek.json()) as { result: { data: { json: { raterCount: number } } } }).result.data.json.raterCount).toBe(0);
  const founderId = (await trpc<{ id: string }>(page.request, "account.me", {}, "query")).id;
  const peek = await matePage.request.get(
    `/api/trpc/raters.selfVsOthers?input=${encodeURIComponent(JSON.stringify({ json: { workspaceId: workspace.id, subjectId: founderId } }))}`,
  );
  expect(peek.status()).toBe(404);
  await matePage.goto(`/w/${founder.slug}/assessment/team`);
  await expect(matePage.getByText("Ada Founder").first()).toBeVisible();
  await expect(matePage.getByTestId("self-vs-others")).toHaveCount(0);
  await expect(matePage.getByText(/raters/i)).toHaveCount(0);
  await matePage.goto(`/w/${founder.slug}/assessment/results/${attemptId}`);
  await expect(matePage.getByTestId("self-vs-others")).toHaveCount(0);
  await mateContext.close();
});
