import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { signedInFounder } from "./fixtures";
import { withDb } from "./db";

test("an idea report explains its verdict and reacts to the evidence", async ({ page }) => {
  const { slug } = await signedInFounder(page, { name: "Ida Ideas" });
  await page.goto(`/w/${slug}/ideas`);
  await expect(page.getByRole("heading", { name: "No ideas yet" })).toBeVisible();
  await page.getByRole("button", { name: "New idea" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Title").fill("Radiology triage assistant");
  await dialog.getByLabel("What is the idea?").fill("Flag urgent scans first");
  const opportunity = dialog.getByLabel("Opportunity");
  const firstHealthcare = await opportunity.locator("optgroup[label=healthcare] option").first().getAttribute("value");
  await opportunity.selectOption(firstHealthcare!);
  await dialog.getByRole("button", { name: "Create idea" }).click();

  await expect(page.getByTestId("verdict")).toContainText("Validate further");
  await expect(page.getByTestId("pillar-opportunity")).toContainText(/value \d+\/100, feasibility \d+\/100/);
  await expect(page.getByTestId("pillar-team")).toContainText("No assessment results yet");
  await expect(page.getByTestId("pillar-proof")).toContainText("No trained prototype linked yet");
  await expect(page.getByTestId("next-steps")).toContainText("takes the assessment");

  // A trained prototype that cannot beat chance on plenty of held-out images parks the idea.
  const workspaceId = await withDb(async (db) => {
    const ws = (await db.query(`SELECT id FROM "Workspace" WHERE slug = $1`, [slug])).rows[0].id as string;
    const protoId = `proto_${randomUUID().slice(0, 8)}`;
    await db.query(`INSERT INTO "Prototype" (id, "workspaceId", name, "updatedAt") VALUES ($1, $2, 'Coin flipper', now())`, [protoId, ws]);
    await db.query(
      `INSERT INTO "TrainingRun" (id, "workspaceId", "prototypeId", version, status, settings, metrics, "dataSizes")
       VALUES ($1, $2, $3, 1, 'SUCCEEDED', '{}', $4, $5)`,
      [
        `run_${randomUUID().slice(0, 8)}`,
        ws,
        protoId,
        JSON.stringify({ accuracy: 0.34, macroF1: 0.3, classes: ["a", "b", "c"] }),
        JSON.stringify({ train: 300, validation: 90 }),
      ],
    );
    return ws;
  });
  expect(workspaceId).toBeTruthy();
  await page.getByRole("button", { name: "Edit idea" }).click();
  await page.getByRole("dialog").getByLabel("Prototype").selectOption({ label: "Coin flipper" });
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("verdict")).toContainText("Park");
  await expect(page.getByTestId("pillar-proof")).toContainText("barely beats guessing: 34% accuracy against 33% by chance");

  // The list compares ideas by the same evaluation.
  await page.goto(`/w/${slug}/ideas`);
  const card = page.getByTestId("idea-list").locator("li", { hasText: "Radiology triage assistant" });
  await expect(card).toContainText("Park");
  await expect(card.getByTestId("idea-scorecard")).toContainText("Readiness");
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
