// Real (not generated) labelled image sets for the benchmarks, installed from package
// registries on first use into a git-ignored cache folder (.cache/bench-data/):
//   - handwritten digits: the 1,797 8×8 scans (UCI "optdigits" test part) that scikit-learn
//     ships as sklearn/datasets/data/digits.csv.gz in Debian's python3-sklearn (BSD-3-Clause);
//     fetched with `apt-get download` and unpacked with `dpkg-deb -x` (no root install);
//   - emoji artwork: Twitter's Twemoji 64 px PNGs (CC-BY 4.0) from the npm package
//     emoji-datasource-twitter, grouped by the Unicode categories its emoji.json publishes.
// Benchmarks only: unit tests never call these (they need the registries).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import sharp from "sharp";
import { mulberry32, shuffleInPlace } from "../../ml/runtime/train/prng.mjs";

export interface LabelledImage {
  path: string;
  label: number;
}

export interface ImageSet {
  name: string;
  /** Where the images come from (package and version), for the benchmark's table. */
  source: string;
  classes: string[];
  images: LabelledImage[];
}

export const DEFAULT_CACHE_DIR = path.resolve(".cache", "bench-data");

const SKLEARN_DEB = { name: "python3-sklearn", version: "1.2.1+dfsg-1" };
const DIGITS_CSV = "usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";
const EMOJI_PACKAGE = { name: "emoji-datasource-twitter", version: "16.0.0" };
/** "Component" holds five skin-tone swatches: not a category of pictures. */
const EMOJI_SKIPPED_CATEGORIES = new Set(["Component"]);

/** Keeps at most `perClass` images of each class, chosen reproducibly from `seed`. */
export function subsample(images: LabelledImage[], perClass: number, seed: number): LabelledImage[] {
  const byClass = new Map<number, LabelledImage[]>();
  for (const image of images) byClass.set(image.label, [...(byClass.get(image.label) ?? []), image]);
  const random = mulberry32(seed);
  return [...byClass.keys()].sort((a, b) => a - b).flatMap((label) => shuffleInPlace([...byClass.get(label)!], random).slice(0, perClass));
}

/** scikit-learn's handwritten digits as 8×8 grey PNGs (ink dark on white, as on paper). */
export async function loadDigits(cacheDir = DEFAULT_CACHE_DIR): Promise<ImageSet> {
  const root = path.join(cacheDir, "digits");
  const pngDir = path.join(root, "png");
  const csv = path.join(root, "deb", DIGITS_CSV);
  if (!existsSync(path.join(pngDir, "done"))) {
    if (!existsSync(csv)) {
      await mkdir(root, { recursive: true });
      // `apt-get download` writes the .deb into the working directory; nothing is installed.
      execFileSync("apt-get", ["download", `${SKLEARN_DEB.name}=${SKLEARN_DEB.version}`], { cwd: root, stdio: "ignore" });
      const deb = (await readdir(root)).find((f) => f.startsWith(SKLEARN_DEB.name) && f.endsWith(".deb"));
      if (!deb) throw new Error(`apt-get download ${SKLEARN_DEB.name} left no .deb in ${root}`);
      execFileSync("dpkg-deb", ["-x", path.join(root, deb), path.join(root, "deb")]);
    }
    await rm(pngDir, { recursive: true, force: true });
    await mkdir(pngDir, { recursive: true });
    const rows = gunzipSync(await readFile(csv))
      .toString("utf8")
      .trim()
      .split("\n");
    for (const [i, row] of rows.entries()) {
      const values = row.split(",").map(Number);
      if (values.length !== 65) throw new Error(`digits.csv row ${i} has ${values.length} values, expected 65`);
      const pixels = Buffer.from(values.slice(0, 64).map((v) => Math.round(255 - (v * 255) / 16)));
      const png = await sharp(pixels, { raw: { width: 8, height: 8, channels: 1 } })
        .png()
        .toBuffer();
      await writeFile(path.join(pngDir, `${values[64]}-${String(i).padStart(4, "0")}.png`), png);
    }
    await writeFile(path.join(pngDir, "done"), `${rows.length}\n`);
  }
  const files = (await readdir(pngDir)).filter((f) => f.endsWith(".png")).sort();
  return {
    name: "handwritten digits (scikit-learn, 8×8 scans)",
    source: `Debian ${SKLEARN_DEB.name} ${SKLEARN_DEB.version}: ${path.basename(DIGITS_CSV)}`,
    classes: Array.from({ length: 10 }, (_, d) => String(d)),
    images: files.map((f) => ({ path: path.join(pngDir, f), label: Number(f.split("-")[0]) })),
  };
}

interface EmojiEntry {
  image: string;
  category: string;
  has_img_twitter?: boolean;
}

/** Twemoji artwork (64 px, transparent background) grouped by Unicode emoji category; skin-tone variants left out. */
export async function loadEmoji(cacheDir = DEFAULT_CACHE_DIR): Promise<ImageSet> {
  const root = path.join(cacheDir, "emoji");
  const pkg = path.join(root, "package");
  if (!existsSync(path.join(root, "done"))) {
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    const spec = `${EMOJI_PACKAGE.name}@${EMOJI_PACKAGE.version}`;
    const tarball = execFileSync("npm", ["pack", spec, "--silent"], { cwd: root, encoding: "utf8" }).trim().split("\n").at(-1)!;
    execFileSync("tar", ["xzf", tarball, "package/emoji.json", "package/LICENSE", "package/img/twitter/64"], { cwd: root });
    await rm(path.join(root, tarball));
    await writeFile(path.join(root, "done"), "ok\n");
  }
  const entries = JSON.parse(await readFile(path.join(pkg, "emoji.json"), "utf8")) as EmojiEntry[];
  const usable = entries.filter(
    (e) => e.has_img_twitter && !EMOJI_SKIPPED_CATEGORIES.has(e.category) && existsSync(path.join(pkg, "img/twitter/64", e.image)),
  );
  const classes = [...new Set(usable.map((e) => e.category))].sort();
  return {
    name: `emoji artwork by Unicode category (Twemoji, ${classes.length} categories)`,
    source: `npm ${EMOJI_PACKAGE.name}@${EMOJI_PACKAGE.version}`,
    classes,
    images: usable.map((e) => ({ path: path.join(pkg, "img/twitter/64", e.image), label: classes.indexOf(e.category) })),
  };
}
