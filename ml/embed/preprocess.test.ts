import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeToRgb, normalizeRgb, preprocessBatch } from "./preprocess";

const spec = { height: 8, width: 8, background: "#ffffff", inputRange: [-1, 1] as [number, number] };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vl-preprocess-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A 40×20 image: left half red, right half blue. */
function redBlue(): sharp.Sharp {
  const width = 40;
  const height = 20;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) pixels.set(x < width / 2 ? [255, 0, 0] : [0, 0, 255], (y * width + x) * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

function pixel(rgb: Uint8Array, x: number, y: number): number[] {
  const i = (y * spec.width + x) * 3;
  return [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
}

describe("decodeToRgb", () => {
  it("applies the EXIF orientation, so a sideways phone photo is upright", async () => {
    // Orientation 6: viewers rotate the stored pixels 90° clockwise; the stored left half ends up on top.
    const file = path.join(dir, "rotated.jpg");
    await writeFile(file, await redBlue().jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer());
    const rgb = await decodeToRgb(file, spec);
    const [top, bottom] = [pixel(rgb, 4, 1), pixel(rgb, 4, 6)];
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
  });

  it("puts transparent pixels on white and always yields three channels", async () => {
    const transparent = await sharp({ create: { width: 10, height: 10, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    expect(pixel(await decodeToRgb(transparent, spec), 3, 3)).toEqual([255, 255, 255]);
    const grey = await sharp({ create: { width: 10, height: 10, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .greyscale()
      .png()
      .toBuffer();
    const rgb = await decodeToRgb(grey, spec);
    expect(rgb.length).toBe(8 * 8 * 3);
    expect(pixel(rgb, 2, 2)).toEqual([90, 90, 90]);
  });
});

describe("normalizeRgb", () => {
  it("maps 0..255 linearly onto the backbone's input range", () => {
    const out = normalizeRgb(new Uint8Array([0, 51, 255]), { inputRange: [-1, 1] });
    expect(Array.from(out)).toEqual([-1, expect.closeTo(-0.6, 6), 1]);
  });
});

describe("preprocessBatch", () => {
  it("keeps the good images of a batch and names what was wrong with the bad ones", async () => {
    const good = path.join(dir, "good.png");
    await redBlue().png().toFile(good);
    const truncated = path.join(dir, "truncated.jpg");
    await writeFile(truncated, (await redBlue().jpeg().toBuffer()).subarray(0, 60));
    const { data, okIndices, errors } = await preprocessBatch([good, truncated, path.join(dir, "missing.png"), good], spec);
    expect(okIndices).toEqual([0, 3]);
    expect(data.length).toBe(2 * 8 * 8 * 3);
    expect(errors[0]).toBeNull();
    expect(errors[1]).toMatch(/^could not decode image/);
    expect(errors[2]).toMatch(/^could not decode image/);
    // Same file, same floats: one code path.
    expect(data.subarray(0, 192)).toEqual(data.subarray(192));
  });
});
