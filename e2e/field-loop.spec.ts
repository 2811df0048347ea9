import { expect, test } from "@playwright/test";
import { signedInFounder } from "./fixtures";
import { SHAPES, shapePng, shapePrototypeWithImages, startTraining } from "./shapes";

// The field loop in the browser: keep predictions from Try it and the REST API, review them in the inbox
// (two corrections and one confirmation), retrain, and read field accuracy and the run's field figures.
// The e2e server marks every kept prediction as a random sample (KEEP_PREDICTIONS_SAMPLE_SHARE=1).
test("keep predictions, review them in the inbox, retrain and read accuracy in the field", async ({ page }) => {
  test.setTimeout(600_000);
  const { slug } = await signedInFounder(page, { name: "Fiona Field" });
  const prototypeId = await shapePrototypeWithImages(page, slug, "Field shapes", 8);

  const train = async (version: number) => {
    await page.goto(`/w/${slug}/prototypes/${prototypeId}/train`);
    // Start only once the page has its run list (it comes in the same request as the engine notice,
    // which sits inside the closed "Technical details" disclosure).
    await expect(page.getByTestId("inference-engine")).toBeAttached();
    if (version > 1) await expect(page.getByTestId("latest-run")).toContainText(`Latest run v${version - 1}`);
    await startTraining(page, { epochs: 3, batchSize: 8 });
    const latest = page.getByTestId("latest-run");
    await expect(latest).toContainText(`Latest run v${version}`, { timeout: 240_000 });
    await expect(latest).toContainText("Succeeded", { timeout: 240_000 });
  };
  await train(1);

  // Keeping is off by default; the panel says what turning it on keeps.
  await page.goto(`/w/${slug}/prototypes/${prototypeId}`);
  const panel = page.getByTestId("keep-panel");
  await expect(panel).toContainText("Off: predictions leave no trace");
  const keep = panel.getByLabel("Keep every prediction of this prototype");
  await keep.click();
  await expect(keep).toBeChecked();
  await expect(panel).toContainText("from Try it and from the REST API (single images and batches)");
  await expect(panel).toContainText("Kept for 30 days");

  // One picture through Try it.
  await page.getByRole("link", { name: "Try it" }).click();
  await page.getByTestId("predict-input").setInputFiles({ name: "field-1.png", mimeType: "image/png", buffer: await shapePng(0, 41) });
  await expect(page.getByTestId("predictions")).toContainText("Answered by run v1");

  // An API key from Settings, whose curl example names this prototype; then a batch of two and one single image.
  await page.goto(`/w/${slug}/settings`);
  await page.getByLabel("Key name").fill("field test");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  await expect(page.getByTestId("curl-command")).toContainText(`/api/v1/prototypes/${prototypeId}/predict`);
  await expect(page.getByTestId("curl-command")).toContainText(`Bearer ${key}`);
  const openapi = await page.request.get("/api/v1/openapi.json");
  expect(((await openapi.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty(["/api/v1/prototypes/{id}/predict"]);

  const form = new FormData();
  form.append("image", new Blob([new Uint8Array(await shapePng(1, 42))], { type: "image/png" }), "field-2.png");
  form.append("image", new Blob([new Uint8Array(await shapePng(2, 43))], { type: "image/png" }), "field-3.png");
  const batch = await page.request.post(`/api/v1/prototypes/${prototypeId}/predict`, {
    headers: { authorization: `Bearer ${key}` },
    multipart: form,
  });
  expect(batch.status(), await batch.text()).toBe(200);
  expect(((await batch.json()) as { results: unknown[] }).results).toHaveLength(2);
  const single = await page.request.post(`/api/v1/prototypes/${prototypeId}/predict`, {
    headers: { authorization: `Bearer ${key}`, "content-type": "image/png" },
    data: await shapePng(0, 44),
  });
  expect(single.status(), await single.text()).toBe(200);

  // The inbox has all four; correct two (one by keystroke, one by button), confirm one by keystroke.
  await page.goto(`/w/${slug}/prototypes/${prototypeId}/review`);
  const items = page.getByTestId("inbox-item");
  await expect(items).toHaveCount(4);
  await expect(items.first()).toContainText("Random sample");
  const said = (await items.first().getAttribute("aria-label"))!;
  const predicted = SHAPES.findIndex((c) => said.includes(`said ${c} `));
  expect(predicted).toBeGreaterThanOrEqual(0);
  await items.first().focus();
  await page.keyboard.press(String(((predicted + 1) % 3) + 1));
  await expect(items).toHaveCount(3);
  await items
    .first()
    .getByRole("button", { name: /^\d · / })
    .first()
    .click();
  await expect(items).toHaveCount(2);
  await items.first().focus();
  await page.keyboard.press("Enter");
  await expect(items).toHaveCount(1);

  // Field accuracy from the three reviewed samples: one of three right.
  await expect(page.getByTestId("field-overall")).toContainText("33.3 % correct in the field");
  await expect(page.getByTestId("field-overall")).toContainText("3 reviewed samples");
  await page.getByRole("button", { name: "Reviewed" }).click();
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId("inbox-list")).toContainText("Corrected to");
  await expect(page.getByTestId("inbox-list")).toContainText("Confirmed");

  // Retrain: the three field images are in the data, held out first, and compared with run v1's answers.
  await train(2);
  await page.getByTestId("latest-run").getByRole("link").first().click();
  const field = page.getByTestId("run-field");
  // Up to the test share per class (2 of 9–11 here) is held out, field images first.
  await expect(field).toContainText(/3 field images in this run's data, [23] of them held out for testing/);
  await expect(field).toContainText("This run on the held-out field images");
  await expect(page.getByTestId("run-field-previous")).toContainText(/\(v1\): [01] of [23] right/);

  // The inbox at 390 px and in Chinese: nothing wider than the screen, the words translated.
  await page.goto(`/w/${slug}/prototypes/${prototypeId}/review`);
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
  await expect(page.getByRole("heading", { name: "复核收件箱" })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByRole("heading", { name: "复核收件箱" })).toBeVisible();
  await expect(page.getByTestId("inbox-item")).toHaveCount(1);
  await expect(page.getByTestId("inbox-item").getByRole("button", { name: "确认" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
