import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkImage, DEFAULT_IMAGE_LIMITS, type ImageCheckResult } from "./images";
import { halfRedHalfBlueWithOrientation, noisyPng, pngDeclaring, solidJpeg } from "./test-images";

function rejection(result: ImageCheckResult) {
  if (result.ok) throw new Error("expected a rejection, got an accepted image");
  return result;
}

function accepted(result: ImageCheckResult) {
  if (!result.ok) throw new Error(`expected acceptance, got ${result.reason}: ${result.message}`);
  return result;
}

describe("checkImage", () => {
  it("accepts a real JPEG and reports its format, size and hash", async () => {
    const jpeg = await solidJpeg(64, 48);
    const result = accepted(await checkImage(jpeg));
    expect(result).toMatchObject({ format: "jpeg", width: 64, height: 48, bytes: jpeg.length, pages: 1 });
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.stored).toMatchObject({ format: "jpeg", extension: "jpg", width: 64, height: 48 });
    expect((await sharp(result.stored.data).metadata()).format).toBe("jpeg");
  });

  it("accepts every advertised format and refuses other formats sharp can read", async () => {
    const base = () => sharp({ create: { width: 16, height: 16, channels: 3, background: "#208040" } });
    const files = {
      png: await base().png().toBuffer(),
      webp: await base().webp().toBuffer(),
      gif: await base().gif().toBuffer(),
      avif: await base().avif().toBuffer(),
      tiff: await base().tiff().toBuffer(),
    };
    for (const [format, bytes] of Object.entries(files)) {
      expect(accepted(await checkImage(bytes)).format).toBe(format);
    }
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(rejection(await checkImage(svg)).reason).toBe("unsupportedFormat");
  });

  it("gives equal hashes for equal bytes and different hashes for different bytes", async () => {
    const a = await noisyPng(32, 32);
    const copy = Buffer.from(a);
    const b = await noisyPng(32, 32);
    const [ra, rcopy, rb] = await Promise.all([checkImage(a), checkImage(copy), checkImage(b)]);
    expect(accepted(rcopy).contentHash).toBe(accepted(ra).contentHash);
    expect(accepted(rb).contentHash).not.toBe(accepted(ra).contentHash);
  });

  it("rejects a 0-byte file", async () => {
    const result = rejection(await checkImage(Buffer.alloc(0)));
    expect(result.reason).toBe("empty");
    expect(result.message).toMatch(/empty/i);
  });

  it("rejects truncated JPEG and PNG files as corrupt, whether cut in the pixels or in the header", async () => {
    const jpeg = await sharp(await noisyPng(120, 90))
      .jpeg()
      .toBuffer();
    const png = await noisyPng(120, 90);
    const cuts = [jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), png.subarray(0, Math.floor(png.length * 0.6)), jpeg.subarray(0, 40)];
    for (const file of cuts) {
      const result = rejection(await checkImage(file));
      expect(result.reason).toBe("corrupt");
      expect(result.message).toMatch(/damaged.*cut off/);
    }
  });

  it("rejects text renamed to .jpg (the name is never consulted)", async () => {
    const result = rejection(await checkImage(Buffer.from("just some notes, saved as holiday.jpg\n")));
    expect(result.reason).toBe("notAnImage");
    expect(result.message).toMatch(/JPEG, PNG/);
  });

  it("rejects a file over the byte limit before decoding it", async () => {
    const eleven = Buffer.alloc(11 * 1024 * 1024, 0xff);
    const defaultLimit = rejection(await checkImage(eleven));
    expect(defaultLimit.reason).toBe("tooLarge");
    expect(defaultLimit.message).toContain("10 MB");
    const jpeg = await solidJpeg(64, 64);
    expect(rejection(await checkImage(jpeg, { maxBytes: jpeg.length - 1 })).reason).toBe("tooLarge");
    expect(accepted(await checkImage(jpeg, { maxBytes: jpeg.length })).bytes).toBe(jpeg.length);
  });

  it("rejects a tiny file that declares a huge image (decompression bomb)", async () => {
    const bomb = pngDeclaring(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    const result = rejection(await checkImage(bomb));
    expect(result.reason).toBe("tooManyPixels");
    expect(result.message).toContain("100000×100000");
  });

  it("applies a configured pixel limit to a real image", async () => {
    const png = await noisyPng(200, 100);
    expect(rejection(await checkImage(png, { maxPixels: 19_999 })).reason).toBe("tooManyPixels");
    expect(accepted(await checkImage(png, { maxPixels: 20_000 })).width).toBe(200);
    expect(DEFAULT_IMAGE_LIMITS.maxPixels).toBe(40_000_000);
  });

  it("honours EXIF orientation: the stored copy is upright and carries no orientation tag", async () => {
    // Orientation 6 = rotate 90° clockwise to display, so the red left half ends up on top.
    const result = accepted(await checkImage(await halfRedHalfBlueWithOrientation(6)));
    expect({ width: result.width, height: result.height }).toEqual({ width: 20, height: 40 });
    expect({ width: result.stored.width, height: result.stored.height }).toEqual({ width: 20, height: 40 });
    expect((await sharp(result.stored.data).metadata()).orientation).toBeUndefined();
    const { data } = await sharp(result.stored.data).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * 20 + x) * 3, (y * 20 + x) * 3 + 3)];
    const [topR, , topB] = pixel(10, 5) as [number, number, number];
    const [bottomR, , bottomB] = pixel(10, 35) as [number, number, number];
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(200);
    expect(bottomR).toBeLessThan(60);
  });

  it("bounds the stored copy's size and keeps transparency as WebP", async () => {
    const big = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: "#123456" } })
      .png()
      .toBuffer();
    const stored = accepted(await checkImage(big, { storedMaxSide: 512 })).stored;
    expect([stored.width, stored.height]).toEqual([512, 256]);
    const transparent = await sharp({ create: { width: 30, height: 30, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.2 } } })
      .png()
      .toBuffer();
    const withAlpha = accepted(await checkImage(transparent)).stored;
    expect(withAlpha.format).toBe("webp");
    expect((await sharp(withAlpha.data).metadata()).hasAlpha).toBe(true);
  });
});
