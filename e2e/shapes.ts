import { expect, type Page } from "@playwright/test";
import JSZip from "jszip";
import sharp from "sharp";

/** The three classes of the generated training set, in label order. */
export const SHAPES = ["circle", "square", "triangle"] as const;

/**
 * A 64×64 PNG of one white shape (label: index into SHAPES) on a coloured background.
 * Position, size and colour vary with `i`, so every image is distinct yet the classes stay learnable.
 */
export async function shapePng(label: number, i: number): Promise<Buffer> {
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

/** A zip with one folder per shape (`shapes/<class>/<class>-<i>.png`), plus any extra files (path → content). */
export async function shapesZip(perClass: number, extraFiles: Record<string, string | Buffer> = {}): Promise<Buffer> {
  const zip = new JSZip();
  for (const [label, name] of SHAPES.entries()) {
    for (let i = 0; i < perClass; i++) zip.file(`shapes/${name}/${name}-${i}.png`, await shapePng(label, i));
  }
  for (const [path, content] of Object.entries(extraFiles)) zip.file(path, content);
  return zip.generateAsync({ type: "nodebuffer" });
}

/** Creates a prototype through the "New prototype" dialog, waits for its page, and returns its id. */
export async function createPrototype(
  page: Page,
  slug: string,
  opts: { name: string; question?: string; classes: readonly string[] },
): Promise<string> {
  await page.goto(`/w/${slug}/prototypes`);
  await page.getByRole("button", { name: "New prototype" }).click();
  await page.getByLabel("Name").fill(opts.name);
  if (opts.question) await page.getByLabel("Question it answers").fill(opts.question);
  await page.getByLabel("Classes").fill(opts.classes.join("\n"));
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/prototypes\/[^/?#]+/);
  return page.url().match(/\/prototypes\/([^/?#]+)/)![1]!;
}

/** Creates a shape-sorting prototype and uploads `perClass` generated images of each shape. */
export async function shapePrototypeWithImages(page: Page, slug: string, name: string, perClass: number): Promise<string> {
  const prototypeId = await createPrototype(page, slug, { name, question: "Which shape is it?", classes: SHAPES });
  await page
    .getByTestId("upload-input")
    .setInputFiles({ name: "shapes.zip", mimeType: "application/zip", buffer: await shapesZip(perClass) });
  await expect(page.getByTestId("upload-report")).toContainText(`${perClass * SHAPES.length} images added`, { timeout: 60_000 });
  return prototypeId;
}

/** On a prototype's Train tab: sets the two settings every journey changes and starts a run. */
export async function startTraining(page: Page, settings: { epochs: number; batchSize: number }) {
  await page.getByLabel("Epochs (at most)").fill(String(settings.epochs));
  await page.getByLabel("Batch size").fill(String(settings.batchSize));
  await page.getByRole("button", { name: "Start training" }).click();
}
