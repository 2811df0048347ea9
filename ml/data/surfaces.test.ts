import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkImage } from "./images";
import { SURFACE_CLASSES, renderSurface } from "./surfaces";

describe("generated surface images (demo data)", () => {
  it("are reproducible from their seed, pass the upload checks, and differ between seeds", async () => {
    const first = await renderSurface("scratched", 42);
    expect(await renderSurface("scratched", 42)).toEqual(first);
    expect(await renderSurface("scratched", 43)).not.toEqual(first);
    expect(await sharp(first).metadata()).toMatchObject({ format: "png", width: 128, height: 128 });
    expect((await checkImage(first)).ok).toBe(true);
  });

  it("mark defects: scratches add long thin lines, pits add dark spots, on the same metal", async () => {
    // Same seed → same metal; the defect is what changes the pixels.
    const pixels = async (kind: (typeof SURFACE_CLASSES)[number]) =>
      new Uint8Array(
        (
          await sharp(await renderSurface(kind, 7))
            .raw()
            .toBuffer()
        ).buffer,
      );
    const [clean, scratched, pitted] = await Promise.all(SURFACE_CLASSES.map(pixels));
    const changed = (other: Uint8Array) => other.filter((v, i) => Math.abs(v - clean![i]!) > 40).length / 3;
    expect(changed(scratched!)).toBeGreaterThan(40);
    expect(changed(pitted!)).toBeGreaterThan(20);
    const darkest = (img: Uint8Array) => Math.min(...img);
    expect(darkest(pitted!)).toBeLessThan(darkest(clean!) - 30);
  });
});
