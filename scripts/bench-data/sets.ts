// Every image set the quality benchmarks run on: the generated ones in the repository
// and the real ones installed from Debian and npm (./real-sets.ts), each subsampled to
// at most `perClass` images per class, reproducibly.
import path from "node:path";
import { SURFACE_CLASSES, writeSurfaceImages } from "../../ml/data/surfaces";
import { SHAPE_CLASSES, TEXTURE_CLASSES, writeShapeImages, writeTextureImages } from "../../ml/train/test-shapes";
import { DEFAULT_CACHE_DIR, loadDigits, loadEmoji, subsample, type ImageSet } from "./real-sets";

export type SetName = "shapes" | "textures" | "surfaces" | "digits" | "emoji";
export const SET_NAMES: SetName[] = ["shapes", "textures", "surfaces", "digits", "emoji"];
/** Sets whose images are installed, not generated: only these can be used whole. */
const REAL_SETS = new Set<SetName>(["digits", "emoji"]);

/**
 * How many images per class each set keeps: `--per-class 100`, or per set, e.g. `100,emoji=all,digits=300`
 * (a bare number is the default for the sets not named; `all` keeps every image of a real set).
 */
export function parsePerClass(spec: string, sets: readonly SetName[]): Map<SetName, number> {
  const count = (value: string, set?: SetName) => {
    if (value === "all") {
      if (set && !REAL_SETS.has(set)) throw new Error(`--per-class ${set}=all: generated sets need a number of images`);
      return Number.POSITIVE_INFINITY;
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < 3) throw new Error(`--per-class: "${value}" is neither "all" nor a whole number of at least 3`);
    return n;
  };
  let fallback: string | undefined;
  const named = new Map<SetName, string>();
  for (const part of spec.split(",").map((p) => p.trim())) {
    const [name, value] = part.includes("=") ? part.split("=") : [undefined, part];
    if (name === undefined) {
      if (fallback !== undefined) throw new Error(`--per-class: two counts for every set ("${fallback}" and "${value}")`);
      fallback = value;
    } else if (!SET_NAMES.includes(name as SetName)) throw new Error(`--per-class: unknown set "${name}" (${SET_NAMES.join(", ")})`);
    else named.set(name as SetName, value!);
  }
  return new Map(
    sets.map((set) => {
      const value = named.get(set) ?? fallback;
      if (value === undefined) throw new Error(`--per-class names no count for ${set}`);
      return [set, count(value, set)];
    }),
  );
}

export async function loadSet(name: SetName, perClass: number, cacheDir = DEFAULT_CACHE_DIR): Promise<ImageSet & { real: boolean }> {
  const generated = path.join(cacheDir, "generated", `${name}-${perClass}`);
  switch (name) {
    case "shapes":
      return {
        name: "shapes (generated: circle/square/triangle, random colour, size, rotation, noise)",
        source: "ml/train/test-shapes.ts",
        classes: [...SHAPE_CLASSES],
        images: await writeShapeImages({ dir: generated, perClass, size: 64, seed: 31 }),
        real: false,
      };
    case "textures":
      return {
        name: "textures (generated: stripes/checks/dots)",
        source: "ml/train/test-shapes.ts",
        classes: [...TEXTURE_CLASSES],
        images: await writeTextureImages({ dir: generated, perClass, size: 64, seed: 31 }),
        real: false,
      };
    case "surfaces":
      return {
        name: "metal surfaces (generated: clean/scratched/pitted, the demo's images)",
        source: "ml/data/surfaces.ts",
        classes: [...SURFACE_CLASSES],
        images: await writeSurfaceImages({ dir: generated, perClass, seed: 31, size: 128 }),
        real: false,
      };
    case "digits": {
      const set = await loadDigits(cacheDir);
      return { ...set, images: subsample(set.images, perClass, 5), real: true };
    }
    case "emoji": {
      const set = await loadEmoji(cacheDir);
      return { ...set, images: subsample(set.images, perClass, 5), real: true };
    }
  }
}
