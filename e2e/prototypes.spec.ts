import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { withDb } from "./db";
import { signedInFounder } from "./fixtures";
import { SHAPES, createPrototype, shapePng, shapesZip, startTraining } from "./shapes";

// The whole prototype journey in the browser: create a prototype, upload a zip of generated
// images in three classes plus bad files, train, watch, read the results, try it, download it.
test("train a classifier, watch it, read its results, try it and download it; another workspace sees none of it", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const { slug } = await signedInFounder(page, { name: "Tara Trainer" });
  const prototypeId = await createPrototype(page, slug, { name: "Shape sorter", question: "Which shape is it?", classes: SHAPES });
  await expect(page.getByRole("heading", { name: "Shape sorter" })).toBeVisible();

  // Files a user might include by mistake are reported, not imported.
  const upload = await shapesZip(8, {
    "shapes/circle/notes.jpg": "these are my notes, not a picture",
    "shapes/square/empty.png": Buffer.alloc(0),
  });
  await page.getByTestId("upload-input").setInputFiles({ name: "shapes.zip", mimeType: "application/zip", buffer: upload });
  const report = page.getByTestId("upload-report");
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(report).toContainText("24 images added");
  await expect(report.locator("li", { hasText: "shapes/circle/notes.jpg" })).toContainText("not an image file");
  await expect(report.locator("li", { hasText: "shapes/square/empty.png" })).toContainText("empty");

  await page.goto(`/w/${slug}/prototypes/${prototypeId}/train`);
  // One header for every tab: the prototype's name stays the heading on the Train tab too.
  await expect(page.getByRole("heading", { level: 1, name: "Shape sorter" })).toBeVisible();
  // No download on test machines: the server installed the MobileNet that ships with npm. The page names the
  // model in a founder's words; the package, the install command and the engines sit under "Technical details".
  await expect(page.getByTestId("ml-status")).toContainText("Training builds on MobileNet v2, pretrained on ImageNet photos");
  await expect(
    page
      .getByTestId("ml-technical")
      .getByText(/nsfwjs/)
      .first(),
  ).toBeHidden();
  await page.getByTestId("ml-technical").getByText("Technical details").click();
  await expect(page.getByTestId("ml-technical")).toContainText("installed from the npm package nsfwjs 4.4.0 (MIT licence)");
  await expect(page.getByTestId("ml-technical")).toContainText("npm run ml:fetch-backbone");
  await expect(page.getByTestId("inference-engine")).toContainText("Image features and predictions run on ONNX Runtime (CPU)");
  await startTraining(page, { epochs: 3, batchSize: 8 });

  // Progress takes the settings' place (where the button was), in view, then the run finishes on the server.
  await expect(page.getByTestId("live-run")).toBeInViewport();
  await expect(page.getByText("Training version 1")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start training" })).toHaveCount(0);
  await expect(page.getByTestId("run-phase")).toHaveText(
    /Waiting for the worker|Preparing|Extracting features|Comparing models|Training|Evaluating/,
  );
  await expect(page.getByTestId("latest-run")).toContainText("Succeeded", { timeout: 180_000 });

  await page.getByRole("link", { name: "View results" }).click();
  await expect(page.getByTestId("metric-accuracy")).toHaveText(/\d+\.\d %/);
  await expect(page.getByTestId("run-results")).toContainText("MobileNet v2, pretrained on ImageNet photos");
  const technical = page.getByTestId("run-technical");
  await technical.getByText("Technical details").click();
  await expect(technical).toContainText(
    "MobileNet v2 (width 1, 224 px) up to block 10 (ImageNet weights), pooled whole and in a 2 × 2 grid, shipped with the npm package nsfwjs 4.4.0",
  );
  await expect(technical).toContainText("Epochs (at most): 3");
  // What computed the image features, recorded when the run trained (ONNX Runtime here, TF.js where it cannot load).
  await expect(technical).toContainText(/Image features computed by:\s*(ONNX Runtime \(CPU\)|TF\.js \(wasm\))/);
  await expect(page.getByTestId("run-results")).not.toContainText("epochs=3");
  // Optimise is the default: the candidates, the winner and why it won.
  const models = page.getByTestId("models-tried");
  await expect(models).toContainText("Models tried");
  await expect(models.getByTestId("candidate-logistic")).toContainText("Linear model on image features");
  await expect(models.getByTestId("candidate-pixels")).toContainText("Linear model on raw pixels");
  await expect(models.getByTestId("candidate-mlp")).toContainText("Small neural network on image features");
  await expect(models.getByTestId("candidate-chosen")).toHaveCount(1);
  await expect(models.getByTestId("selection-reason")).toContainText(/training images/);
  // On a phone (390 px wide) the table fits the card: nothing to scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const tableBox = models.locator("table").locator("xpath=..");
  expect(await tableBox.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByRole("table", { name: "Confusion matrix" })).toBeVisible();
  const cell = page.locator('[data-testid^="confusion-cell-"]:not([disabled])').first();
  await cell.click();
  await expect(page.getByTestId("confusion-cell-images")).toContainText(/(circle|square|triangle)-\d+\.png/);

  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("download-model").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^Shape-sorter-v1\.zip$/);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  expect(JSON.parse(await zip.file("labels.json")!.async("string"))).toEqual([...SHAPES]);
  expect(zip.file("README.md")).not.toBeNull();

  await page.getByRole("link", { name: "Try it" }).click();
  await page.getByTestId("predict-input").setInputFiles({ name: "new-circle.png", mimeType: "image/png", buffer: await shapePng(0, 41) });
  const predictions = page.getByTestId("predictions");
  await expect(predictions).toContainText("new-circle.png");
  for (const name of SHAPES) await expect(predictions).toContainText(name);
  await expect(predictions).toContainText(
    /Answered by run v1 \((Linear model on image features|Linear model on raw pixels \(16 × 16 thumbnail\)|Small neural network on image features)\) · ONNX Runtime \(CPU\)/,
  );

  // Another founder, another workspace: the run, its results and its download are not there.
  const runUrl = page.url().replace(/\/predict$/, "/runs");
  const runId = await withDb(
    async (db) => (await db.query(`SELECT id FROM "TrainingRun" WHERE "prototypeId" = $1`, [prototypeId])).rows[0].id as string,
  );
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  const { slug: otherSlug } = await signedInFounder(other, { name: "Olga Outsider" });
  const exportResponse = await other.request.get(`/api/prototypes/${prototypeId}/runs/${runId}/export`);
  expect(exportResponse.status()).toBe(404);
  await other.goto(`/w/${otherSlug}/prototypes/${prototypeId}/runs/${runId}`);
  await expect(other.getByText("Not found, or you do not have access to it.")).toBeVisible();
  await expect(other.getByTestId("run-results")).toHaveCount(0);
  expect(runUrl).toContain(slug);
  await otherContext.close();
});
