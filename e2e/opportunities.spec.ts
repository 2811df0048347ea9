import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { withDb } from "./db";
import { apiSignIn, apiSignUp, signedInFounder, trpc } from "./fixtures";

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;
const healthcare = readJson<{ key: string; stage: string; title: { en: string }; factors: Record<string, { score: number }> }[]>(
  "prisma/seed/data/opportunities/v1/healthcare.json",
);
const instrument = readJson<{ items: ({ id: string; kind: "likert" } | { id: string; kind: "situational"; options: { id: string }[] })[] }>(
  "prisma/seed/data/assessment/instrument-v2.json",
);

/** Completes the assessment through the API: every statement answered 4, every situation its first option. */
async function completeAssessment(request: APIRequestContext, workspaceId: string) {
  const attempt = await trpc<{ id: string }>(request, "assessment.start", { workspaceId });
  const answers = Object.fromEntries(instrument.items.map((i) => [i.id, i.kind === "likert" ? 4 : i.options[0]!.id]));
  await trpc(request, "assessment.save", { workspaceId, attemptId: attempt.id, answers });
  await trpc(request, "assessment.submit", { workspaceId, attemptId: attempt.id });
}

test("browse the map, filter and sort, shortlist and note an opportunity, add your own, and see fit explained", async ({
  page,
  browser,
}) => {
  const founder = await signedInFounder(page, { name: "Olga Opps" });
  const { workspace } = await trpc<{ workspace: { id: string } }>(page.request, "workspace.bySlug", { slug: founder.slug }, "query");

  // Overview: five industries, every figure with its source and year, no fit before an assessment.
  await page.goto(`/w/${founder.slug}/opportunities`);
  await expect(page.getByRole("heading", { name: "AI opportunity map" })).toBeVisible();
  for (const id of ["healthcare", "finance", "manufacturing", "transportation", "education"])
    await expect(page.getByTestId(`industry-${id}`)).toBeVisible();
  const banking = page.getByTestId("figure-banking-genai-value");
  await expect(banking).toContainText("$200–340 billion a year");
  await expect(banking).toContainText("Source: McKinsey Global Institute, 2023");
  await expect(page.getByTestId("industry-healthcare")).toContainText("9 opportunities");
  await expect(page.getByText("Fit scores need your assessment results.")).toBeVisible();
  // How scores work is a page in the app (it sent users to docs/OPPORTUNITIES.md), with every source.
  await page.getByRole("link", { name: "How scores, fit and sources work" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How the map scores opportunities" })).toBeVisible();
  await expect(page.getByTestId("methodology")).toContainText("Market size");
  await expect(page.getByTestId("methodology-sources")).toContainText("McKinsey Global Institute");
  await page.goBack();

  // Industry dashboard: matrix and table; filter by stage and by a factor, sort by value.
  await page.getByRole("link", { name: "Open the Healthcare dashboard" }).click();
  await expect(page.getByTestId("priority-matrix")).toBeVisible();
  const rows = page.getByTestId("opportunity-row");
  await expect(rows).toHaveCount(healthcare.length);
  await page.getByTestId("filter-stage").selectOption("growing");
  await expect(rows).toHaveCount(healthcare.filter((o) => o.stage === "growing").length);
  await page.getByTestId("filter-stage").selectOption("");
  await page.getByTestId("filter-factor").selectOption("regulatoryBurden");
  await page.getByTestId("filter-factor-min").selectOption("5");
  await expect(rows).toHaveCount(healthcare.filter((o) => o.factors.regulatoryBurden!.score >= 5).length);
  await page.getByTestId("filter-factor").selectOption("");
  await page.getByRole("button", { name: "Value", exact: true }).click();
  await expect(page.getByRole("columnheader", { name: "Value", exact: true })).toHaveAttribute("aria-sort", "descending");
  const values = (await page.getByTestId("cell-value").allTextContents()).map(Number);
  expect(values).toEqual([...values].sort((a, b) => b - a));

  // Detail: scores, every rationale and the sourced value estimate; star it and add a note.
  const imaging = healthcare.find((o) => o.key === "healthcare.imaging-triage")!;
  await page.getByRole("link", { name: imaging.title.en }).click();
  await expect(page.getByRole("heading", { name: imaging.title.en })).toBeVisible();
  await expect(page.getByTestId("rationales").locator("dd")).toHaveCount(8);
  await expect(page.getByTestId("factor-chart")).toBeVisible();
  await expect(page.getByTestId("value-estimate")).toContainText("$0.7–2 bn");
  await expect(page.getByTestId("value-estimate")).toContainText("Source: Signify Research, 2024");
  await expect(page.getByTestId("fit-missing")).toContainText("Complete the founder assessment");
  await page.getByRole("button", { name: "Add to shortlist" }).click();
  await expect(page.getByRole("button", { name: "Shortlisted" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Add a note").fill("Ask two radiology chiefs about triage budgets");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("note")).toContainText("Ask two radiology chiefs about triage budgets");
  await page.getByRole("button", { name: "Vote for" }).click();
  await expect(page.getByTestId("votes-up")).toHaveText("1");
  await page.getByLabel("Status").selectOption("exploring");
  await expect(page.getByLabel("Status")).toHaveValue("exploring");

  // A new idea offers the shortlist first, then the industries by name.
  await page.goto(`/w/${founder.slug}/ideas`);
  await page.getByRole("button", { name: "New idea" }).first().click();
  const picker = page.getByRole("dialog").getByLabel("Opportunity");
  await expect(picker.locator("optgroup").first()).toHaveAttribute("label", "Your shortlist");
  await expect(picker.locator('optgroup[label="Your shortlist"] option')).toHaveText([imaging.title.en]);
  await expect(picker.locator('optgroup[label="Healthcare"]')).toHaveCount(1);
  await page.keyboard.press("Escape");
  await page.goBack();

  // The shortlist lists it and exports a CSV with the source and year.
  await page.goto(`/w/${founder.slug}/opportunities/shortlist`);
  await expect(page.getByTestId("shortlist")).toContainText(imaging.title.en);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  expect(csv).toContain("healthcare.imaging-triage");
  expect(csv).toContain("Signify Research,2024");

  // Add your own opportunity through the form, then archive it.
  await page.goto(`/w/${founder.slug}/opportunities/new?industry=education`);
  await page.getByLabel("Title", { exact: true }).fill("Apprentice theory tutor");
  await page.getByLabel("Example use cases").fill("Explain wiring diagrams\nQuiz before exams");
  await page.getByLabel("Who pays").fill("Vocational schools");
  for (const f of [
    "Market size",
    "Growth",
    "Competition intensity",
    "Regulatory burden",
    "Data availability",
    "Technical difficulty",
    "Capital intensity",
    "Time to first revenue",
  ]) {
    await page.getByLabel(`Why: ${f}`).fill(`Our view of ${f.toLowerCase()}`);
  }
  for (const f of ["Customer insight", "Market sensing", "Resilience"]) await page.getByRole("checkbox", { name: f }).check();
  await page.getByRole("button", { name: "Create opportunity" }).click();
  await expect(page.getByRole("heading", { name: "Apprentice theory tutor" })).toBeVisible();
  await expect(page.getByTestId("value-estimate")).toContainText("No value estimate");
  const customUrl = page.url();
  await page.getByRole("button", { name: "Add to shortlist" }).click();
  await expect(page.getByRole("button", { name: "Shortlisted" })).toBeVisible();

  // A teammate saves the same opportunity while we edit it: we are told, keep our text, and choose.
  await page.goto(`${customUrl}/edit`);
  await page.getByLabel("Who pays").fill("Vocational schools and employers");
  const customRef = decodeURIComponent(customUrl.split("/item/")[1]!);
  await withDb((db) =>
    db.query(`UPDATE "CustomOpportunity" SET customers = 'Theirs: unions', "updatedAt" = now() WHERE id = $1`, [customRef]),
  );
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Someone else saved this opportunity after you opened it")).toBeVisible();
  await expect(page.getByLabel("Who pays")).toHaveValue("Vocational schools and employers");
  await page.getByRole("button", { name: "Save mine anyway" }).click();
  await expect(page.getByRole("heading", { name: "Apprentice theory tutor" })).toBeVisible();
  await expect(page.getByText("Vocational schools and employers")).toBeVisible();

  // Weights: value only makes priority equal value.
  await page.goto(`/w/${founder.slug}/opportunities/education`);
  await expect(rows.filter({ hasText: "Apprentice theory tutor" })).toHaveCount(1);
  await page.getByLabel("Weight of Feasibility").fill("0");
  await page.getByLabel("Weight of Fit").fill("0");
  await page.getByRole("button", { name: "Save for the workspace" }).click();
  await expect(page.getByText("Saved")).toBeVisible();
  await page.reload();
  const first = rows.first();
  await expect(first.getByTestId("cell-priority")).toHaveText((await first.getByTestId("cell-value").textContent())!);

  await page.goto(customUrl);
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page).toHaveURL(/\/opportunities\/education$/);
  await expect(rows.filter({ hasText: "Apprentice theory tutor" })).toHaveCount(0);

  // After the assessment, fit scores appear with their explanation, for the founder and the team.
  await completeAssessment(page.request, workspace.id);
  await page.goto(`/w/${founder.slug}/opportunities/item/healthcare.imaging-triage`);
  await expect(page.getByTestId("score-fit")).toContainText(/\d+/);
  await expect(page.getByTestId("fit-summary")).toHaveText(/\.$/);
  await page.getByRole("radio", { name: "My team" }).click();
  await expect(page).toHaveURL(/basis=team/);
  await expect(page.getByTestId("fit-summary")).toContainText(/team/);

  // A second workspace sees none of the first one's own opportunities, notes or stars.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const stranger = await apiSignUp(otherPage.request, { name: "Sam Stranger" });
  await apiSignIn(otherPage, stranger.email);
  await otherPage.goto(`/w/${stranger.slug}/opportunities/item/healthcare.imaging-triage`);
  await expect(otherPage.getByRole("button", { name: "Add to shortlist" })).toBeVisible();
  await expect(otherPage.getByTestId("notes")).toContainText("No notes yet.");
  await expect(otherPage.getByTestId("votes-up")).toHaveText("0");
  const customId = decodeURIComponent(customUrl.split("/item/")[1]!);
  await otherPage.goto(`/w/${stranger.slug}/opportunities/item/${encodeURIComponent(customId)}`);
  await expect(otherPage.getByText("This opportunity does not exist in this workspace.")).toBeVisible();
  await otherPage.goto(`/w/${stranger.slug}/opportunities/education`);
  await expect(otherPage.getByTestId("opportunity-row").filter({ hasText: "Apprentice theory tutor" })).toHaveCount(0);
  await otherPage.goto(`/w/${stranger.slug}/opportunities/shortlist`);
  await expect(otherPage.getByRole("heading", { name: "Nothing shortlisted yet" })).toBeVisible();
  await other.close();
});

test("the priority matrix reads at a glance on a phone: labelled bubbles, named quadrants, a fit legend, bubble and row paired", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const founder = await signedInFounder(page, { name: "Mia Matrix" });
  const { workspace } = await trpc<{ workspace: { id: string } }>(page.request, "workspace.bySlug", { slug: founder.slug }, "query");
  await completeAssessment(page.request, workspace.id);
  await page.goto(`/w/${founder.slug}/opportunities/healthcare`);

  const matrix = page.getByTestId("priority-matrix");
  const bubbles = matrix.getByTestId("matrix-bubble");
  await expect(bubbles).toHaveCount(healthcare.length);
  const quadrantBoxes = [];
  for (const name of ["Quick wins", "Big bets", "Fill-ins", "Money pits"]) {
    await expect(matrix.getByText(name)).toBeVisible();
    quadrantBoxes.push((await matrix.getByText(name).boundingBox())!);
  }

  // Labels: several shown, none overlapping another, none past the screen's edge.
  const labels = matrix.getByTestId("matrix-label");
  expect(await labels.count()).toBeGreaterThanOrEqual(3);
  const boxes = (await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) as DOMRect[];
  for (const [i, a] of boxes.entries()) {
    expect(a.left).toBeGreaterThanOrEqual(0);
    expect(a.right).toBeLessThanOrEqual(390);
    for (const b of boxes.slice(i + 1)) expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).toBe(false);
    for (const q of quadrantBoxes)
      expect(a.left < q.x + q.width && q.x < a.right && a.top < q.y + q.height && q.y < a.bottom, "label over a quadrant name").toBe(false);
  }

  // Fit colours span the fits shown (not 0–100): the legend names that range.
  const [lo, hi] = (await matrix.getByTestId("fit-legend").locator(".tabular-nums").allTextContents()).map(Number);
  expect(lo).toBeLessThan(hi!);
  expect(hi! - lo!).toBeLessThan(100);
  const fills = await bubbles.evaluateAll((els) => new Set(els.map((e) => e.getAttribute("fill"))).size);
  expect(fills).toBeGreaterThan(1);

  // Pointing at a row highlights its bubble, and the other way round.
  const row = page.getByTestId("opportunity-row").first();
  const ref = await row.getAttribute("data-id");
  await row.dispatchEvent("mouseover");
  await expect(matrix.locator("[data-highlighted]")).toHaveCount(1);
  await expect(matrix.locator(`[data-highlighted][data-id="${ref}"]`)).toHaveCount(1);
  await row.dispatchEvent("mouseout");
  const last = bubbles.last();
  const lastRef = await last.getAttribute("data-id");
  await last.dispatchEvent("mouseover");
  await expect(page.locator(`[data-testid="opportunity-row"][data-highlighted]`)).toHaveAttribute("data-id", lastRef!);
});
