import { expect, test } from "@playwright/test";
import JSZip from "jszip";
import sharp from "sharp";
import { withDb } from "./db";
import { apiSignIn, apiSignUp, signedInFounder } from "./fixtures";
import { createPrototype } from "./shapes";

// Data journey: create a prototype, upload a zip of generated images in three classes plus a
// few bad files (the report names each bad file and its reason), browse and move images.
async function png(colour: string, seed: number): Promise<Buffer> {
  return sharp({ create: { width: 32 + seed, height: 32, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

async function datasetZip(): Promise<Buffer> {
  const zip = new JSZip();
  const colours = { red: "#cc2222", green: "#22cc22", blue: "#2222cc" };
  for (const [name, colour] of Object.entries(colours)) {
    for (let i = 0; i < 3; i++) zip.file(`dataset/${name}/${name}-${i}.png`, await png(colour, i));
  }
  zip.file("dataset/red/notes.jpg", "these are notes, not a photo");
  zip.file("dataset/green/empty.png", "");
  zip.file("dataset/blue/more.zip", "PK");
  zip.file("dataset/red/red-copy.png", await png("#cc2222", 0));
  return zip.generateAsync({ type: "nodebuffer" });
}

test("create a prototype, upload a zip with bad files, read the report, browse and move images", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { slug } = await signedInFounder(page, { name: "Dana Data" });
  const prototypeId = await createPrototype(page, slug, {
    name: "Colour sorter",
    question: "Which colour is it?",
    classes: ["red", "green"],
  });
  await expect(page.getByRole("heading", { name: "Colour sorter" })).toBeVisible();

  await page.getByTestId("upload-input").setInputFiles({ name: "dataset.zip", mimeType: "application/zip", buffer: await datasetZip() });
  const report = page.getByTestId("upload-report");
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(report).toContainText("9 images added");
  await expect(report.locator("li", { hasText: "dataset/red/notes.jpg" })).toContainText("not an image file");
  await expect(report.locator("li", { hasText: "dataset/green/empty.png" })).toContainText("empty");
  await expect(report.locator("li", { hasText: "dataset/blue/more.zip" })).toContainText("Archives inside the archive are not opened");
  await expect(report.locator("li", { hasText: "dataset/red/red-copy.png" })).toContainText("duplicate");
  // The zip's third folder became a class.
  await expect(page.getByTestId("class-list")).toContainText("blue");

  await page.getByRole("link", { name: /Browse 9 images/ }).click();
  const grid = page.getByTestId("image-grid");
  await expect(grid.locator("img")).toHaveCount(3);
  await grid.getByLabel("red-0.png", { exact: false }).first().check({ force: true });
  await page.getByLabel("Move to class…").selectOption({ label: "green" });
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await expect(grid.locator("img")).toHaveCount(2);
  await page.getByRole("button", { name: /green \(4\)/ }).click();
  await expect(grid.locator("img")).toHaveCount(4);
  // Every thumbnail decodes: made from the stored image on first request, served from storage after.
  await expect
    .poll(() => grid.locator("img").evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth === 256).length), {
      timeout: 30_000,
    })
    .toBe(4);

  // Another workspace cannot see the prototype or its images.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  const stranger = await apiSignUp(other.request, { name: "Stranger" });
  await apiSignIn(other, stranger.email);
  const res = await other.request.get(`/api/prototypes/${prototypeId}/images/none?size=thumb`);
  expect(res.status()).toBe(404);
  await otherContext.close();
});

test("cancelling an upload keeps what reached the server, sends nothing more, and says which files were not uploaded", async ({ page }) => {
  test.setTimeout(120_000);
  const { slug } = await signedInFounder(page, { name: "Carl Cancel" });
  const prototypeId = await createPrototype(page, slug, { name: "Cancel test", classes: ["red", "green"] });
  await expect(page.getByRole("heading", { name: "Cancel test" })).toBeVisible();

  // 25 files go in two requests (20 + 5). The first is held until Cancel is clicked.
  let requests = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/prototypes/*/images", async (route) => {
    requests++;
    await held;
    await route.continue().catch(() => undefined); // the browser may have aborted it
  });
  const files = await Promise.all(
    Array.from({ length: 25 }, async (_, i) => ({ name: `red-${i}.png`, mimeType: "image/png", buffer: await png("#cc2222", i) })),
  );
  await page.getByTestId("upload-input").setInputFiles(files);
  await expect(page.getByTestId("upload-progress")).toBeVisible();
  await page.getByTestId("upload-cancel").click();
  release();

  await expect(page.getByText(/Upload cancelled/)).toBeVisible({ timeout: 30_000 });
  const report = page.getByTestId("upload-report");
  await expect(report.locator("li", { hasText: "red-24.png" })).toContainText("not uploaded");
  expect(requests).toBe(1);
  // What the report calls added is exactly what the server stored: none if the request was aborted in flight, 20 if it was already being checked.
  const added = await report.locator("li", { hasText: "added" }).count();
  expect([0, 20]).toContain(added);
  const stored = await withDb(async (db) =>
    Number((await db.query(`SELECT count(*) FROM "PrototypeImage" WHERE "prototypeId" = $1`, [prototypeId])).rows[0].count),
  );
  expect(stored).toBe(added);
});

test("the page states the upload limits and refuses an oversized image without sending it", async ({ page }) => {
  const { slug } = await signedInFounder(page, { name: "Lena Limits" });
  await createPrototype(page, slug, { name: "Limits test", classes: ["a", "b"] });
  await expect(page.getByText("up to 10 MB and 40 megapixels per image, 500 MB per .zip")).toBeVisible();

  let requests = 0;
  await page.route("**/api/prototypes/*/images", async (route) => {
    requests++;
    await route.continue();
  });
  await page.getByTestId("upload-input").setInputFiles([
    { name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(11 * 1024 * 1024) },
    { name: "fine.png", mimeType: "image/png", buffer: await png("#2266aa", 1) },
  ]);
  const report = page.getByTestId("upload-report");
  await expect(report.locator("li", { hasText: "huge.png" })).toContainText("larger than the 10 MB allowed per image (not sent)");
  await expect(report.locator("li", { hasText: "fine.png" })).toContainText("added");
  expect(requests).toBe(1);
});
