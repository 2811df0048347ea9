import { expect, test, type Page } from "@playwright/test";
import { apiSignIn, apiSignUp, signedInFounder, trpc } from "./fixtures";

/** Answers every unanswered question on the current page: statements with `level`, situations with their first option. */
async function answerPage(page: Page, level: string, limit = Infinity) {
  let done = 0;
  for (const item of await page.locator("fieldset[data-testid=likert-item], fieldset[data-testid=situational-item]").all()) {
    if (done >= limit) break;
    if ((await item.locator("input:checked").count()) > 0) continue;
    const kind = await item.getAttribute("data-testid");
    await (kind === "likert-item" ? item.locator(`input[value="${level}"]`) : item.locator("input").first()).check();
    done++;
  }
}

const saved = (page: Page) => expect(page.getByTestId("save-status")).toContainText("All answers saved");

test("take the assessment, resume, see results, retake and compare, share with a teammate", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const founder = await signedInFounder(page, { name: "Ada Founder" });
  const base = `/w/${founder.slug}/assessment`;

  // Start: page 1 (technical vision), partly by keyboard only.
  await page.goto(base);
  await page.getByRole("link", { name: "Start the assessment" }).click();
  await expect(page.getByRole("heading", { name: "Page 1 of 3: Technical vision" })).toBeVisible();
  await expect(page.getByText("0 of 79 answered")).toBeVisible();
  // Opening the questionnaire starts nothing; the first answer does.
  const { workspace } = await trpc<{ workspace: { id: string } }>(page.request, "workspace.bySlug", { slug: founder.slug }, "query");
  const openAttempt = async () =>
    (await trpc<{ open: unknown }>(page.request, "assessment.current", { workspaceId: workspace.id }, "query")).open;
  expect(await openAttempt()).toBeNull();
  const first = page.locator("fieldset[data-testid=likert-item]").first();
  await first.locator("input").first().focus();
  await page.keyboard.press("ArrowRight"); // moves the selection to "Disagree" (2)
  await page.keyboard.press("ArrowRight"); // "Neither agree nor disagree" (3)
  await expect(first.locator('input[value="3"]')).toBeChecked();
  await answerPage(page, "4");
  await expect(page.getByText("22 of 79 answered")).toBeVisible();
  await saved(page);
  expect(await openAttempt()).not.toBeNull();
  await page.getByRole("button", { name: "Next page" }).click();

  // Page 2: half of it, then leave.
  await expect(page.getByRole("heading", { name: "Page 2 of 3: Business acumen" })).toBeVisible();
  await answerPage(page, "2", 10);
  await saved(page);
  await page.goto(`/w/${founder.slug}`);

  // Resume exactly where we left off.
  await page.goto(base);
  await expect(page.getByText("32 of 79 answered")).toBeVisible();
  await page.getByRole("link", { name: "Resume" }).click();
  await expect(page.getByRole("heading", { name: "Page 2 of 3: Business acumen" })).toBeVisible();
  await expect(page.getByText("32 of 79 answered")).toBeVisible();

  // Skip ahead and try to submit: the unanswered questions are listed.
  await page.getByRole("button", { name: "Next page" }).click();
  // An idea-stage founder: one statement about managing staff is "not applicable yet".
  await page
    .getByRole("radio", { name: /Not applicable yet/ })
    .first()
    .check();
  await answerPage(page, "3");
  await page.getByRole("button", { name: "Submit and see my results" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "questions are unanswered" });
  await expect(summary).toContainText("17 questions are unanswered");
  await summary.getByRole("button").first().click();
  await expect(page.getByRole("heading", { name: "Page 2 of 3: Business acumen" })).toBeVisible();
  await answerPage(page, "5");
  await page.getByRole("button", { name: "Next page" }).click();
  await saved(page);
  await page.getByRole("button", { name: "Submit and see my results" }).click();

  // Results: radar, bands, strengths, blind spots with tips.
  await expect(page).toHaveURL(/\/assessment\/results\//);
  await expect(page.getByTestId("facet-radar").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("dimension-scores").locator("li")).toHaveCount(3);
  await expect(page.getByTestId("dimension-scores")).toContainText(/High|Moderate|Low/);
  await expect(page.getByTestId("strengths").locator("li")).toHaveCount(3);
  await expect(page.getByTestId("facet-table").getByText(/based on \d of \d questions/)).toHaveCount(1);
  const blindSpots = page.getByTestId("blind-spots").locator("section");
  await expect(blindSpots).toHaveCount(3);
  for (const spot of await blindSpots.all()) expect(await spot.getByTestId("tips").locator("li").count()).toBeGreaterThanOrEqual(2);
  const firstResultUrl = page.url();

  // The printable report renders the same result.
  await page.goto(`${firstResultUrl}/print`);
  await expect(page.getByTestId("print-report")).toContainText("Founder self-assessment report");
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();

  // Retake and compare with the first attempt.
  await page.goto(base);
  await page.getByRole("link", { name: "Take it again" }).first().click();
  for (let p = 1; p <= 3; p++) {
    await expect(page.getByRole("heading", { name: new RegExp(`Page ${p} of 3`) })).toBeVisible();
    await answerPage(page, "5");
    if (p < 3) await page.getByRole("button", { name: "Next page" }).click();
  }
  await saved(page);
  await page.getByRole("button", { name: "Submit and see my results" }).click();
  await expect(page).toHaveURL(/\/assessment\/results\//);
  expect(page.url()).not.toBe(firstResultUrl);
  await page.getByTestId("compare-select").selectOption({ index: 1 });
  await expect(page.getByTestId("change-ai_data_literacy")).toBeVisible();
  await expect(page.getByTestId("facet-table")).toContainText("+");

  // A teammate joins and sees the shared dimension scores, and nothing more.
  const ws = await trpc<{ workspace: { id: string } }>(page.request, "workspace.bySlug", { slug: founder.slug }, "query");
  const mateCtx = await browser.newContext();
  const mate = await mateCtx.newPage();
  const mateAccount = await apiSignUp(mate.request, { name: "Mo Mate" });
  const { link } = await trpc<{ link: string }>(page.request, "invitations.create", {
    workspaceId: ws.workspace.id,
    email: mateAccount.email,
    role: "MEMBER",
  });
  await apiSignIn(mate, mateAccount.email);
  await trpc(mate.request, "invitations.accept", { token: link.split("/invite/")[1] });
  await mate.goto(`${base}/team`);
  const adaRow = mate.getByTestId("team-member-row").filter({ hasText: "Ada Founder" });
  await expect(adaRow).toContainText("Dimension scores");
  await expect(adaRow).toContainText(/\d+\.\d/);
  await expect(mate.getByTestId("team-heatmap")).toHaveCount(0);
  await expect(mate.getByText("Nobody has shared facet scores yet.")).toBeVisible();
  // Nobody's facets are visible to the mate: coverage says so instead of listing all 14 facets as gaps.
  await expect(mate.getByTestId("team-coverage-empty")).toContainText("Nothing to compare yet");
  await expect(mate.getByTestId("team-gaps")).toHaveCount(0);
  // A member is not offered the admins' reliability page (it would answer "not found").
  await mate.goto(base);
  await expect(mate.getByRole("link", { name: "Team view" })).toBeVisible();
  await expect(mate.getByRole("link", { name: /Reliability/ })).toHaveCount(0);
  // The founder's own row shows her real setting (the default, dimension scores), not "Everything".
  await page.goto(`${base}/team`);
  await expect(page.getByTestId("team-member-row").filter({ hasText: "Ada Founder" })).toContainText("Dimension scores");
  // The founder's own attempt stays private even to a teammate who guesses its address.
  const res = await mate.goto(`${firstResultUrl}/print`);
  expect(res?.status()).toBe(404);

  // When the founder shares everything, the heat map shows their facets.
  await page.goto(base);
  // A click that lands while the page is still hydrating is lost (seen once in CI): retry until it takes.
  const everything = page.getByRole("radio", { name: /Everything/ });
  await expect(everything).toBeEnabled();
  await expect(async () => {
    await everything.click();
    await expect(everything).toBeChecked({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText("Sharing updated.")).toBeVisible();
  await mate.goto(`${base}/team`);
  await expect(mate.getByTestId("team-heatmap")).toContainText("Ada Founder");
  await mateCtx.close();
});

test("the owner sees reliability figures, with a note while there are too few attempts", async ({ page }) => {
  const founder = await signedInFounder(page, { name: "Rene Reliable" });
  await page.goto(`/w/${founder.slug}/assessment`);
  await page.getByRole("link", { name: "Reliability (admins)" }).click();
  await expect(page.getByRole("heading", { name: "Reliability of the instrument" })).toBeVisible();
  await expect(page.getByTestId("reliability-workspace")).toContainText("Needs at least 2 attempts");
});
