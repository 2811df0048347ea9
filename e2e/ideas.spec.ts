import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { signedInFounder } from "./fixtures";
import { withDb } from "./db";
import { SHAPES, shapePrototypeWithImages, startTraining } from "./shapes";

test("validate an idea: assumptions, a prototype experiment read from the run, a failed interview, the timeline, print and export", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const { slug } = await signedInFounder(page, { name: "Ida Ideas" });

  // A prototype with 20 images per class (4 per class held out when trained).
  const prototypeId = await shapePrototypeWithImages(page, slug, "Shape sorter", 20);

  // A bare idea: nothing linked is its own state, not "promising".
  await page.goto(`/w/${slug}/ideas`);
  await page.getByRole("button", { name: "New idea" }).first().click();
  await page.getByRole("dialog").getByLabel("Title").fill("Shape sorting for toy makers");
  await page.getByRole("dialog").getByRole("button", { name: "Create idea" }).click();
  await expect(page.getByTestId("verdict")).toContainText("No evidence yet");
  const ideaId = page.url().split("/").pop()!;

  // Accept two proposed starting assumptions with one click each.
  const proposals = page.getByTestId("proposals");
  await proposals.getByTestId("proposal").filter({ hasText: "feel the problem" }).getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("assumption-list")).toContainText("feel the problem");
  await proposals.getByTestId("proposal").filter({ hasText: "accuracy this use needs" }).getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("assumption")).toHaveCount(2);
  await expect(page.getByTestId("verdict")).toContainText("Validate further");
  await expect(page.getByTestId("risk-grid")).toContainText("accuracy this use needs");

  // An earlier run of the prototype did badly (5 of 60 held-out images right).
  await withDb(async (db) => {
    const ws = (await db.query(`SELECT id FROM "Workspace" WHERE slug = $1`, [slug])).rows[0].id as string;
    await db.query(
      `INSERT INTO "TrainingRun" (id, "workspaceId", "prototypeId", version, status, settings, metrics, "dataSizes", "finishedAt")
       VALUES ($1, $2, $3, 1, 'SUCCEEDED', '{}', $4, $5, now())`,
      [
        `run_${randomUUID().slice(0, 8)}`,
        ws,
        prototypeId,
        JSON.stringify({
          accuracy: 5 / 60,
          macroF1: 0.05,
          classes: [...SHAPES],
          confusion: [
            [5, 15, 0],
            [20, 0, 0],
            [20, 0, 0],
          ],
        }),
        JSON.stringify({ validation: 60 }),
      ],
    );
  });

  // Plan a prototype experiment with a threshold: at least 40 % accuracy on at least 10 held-out images.
  await page.getByRole("button", { name: "Plan an experiment" }).click();
  const plan = page.getByTestId("experiment-plan");
  await plan.getByLabel("Assumption it tests").selectOption({ label: "The model can reach the accuracy this use needs on real images." });
  await plan.getByLabel("Kind").selectOption("prototype");
  await plan.getByLabel("Prototype").selectOption({ label: "Shape sorter" });
  await plan.getByLabel("Metric").selectOption("accuracy");
  await plan.getByLabel("Target (%)").fill("40");
  await plan.getByLabel("At least this many held-out images").fill("10");
  await plan.getByLabel("We are right if…").fill("The model sorts shapes clearly better than chance.");
  await plan.getByRole("button", { name: "Save plan" }).click();
  const experiment = page.getByTestId("experiment").filter({ hasText: "Shape sorter" });
  await expect(experiment.getByTestId("experiment-outcome")).toHaveText("Failed");
  await expect(experiment.getByTestId("experiment-measured")).toContainText("8.3% (5/60; 95 % interval");
  await expect(page.getByTestId("verdict")).toContainText("Park");

  // Train the prototype for real: the new run passes and the verdict and timeline follow.
  await page.goto(`/w/${slug}/prototypes/${prototypeId}/train`);
  await startTraining(page, { epochs: 5, batchSize: 8 });
  await expect(page.getByTestId("latest-run")).toContainText(/v2[\s\S]*Succeeded/, { timeout: 180_000 });
  await page.goto(`/w/${slug}/ideas/${ideaId}`);
  await expect(experiment.getByTestId("experiment-outcome")).toHaveText("Passed");
  await expect(experiment.getByTestId("experiment-measured")).toContainText("on run v2, 12 held-out images");
  await expect(page.getByTestId("assumption").filter({ hasText: "accuracy this use needs" })).toHaveAttribute("data-status", "validated");
  await expect(page.getByTestId("verdict")).toContainText("Validate further");
  await expect(page.getByTestId("source-proof")).toContainText("Open Shape sorter (run v2)");
  const timeline = page.getByTestId("timeline");
  await expect(timeline.getByTestId("timeline-entry").last()).toContainText("new prototype run");
  await expect(timeline.getByTestId("timeline-entry").nth(-2)).toHaveAttribute("data-verdict", "park");

  // Unit economics with the model's latency measured on this server.
  await page.getByRole("button", { name: "Edit economics" }).click();
  const econ = page.getByTestId("economics-form");
  await econ.getByLabel("Price per unit", { exact: true }).fill("0.05");
  await econ.getByLabel("Expected units per month", { exact: true }).fill("100000");
  await econ.getByLabel("Model predictions per unit", { exact: true }).fill("1");
  await econ.getByLabel("Serving machine price per hour", { exact: true }).fill("0.2");
  await econ.getByLabel("Build effort (cost)", { exact: true }).fill("20000");
  await econ.getByRole("button", { name: "Save economics" }).click();
  await expect(page.getByTestId("economics-results")).toContainText("Gross margin");
  await expect(page.getByTestId("economics")).toContainText("No latency known");
  await page.getByRole("button", { name: "Measure on this server" }).click();
  await expect(page.getByTestId("economics")).toContainText(
    /Latency measured on this server: [\d.]+ ms per prediction \(Shape sorter v2, 16 images/,
    {
      timeout: 60_000,
    },
  );
  await expect(page.getByTestId("economics-needs")).toContainText("Latency stays under");

  // The page fits a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });

  // A failed manual experiment on a critical assumption parks the idea.
  await page.getByRole("button", { name: "Plan an experiment" }).click();
  await plan
    .getByLabel("Assumption it tests")
    .selectOption({ label: "Our customers feel the problem this idea solves and will pay to solve it." });
  await plan.getByLabel("Kind").selectOption("interviews");
  await plan.getByLabel("What you will count").fill("toy makers who would pay");
  await plan.getByLabel("Pass at (at least)").fill("8");
  await plan.getByRole("button", { name: "Save plan" }).click();
  const interviews = page.getByTestId("experiment").filter({ hasText: "toy makers who would pay" });
  await interviews.getByRole("button", { name: "Record result" }).click();
  await interviews.getByLabel(/Observed number/).fill("2");
  await interviews.getByLabel("We observed…").fill("2 of 12 would pay");
  await interviews.getByLabel("From that we learned…").fill("Toy makers sort by hand cheaply");
  await interviews.getByRole("button", { name: "Record result" }).click();
  await expect(interviews.getByTestId("experiment-outcome")).toHaveText("Failed");
  await expect(page.getByTestId("verdict")).toContainText("Park");
  await expect(page.getByTestId("validation-reasons")).toContainText("Critical assumption failed its test");
  await expect(timeline.getByTestId("timeline-entry").last()).toContainText("experiment result");
  const steps = await page.getByTestId("next-steps").locator("li").allTextContents();
  expect(new Set(steps).size, "each next step is listed once").toBe(steps.length);

  // Print: the forms and buttons stay off paper, the verdict and the evidence stay on it.
  await page.evaluate(() => {
    (window as unknown as { printed: boolean }).printed = false;
    window.print = () => ((window as unknown as { printed: boolean }).printed = true);
  });
  await page.getByRole("button", { name: "Print report" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: boolean }).printed)).toBe(true);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Plan an experiment" })).toBeHidden();
  await expect(page.getByTestId("verdict")).toBeVisible();
  await expect(page.getByTestId("experiment-list")).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // Export JSON: the verdict, the experiments and the history travel together.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export JSON" }).click();
  const file = await (await downloading).path();
  const exported = JSON.parse(await readFile(file, "utf8")) as {
    report: { verdict: string; experiments: { result: { outcome: string } }[]; history: { verdict: string; cause: string }[] };
  };
  expect(exported.report.verdict).toBe("park");
  expect(exported.report.experiments.map((e) => e.result.outcome)).toEqual(["passed", "failed"]);
  expect(exported.report.history.at(-1)).toMatchObject({ verdict: "park", cause: "experiment" });

  // The board files the idea under its verdict.
  await page.goto(`/w/${slug}/ideas`);
  await page.getByRole("button", { name: "Board" }).click();
  await expect(page.getByTestId("board-park")).toContainText("Shape sorting for toy makers");
  await expect(page.getByTestId("board-park")).toContainText("Evidence in");
});

test("two people editing the same idea: the later save is told, keeps its text, and chooses", async ({ page }) => {
  const { slug } = await signedInFounder(page, { name: "Cora Conflict" });
  await page.goto(`/w/${slug}/ideas`);
  await page.getByRole("button", { name: "New idea" }).first().click();
  await page.getByRole("dialog").getByLabel("Title").fill("Shelf scanner");
  await page.getByRole("dialog").getByRole("button", { name: "Create idea" }).click();
  await expect(page.getByTestId("verdict")).toBeVisible();
  const ideaId = page.url().split("/").pop()!;

  // Open the editor, then a teammate saves the same idea before we do.
  await page.getByRole("button", { name: "Edit idea" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("What is the idea?").fill("Mine: count facings on store shelves");
  await withDb((db) => db.query(`UPDATE "Idea" SET summary = 'Theirs: planogram checks', "updatedAt" = now() WHERE id = $1`, [ideaId]));
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Someone else saved this idea after you opened it")).toBeVisible();
  await expect(dialog.getByLabel("What is the idea?")).toHaveValue("Mine: count facings on store shelves");

  await dialog.getByRole("button", { name: "Save mine anyway" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText("Mine: count facings on store shelves")).toBeVisible();
});
