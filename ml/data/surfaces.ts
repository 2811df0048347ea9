import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { mulberry32 } from "../runtime/train/prng.mjs";

/**
 * Generated photos of metal surfaces for the demo workspace's visual-inspection
 * prototype: clean brushed metal, metal with scratches, metal with pits. Made
 * on the fly (no image files in the repository, no download), varied in tone,
 * brushing, lighting and defect size, and reproducible from a seed.
 */
export const SURFACE_CLASSES = ["clean", "scratched", "pitted"] as const;
export type SurfaceClass = (typeof SURFACE_CLASSES)[number];

export async function renderSurface(kind: SurfaceClass, seed: number, size = 128): Promise<Buffer> {
  const random = mulberry32(seed);
  const pixels = new Float32Array(size * size);
  const base = 110 + random() * 90;
  // Brushed metal: streaks along one direction, a soft light gradient, sensor noise.
  const streaks = Array.from({ length: size }, () => (random() - 0.5) * 14);
  const light = (random() - 0.5) * 40;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      pixels[y * size + x] = base + streaks[y]! + (light * x) / size + (random() - 0.5) * 10;
    }
  }
  if (kind === "scratched") {
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const angle = random() * Math.PI;
      const cx = random() * size;
      const cy = random() * size;
      const half = size * (0.25 + random() * 0.35);
      const shade = random() < 0.5 ? -70 : 60;
      for (let t = -half; t <= half; t += 0.5) {
        const x = Math.round(cx + t * Math.cos(angle));
        const y = Math.round(cy + t * Math.sin(angle));
        if (x >= 0 && y >= 0 && x < size && y < size) pixels[y * size + x] = base + shade;
      }
    }
  } else if (kind === "pitted") {
    for (let n = 4 + Math.floor(random() * 10); n > 0; n--) {
      const cx = random() * size;
      const cy = random() * size;
      const r = 1.2 + random() * 2.5;
      for (let y = Math.floor(cy - r); y <= cy + r; y++) {
        for (let x = Math.floor(cx - r); x <= cx + r; x++) {
          if (x < 0 || y < 0 || x >= size || y >= size) continue;
          const d = Math.hypot(x - cx, y - cy) / r;
          if (d <= 1) pixels[y * size + x] = base - 80 * (1 - d * d) - 10;
        }
      }
    }
  }
  const tint = [1 + (random() - 0.5) * 0.08, 1, 1 + (random() - 0.5) * 0.08];
  const rgb = Buffer.alloc(size * size * 3);
  pixels.forEach((v, i) => {
    for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.max(0, Math.min(255, Math.round(v * tint[c]!)));
  });
  return sharp(rgb, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}

/** Writes `perClass` PNGs of each surface class into `dir` (tests, benchmarks), reproducibly from `seed`. */
export async function writeSurfaceImages(options: {
  dir: string;
  perClass: number;
  seed: number;
  prefix?: string;
  size?: number;
}): Promise<Array<{ path: string; label: number }>> {
  await mkdir(options.dir, { recursive: true });
  const images: Array<{ path: string; label: number }> = [];
  for (const [label, kind] of SURFACE_CLASSES.entries()) {
    for (let i = 0; i < options.perClass; i++) {
      const file = path.join(options.dir, `${options.prefix ?? "surface"}-${kind}-${i}.png`);
      await writeFile(file, await renderSurface(kind, options.seed * 1_000_003 + label * 10_007 + i, options.size));
      images.push({ path: file, label });
    }
  }
  return images;
}
