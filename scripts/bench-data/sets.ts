// Every image set the quality benchmarks run on: the generated ones in the repository
// and the real ones installed from Debian and npm (./real-sets.ts), each subsampled to
// at most `perClass` images per class, reproducibly.
import path from "node:path";
import { SURFACE_CLASSES, writeSurfaceImages } from "../../ml/data/surfaces";
import { SHAPE_CLASSES, TEXTURE_CLASSES, writeShapeImages, writeTextureImages } from "../../ml/train/test-shapes";
import { DEFAULT_CACHE_DIR, loadDigits, loadEmoji, subsample, type ImageSet } from "./real-sets";

export type SetName = "shapes" | "textures" | "surfaces" | "digits" | "emoji";
export const SET_NAMES: SetName[] = ["shapes", "textures", "surfaces", "digits", "emoji"];

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
