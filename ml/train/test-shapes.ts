// Test-only synthetic image set: circles, squares and triangles in random
// colours, sizes, positions and rotations, on noisy backgrounds of random colour.
// Only the shape tells the classes apart.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { mulberry32 } from "../runtime/train/prng.mjs";

export const SHAPE_CLASSES = ["circle", "square", "triangle"] as const;

export interface ShapeImage {
  path: string;
  label: number;
}

/** Writes `perClass` PNGs of each shape into `dir`, reproducibly from `seed`. */
export async function writeShapeImages(options: {
  dir: string;
  perClass: number;
  size: number;
  seed: number;
  prefix?: string;
  rotate?: boolean;
}): Promise<ShapeImage[]> {
  const rotate = options.rotate ?? true;
  return writeClassImages({ ...options, prefix: options.prefix ?? "img" }, SHAPE_CLASSES, (label, random) =>
    drawShape(label, options.size, random, rotate),
  );
}

/**
 * Writes `perClass` PNGs of each class, drawn in turn (image i of every class before image i + 1) from one
 * generator seeded with `seed`, so a set is the same on every run and machine.
 */
async function writeClassImages(
  options: { dir: string; perClass: number; size: number; seed: number; prefix: string },
  classes: readonly string[],
  draw: (label: number, random: () => number) => Buffer,
): Promise<ShapeImage[]> {
  const { dir, perClass, size, seed, prefix } = options;
  await mkdir(dir, { recursive: true });
  const random = mulberry32(seed);
  const images: ShapeImage[] = [];
  for (let i = 0; i < perClass; i++) {
    for (let label = 0; label < classes.length; label++) {
      const file = path.join(dir, `${prefix}-${classes[label]}-${i}.png`);
      await sharp(draw(label, random), { raw: { width: size, height: size, channels: 3 } })
        .png({ compressionLevel: 1 })
        .toFile(file);
      images.push({ path: file, label });
    }
  }
  return images;
}

function drawShape(label: number, size: number, random: () => number, rotate: boolean): Buffer {
  const colour = () => [random() * 255, random() * 255, random() * 255] as const;
  const background = colour();
  let fill = colour();
  // Keep the shape visible: at least some contrast with the background.
  while (Math.abs(fill[0] - background[0]) + Math.abs(fill[1] - background[1]) + Math.abs(fill[2] - background[2]) < 150) fill = colour();
  const radius = size * (0.16 + 0.16 * random());
  const cx = radius + random() * (size - 2 * radius);
  const cy = radius + random() * (size - 2 * radius);
  const angle = rotate ? random() * Math.PI * 2 : 0;
  const inside = shapeTest(label, cx, cy, radius, angle);
  const out = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // 4×4 samples per pixel: anti-aliased edges, as a camera would see them
      // (jagged ones would tell straight edges from curves by their steps alone).
      let covered = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) covered++;
      const t = covered / 16;
      for (let c = 0; c < 3; c++) {
        // Box–Muller noise, sigma 18.
        const noise = Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random()) * 18;
        const value = fill[c]! * t + background[c]! * (1 - t);
        out[(y * size + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(value + noise)));
      }
    }
  }
  return out;
}

function shapeTest(label: number, cx: number, cy: number, r: number, angle: number): (x: number, y: number) => boolean {
  const rotate = (x: number, y: number) => {
    const dx = x - cx;
    const dy = y - cy;
    return [dx * Math.cos(angle) + dy * Math.sin(angle), -dx * Math.sin(angle) + dy * Math.cos(angle)] as const;
  };
  if (label === 0) return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  if (label === 1) {
    const half = r * 0.85;
    return (x, y) => {
      const [u, v] = rotate(x, y);
      return Math.abs(u) <= half && Math.abs(v) <= half;
    };
  }
  // Equilateral triangle inscribed in the circle of radius r.
  const corners = [0, 1, 2].map(
    (k) => [r * Math.cos(-Math.PI / 2 + (k * 2 * Math.PI) / 3), r * Math.sin(-Math.PI / 2 + (k * 2 * Math.PI) / 3)] as const,
  );
  return (x, y) => {
    const [u, v] = rotate(x, y);
    const signs = corners.map(([ax, ay], k) => {
      const [bx, by] = corners[(k + 1) % 3]!;
      return (bx - ax) * (v - ay) - (by - ay) * (u - ax);
    });
    return signs.every((s) => s >= 0) || signs.every((s) => s <= 0);
  };
}

export const TEXTURE_CLASSES = ["stripes", "checks", "dots"] as const;

/**
 * Writes `perClass` PNGs of each texture: a round patch of random size and position,
 * random period, angle, phase and two random colours, over a noisy background.
 */
export async function writeTextureImages(options: {
  dir: string;
  perClass: number;
  size: number;
  seed: number;
  prefix?: string;
}): Promise<ShapeImage[]> {
  return writeClassImages({ ...options, prefix: options.prefix ?? "tex" }, TEXTURE_CLASSES, (label, random) =>
    drawTexture(label, options.size, random),
  );
}

function drawTexture(label: number, size: number, random: () => number): Buffer {
  const colour = () => [random() * 255, random() * 255, random() * 255] as const;
  const background = colour();
  const a = colour();
  let b = colour();
  while (Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) < 150) b = colour();
  // The textured patch is a disc of random size and position (a round border
  // adds no direction of its own, unlike a rectangle's four sides).
  const pr = size * (0.35 + 0.2 * random());
  const pcx = size * (0.3 + 0.4 * random());
  const pcy = size * (0.3 + 0.4 * random());
  const period = size * (0.1 + 0.1 * random());
  const angle = random() * Math.PI;
  const phase = random() * period;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const pattern = (x: number, y: number): boolean => {
    const u = (x * cos + y * sin + phase) / period;
    const v = (-x * sin + y * cos + phase) / period;
    if (label === 0) return Math.floor(u * 2) % 2 === 0;
    if (label === 1) return (Math.floor(u) + Math.floor(v)) % 2 === 0;
    const du = u - Math.round(u);
    const dv = v - Math.round(v);
    return du * du + dv * dv < 0.09;
  };
  const out = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inPatch = (x - pcx) ** 2 + (y - pcy) ** 2 <= pr * pr;
      const rgb = !inPatch ? background : pattern(x, y) ? a : b;
      for (let c = 0; c < 3; c++) {
        const noise = Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random()) * 18;
        out[(y * size + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(rgb[c]! + noise)));
      }
    }
  }
  return out;
}
