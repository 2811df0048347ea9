import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import JSZip from "jszip";
import { withDb } from "./db";
import { signedInFounder } from "./fixtures";

// Training journey: the prototype and its images are seeded straight into the app's
// database and uploads folder (the upload UI has its own journey in
// prototypes-data.spec.ts); from there on everything goes through the browser.
const CLASSES = ["circle", "square", "triangle"] as const;

async function shapePng(label: number, i: number): Promise<Buffer> {
  const size = 64;
  const hue = { r: (i * 53) % 200, g: (i * 97) % 200, b: (i * 31) % 200 };
  const s = 16 + (i % 4) * 6;
  const x = 6 + ((i * 7) % 20);
  const y = 6 + ((i * 5) % 20);
  const shape =
    label === 0
      ? `<circle cx="${x + s / 2}" cy="${y + s / 2}" r="${s / 2}" fill="white"/>`
      : label === 1
        ? `<rect x="${x}" y="${y}" width="${s}" height="${s}" fill="white"/>`
        : `<polygon points="${x + s / 2},${y} ${x + s},${y + s} ${x},${y + s}" fill="white"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="rgb(${hue.r},${hue.g},${hue.b})"/>${shape}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function seedPrototype(slug: string, perClass: number) {
  const port = process.env.E2E_PORT ?? "3199";
  const uploads = path.join(tmpdir(), `vl-e2e-${port}`, "uploads");
  return withDb(async (db) => {
    const workspaceId = (await db.query(`SELECT id FROM "Workspace" WHERE slug = $1`, [slug])).rows[0].id as string;
    const prototypeId = `proto_${randomUUID().slice(0, 8)}`;
    await db.query(`INSERT INTO "Prototype" (id, "workspaceId", name, question, "updatedAt") VALUES ($1, $2, 'Shape sorter', 'Which shape is it?', now())`, [prototypeId, workspaceId]);
    await mkdir(path.join(uploads, workspaceId, prototypeId), { recursive: true });
    for (const [label, name] of CLASSES.entries()) {
      const classId = `cls_${randomUUID().slice(0, 8)}`;
      await db.query(`INSERT INTO "PrototypeClass" (id, "workspaceId", "prototypeId", name, position) VALUES ($1, $2, $3, $4, $5)`, [classId, workspaceId, prototypeId, name, label]);
      for (let i = 0; i < perClass; i++) {
        const png = await shapePng(label, i);
        const hash = randomUUID().replace(/-/g, "");
        const storagePath = `${workspaceId}/${prototypeId}/${hash}.png`;
        const { writeFile } = await import("node:fs/promises");
        await writeFile(path.join(uploads, storagePath), png);
        await db.query(
          `INSERT INTO "PrototypeImage" (id, "workspaceId", "prototypeId", "classId", "contentHash", "storagePath", "originalName", format, width, height, bytes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'png', 64, 64, $8)`,
          [`img_${randomUUID().slice(0, 8)}`, workspaceId, prototypeId, classId, hash, storagePath, `${name}-${i}.png`, png.byteLength],
        );
      }
    }
    return { workspaceId, prototypeId };
  });
}

test("train a classifier, watch it, read its results, try it and download it; another workspace sees none of it", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { slug } = await signedInFounder(page, { name: "Tara Trainer" });
  const { prototypeId } = await seedPrototype(slug, 8);

  await page.goto(`/w/${slug}/prototypes/${prototypeId}/train`);
  // No pretrained backbone on test machines: the page says so and what it costs.
  await expect(page.getByTestId("ml-status")).toContainText(/No pretrained backbone is installed|Training uses/);
  await page.getByLabel("Epochs (at most)").fill("3");
  await page.getByLabel("Batch size").fill("8");
  await page.getByRole("button", { name: "Start training" }).click();

  // Progress is shown live, then the run finishes on the server.
  await expect(page.getByTestId("live-run")).toBeVisible();
  await expect(page.getByTestId("run-phase")).toHaveText(/Waiting for the worker|Preparing|Extracting features|Training|Evaluating/);
  await expect(page.getByTestId("latest-run")).toContainText("Succeeded", { timeout: 180_000 });

  await page.getByRole("link", { name: "View results" }).click();
  await expect(page.getByTestId("metric-accuracy")).toHaveText(/\d+\.\d %/);
  await expect(page.getByRole("table", { name: "Confusion matrix" })).toBeVisible();
  const cell = page.locator('[data-testid^="confusion-cell-"]:not([disabled])').first();
  await cell.click();
  await expect(page.getByTestId("confusion-cell-images")).toContainText(/(circle|square|triangle)-\d+\.png/);

  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("download-model").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^Shape-sorter-v1\.zip$/);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  expect(JSON.parse(await zip.file("labels.json")!.async("string"))).toEqual([...CLASSES]);
  expect(zip.file("README.md")).not.toBeNull();

  await page.getByRole("link", { name: "Try it" }).click();
  await page.getByTestId("predict-input").setInputFiles({ name: "new-circle.png", mimeType: "image/png", buffer: await shapePng(0, 41) });
  const predictions = page.getByTestId("predictions");
  await expect(predictions).toContainText("new-circle.png");
  for (const name of CLASSES) await expect(predictions).toContainText(name);
  await expect(predictions).toContainText("Answered by run v1");

  // Another founder, another workspace: the run, its results and its download are not there.
  const runUrl = page.url().replace(/\/predict$/, "/runs");
  const runId = await withDb(async (db) => (await db.query(`SELECT id FROM "TrainingRun" WHERE "prototypeId" = $1`, [prototypeId])).rows[0].id as string);
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
