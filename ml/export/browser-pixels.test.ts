// The export's browser module must prepare the very bytes the server prepares, not nearly the same:
// a logistic head turns a 1–9 level difference per pixel into answers that change (a JavaScript
// Lanczos resize reached only 94–97 % top-1 agreement). Checked pixel for pixel on the paths where
// sharp does more than a plain resize: JPEG shrink-on-load, EXIF quarter turns, embedded colour
// profiles, WebP scale-on-load, transparency, enlarging, and targets that are not square.
import sharp from "sharp";
import Vips from "wasm-vips";
import { describe, expect, it } from "vitest";
import { renderSurface } from "../data/surfaces";
import { decodeToRgb } from "../workers/preprocess.mjs";
import { toModelInput } from "./snippets/classify-browser.mjs";

const files: Array<[string, (png: Buffer) => Promise<Buffer>]> = [
  ["PNG", async (png) => png],
  ["JPEG", async (png) => sharp(png).jpeg({ quality: 90 }).toBuffer()],
  ["JPEG turned by EXIF (6)", async (png) => sharp(png).tint("#c08040").jpeg({ quality: 85 }).withMetadata({ orientation: 6 }).toBuffer()],
  [
    "JPEG with a P3 profile, EXIF 3",
    async (png) => sharp(png).tint("#4080c0").withIccProfile("p3").jpeg().withMetadata({ orientation: 3 }).toBuffer(),
  ],
  ["WebP", async (png) => sharp(png).tint("#30a050").webp({ quality: 80 }).toBuffer()],
  ["PNG with transparency", async (png) => sharp(png).tint("#a03050").ensureAlpha(0.5).png().toBuffer()],
  ["wide JPEG", async (png) => sharp(png).resize(731, 389, { fit: "fill" }).jpeg().toBuffer()],
];

describe("the browser module's preprocessing (wasm-vips)", () => {
  it("gives the server's bytes exactly, for every file kind, size and target", async () => {
    const vips = await Vips();
    const mismatches: string[] = [];
    for (const [width, height] of [
      [96, 96],
      [224, 224],
      [160, 120],
    ] as const) {
      for (const size of [64, 320, 1500]) {
        for (const [kind, make] of files) {
          const file = await make(await renderSurface("scratched", 977 + size, size));
          const spec = { width, height, background: "#204060", inputRange: [0, 255] as [number, number] };
          const server = await decodeToRgb(file, spec);
          const browser = toModelInput(vips, file, spec);
          const differing = server.filter((value, i) => value !== browser[i]).length;
          if (browser.length !== server.length || differing > 0) {
            mismatches.push(`${kind} ${size} px → ${width}×${height}: ${differing} of ${server.length} values differ`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
