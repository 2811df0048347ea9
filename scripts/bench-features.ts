// npm run bench:features [-- --per-class 60] [--sets digits,emoji] [--study global|spatial]
// Feature study for the bundled MobileNet v2 (issue 11, item 1): which embedding should the
// product train on? Extracts, through the product's ONNX embedding path, the globally pooled
// outputs of several blocks (blocks 0–10 kept their ImageNet weights, 11–16 were tuned for
// content moderation) for every image and its mirror image, then scores on the product's own
// split (the test part, which nothing trains or chooses on):
//   - a linear probe (L2 logistic regression, λ chosen on a quarter of the training rows),
//   - the product's MLP head (trainClassifier with the default settings),
// for the final embedding, single intermediate blocks, concatenations, L2 normalisation per
// block, standardisation, and test-time flip averaging.
//
// `--study spatial`: where features fired. Global pooling throws away the layout that
// raw pixels keep; this study pools `block_10_expand_relu` and `block_13_expand_relu` (14 × 14 maps
// at 224 px) globally (average, max) and over a 2 × 2 grid of 7 × 7 cells, with the pooling
// built from Keras layers into one model (ml/backbone/feature-pooling.ts) and converted to ONNX
// as the product's backbones are. Each variant is scored with the linear probe and with the
// product's optimise step (trainClassifier with the pixel candidate, as a run trains); today's
// block-10 global pool is the reference row of the same run.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { defaultWasmDir } from "../ml/backend/wasm-dir";
import * as tf from "@tensorflow/tfjs";
import { BUNDLED_MOBILENET_V2_FINAL, ensureBundledBackbone, loadInstalledBackbone, serializeLayersModel } from "../ml/backbone";
import { pooledFeatures, pooledPartWidth, type PooledPart } from "../ml/backbone/feature-pooling";
import { extractEmbeddings } from "../ml/embed";
import { wilsonInterval } from "../ml/metrics";
import { convertToCheckedOnnx } from "../ml/onnx/convert-backbone";
import { kerasToOnnx } from "../ml/onnx/keras-to-onnx";
import { stratifiedSplit, trainClassifier } from "../ml/train";
import { DEFAULT_TRAIN_SETTINGS } from "../ml/train/settings";
import type { BackendInfo, LoadedBackbone } from "../ml/types";
import { pixelFeatures as productPixels } from "../ml/runtime/train/pixels.mjs";
import { activateWasm, instantiateModel } from "../ml/runtime/tf-runtime.mjs";
import { l2NormaliseRows, ridgeProbe, rows, standardise, type Features } from "./bench-data/baselines";
import { DEFAULT_CACHE_DIR } from "./bench-data/real-sets";
import { loadSet, type SetName } from "./bench-data/sets";

const { values: args } = parseArgs({
  options: {
    "per-class": { type: "string", default: "60" },
    sets: { type: "string", default: "digits,emoji,shapes,textures,surfaces" },
    "no-mlp": { type: "boolean", default: false },
    /** Only the variants whose name contains this text (e.g. "standardised"; several separated by "|"). */
    only: { type: "string", default: "" },
    /** "global": globally pooled outputs of ten blocks; "spatial": global and 2 × 2 grid pools of blocks 10 and 13. */
    study: { type: "string", default: "global" },
  },
});
if (args.study !== "global" && args.study !== "spatial") throw new Error(`--study is global or spatial, not ${args.study}`);
const SPATIAL = args.study === "spatial";
const PER_CLASS = Number(args["per-class"]);
const WASM: BackendInfo = { backend: "wasm", device: "bench", threads: 2 };
const log = (line: string) => process.stdout.write(line + "\n");

/** Global study: cut points and their pooled widths (MobileNet v2, width 1.0). */
const GLOBAL_BLOCKS: Array<[string, number]> = [
  ["block_5_add", 32],
  ["block_6_expand_relu", 192],
  ["block_9_add", 64],
  ["block_10_expand_relu", 384],
  ["block_10_project_BN", 96],
  ["block_12_add", 96],
  ["block_13_expand_relu", 576],
  ["block_15_add", 160],
  ["block_16_project_BN", 320],
  ["out_relu", 1280],
];

/** Spatial study: both maps are 14 × 14 at 224 px (384 and 576 channels), so a 2 × 2 grid has 7 × 7 cells. */
const B10 = "block_10_expand_relu";
const B13 = "block_13_expand_relu";
const SPATIAL_PARTS: Array<[string, PooledPart, number]> = [
  ["b10 avg", { layer: B10, op: "avg", grid: 1 }, 384],
  ["b10 max", { layer: B10, op: "max", grid: 1 }, 384],
  ["b10 avg 2x2", { layer: B10, op: "avg", grid: 2 }, pooledPartWidth({ layer: B10, op: "avg", grid: 2 }, 384)],
  ["b13 avg", { layer: B13, op: "avg", grid: 1 }, 576],
  ["b13 avg 2x2", { layer: B13, op: "avg", grid: 2 }, pooledPartWidth({ layer: B13, op: "avg", grid: 2 }, 576)],
];

const BLOCKS: Array<[string, number]> = SPATIAL ? SPATIAL_PARTS.map(([name, , width]) => [name, width]) : GLOBAL_BLOCKS;
const TOTAL = BLOCKS.reduce((s, [, w]) => s + w, 0);
const offsetOf = (name: string) => {
  let at = 0;
  for (const [n, w] of BLOCKS) {
    if (n === name) return [at, w] as const;
    at += w;
  }
  throw new Error(`unknown block ${name}`);
};

interface Variant {
  name: string;
  blocks: string[];
  /**
   * "none": as extracted; "l2": each block's part divided by its length; "l2-all": the whole vector;
   * "std": every column scaled to zero mean and unit variance with the training rows' statistics
   * (what a head that standardises its inputs sees; the linear probe always standardises).
   */
  norm: "none" | "l2" | "l2-all" | "std";
  flip: boolean;
}

const FINAL = ["out_relu"];
const GLOBAL_VARIANTS: Variant[] = [
  { name: "final embedding (today)", blocks: FINAL, norm: "none", flip: false },
  { name: "final, L2-normalised", blocks: FINAL, norm: "l2", flip: false },
  { name: "final, flip-averaged", blocks: FINAL, norm: "none", flip: true },
  ...["block_6_expand_relu", "block_10_expand_relu", "block_10_project_BN", "block_13_expand_relu", "block_16_project_BN"].map(
    (b): Variant => ({ name: `${b} alone`, blocks: [b], norm: "none", flip: false }),
  ),
  { name: "block_10_expand_relu + final", blocks: ["block_10_expand_relu", ...FINAL], norm: "none", flip: false },
  { name: "block_10_expand_relu + final, L2 per block", blocks: ["block_10_expand_relu", ...FINAL], norm: "l2", flip: false },
  {
    name: "block_6_expand + block_10_expand + final, L2 per block",
    blocks: ["block_6_expand_relu", "block_10_expand_relu", ...FINAL],
    norm: "l2",
    flip: false,
  },
  {
    name: "block_10_expand + block_13_expand + final, L2 per block",
    blocks: ["block_10_expand_relu", "block_13_expand_relu", ...FINAL],
    norm: "l2",
    flip: false,
  },
  {
    name: "block_10_expand + block_16_project + final, L2 per block",
    blocks: ["block_10_expand_relu", "block_16_project_BN", ...FINAL],
    norm: "l2",
    flip: false,
  },
  { name: "all ten blocks, L2 per block", blocks: BLOCKS.map(([b]) => b), norm: "l2", flip: false },
  { name: "block_10_expand + final, L2 per block, flip-averaged", blocks: ["block_10_expand_relu", ...FINAL], norm: "l2", flip: true },
  { name: "final, standardised", blocks: FINAL, norm: "std", flip: false },
  { name: "block_13_expand_relu alone, standardised", blocks: ["block_13_expand_relu"], norm: "std", flip: false },
  {
    name: "block_10_expand + block_13_expand + final, standardised",
    blocks: ["block_10_expand_relu", "block_13_expand_relu", ...FINAL],
    norm: "std",
    flip: false,
  },
];

const spatial = (name: string, blocks: string[]): Variant => ({ name, blocks, norm: "none", flip: false });
const SPATIAL_VARIANTS: Variant[] = [
  spatial("block 10 global average (today's default)", ["b10 avg"]),
  spatial("block 10 global average + global max", ["b10 avg", "b10 max"]),
  spatial("block 10 2x2 grid average", ["b10 avg 2x2"]),
  spatial("block 10 global + 2x2 grid average", ["b10 avg", "b10 avg 2x2"]),
  spatial("block 10 global avg + max + 2x2 grid average", ["b10 avg", "b10 max", "b10 avg 2x2"]),
  spatial("block 13 global average", ["b13 avg"]),
  spatial("block 13 global + 2x2 grid average", ["b13 avg", "b13 avg 2x2"]),
  spatial("blocks 10 + 13, global + 2x2 grid average", ["b10 avg", "b10 avg 2x2", "b13 avg", "b13 avg 2x2"]),
];
const VARIANTS = SPATIAL ? SPATIAL_VARIANTS : GLOBAL_VARIANTS;

function select(all: Float32Array, flipped: Float32Array, n: number, variant: Variant): Features {
  const parts = variant.blocks.map(offsetOf);
  const dim = parts.reduce((s, [, w]) => s + w, 0);
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let at = 0;
    for (const [offset, width] of parts) {
      for (let j = 0; j < width; j++) {
        const a = all[i * TOTAL + offset + j]!;
        data[i * dim + at + j] = variant.flip ? (a + flipped[i * TOTAL + offset + j]!) / 2 : a;
      }
      if (variant.norm === "l2") l2NormaliseRows(data.subarray(i * dim + at, i * dim + at + width), width);
      at += width;
    }
    if (variant.norm === "l2-all") l2NormaliseRows(data.subarray(i * dim, (i + 1) * dim), dim);
  }
  return { data, dim };
}

async function embedAll(backbone: LoadedBackbone, paths: string[]): Promise<Float32Array> {
  const out = new Float32Array(paths.length * TOTAL);
  const embedded = await extractEmbeddings({ backbone, backend: WASM, engine: "onnxruntime", images: paths, batchSize: 16 });
  const byPath = new Map(embedded.map((e) => [e.path, e.embedding]));
  paths.forEach((p, i) => {
    const e = byPath.get(p);
    if (!e) throw new Error(`${p} did not embed`);
    out.set(e, i * TOTAL);
  });
  return out;
}

async function cachedEmbeddings(key: string, compute: () => Promise<Float32Array>): Promise<Float32Array> {
  const file = path.join(DEFAULT_CACHE_DIR, "study-embeddings", `${key}.f32`);
  try {
    const bytes = await readFile(file);
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } catch {
    const values = await compute();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, new Uint8Array(values.buffer));
    return values;
  }
}

async function main() {
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
  const modelsDir = path.join(DEFAULT_CACHE_DIR, "models");
  // The whole network (up to out_relu): the study cuts it at blocks 5–16 itself.
  const installed = await ensureBundledBackbone(modelsDir, { spec: BUNDLED_MOBILENET_V2_FINAL });
  if (installed.status === "unavailable") throw new Error(installed.reason);
  const bundled = await loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2_FINAL.id);
  const study: LoadedBackbone = SPATIAL
    ? await spatialStudyBackbone(bundled)
    : {
        spec: { ...bundled.spec, id: "feature-study", embeddingSize: TOTAL },
        model: bundled.model,
        onnx: kerasToOnnx(bundled.model, { pooledOutputs: BLOCKS.map(([b]) => b) }),
        origin: { kind: "memory" },
      };
  const cachePrefix = SPATIAL ? "spatial-" : "";
  const sets = args.sets.split(",") as SetName[];
  const results: Array<{ set: string; variant: string; dim: number; probe: string; mlp: string }> = [];
  for (const name of sets) {
    const set = await loadSet(name, PER_CLASS);
    const paths = set.images.map((i) => i.path);
    const labels = set.images.map((i) => i.label);
    const t0 = performance.now();
    const all = await cachedEmbeddings(`${cachePrefix}${name}-${PER_CLASS}`, () => embedAll(study, paths));
    // The spatial study has no flip-averaged variant: no mirror images to embed.
    const flipped = SPATIAL
      ? all
      : await cachedEmbeddings(`${name}-${PER_CLASS}-flipped`, async () => {
          const flipDir = path.join(DEFAULT_CACHE_DIR, "flipped", `${name}-${PER_CLASS}`);
          await mkdir(flipDir, { recursive: true });
          const flips = await Promise.all(
            paths.map(async (p, i) => {
              const out = path.join(flipDir, `${i}.png`);
              await sharp(p).flop().png().toFile(out);
              return out;
            }),
          );
          return embedAll(study, flips);
        });
    log(`${name}: ${paths.length} images, ${set.classes.length} classes, embeddings in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    // The optimise step's pixel candidate sees the thumbnails a run gives it.
    const thumbs = SPATIAL ? await productPixels(paths, study.spec.preprocess) : undefined;
    if (thumbs && thumbs.failed.length > 0) throw new Error(`${thumbs.failed.length} images did not decode`);
    const split = stratifiedSplit(Int32Array.from(labels), {
      validationShare: DEFAULT_TRAIN_SETTINGS.validationShare,
      testShare: DEFAULT_TRAIN_SETTINGS.testShare,
      seed: DEFAULT_TRAIN_SETTINGS.seed,
    });
    const trainRows = [...split.train, ...split.validation];
    const testRows = split.test;
    const fmt = (correct: number, n: number) => {
      const w = wilsonInterval(correct, n);
      return `${((w.estimate ?? 0) * 100).toFixed(1)} % [${((w.low ?? 0) * 100).toFixed(1)}, ${((w.high ?? 0) * 100).toFixed(1)}]`;
    };
    for (const variant of VARIANTS.filter((v) => args.only.split("|").some((text) => v.name.includes(text)))) {
      const t = performance.now();
      const features = select(all, flipped, paths.length, variant);
      if (variant.norm === "std") {
        const standardised = new Float64Array(features.data);
        standardise(rows(features, trainRows), [standardised], features.dim);
        features.data.set(standardised);
      }
      const train = rows(features, trainRows);
      const test = rows(features, testRows);
      standardise(train, [test], features.dim);
      const probe = ridgeProbe(
        train,
        trainRows.map((r) => labels[r]!),
        test,
        features.dim,
        set.classes.length,
      );
      const probeCorrect = probe.predictions.filter((p, i) => p === labels[testRows[i]!]).length;
      let mlp = "—";
      if (!args["no-mlp"]) {
        const started = performance.now();
        const result = await trainClassifier(
          {
            classes: set.classes,
            labels,
            data: { kind: "embeddings", embeddings: features.data, dim: features.dim },
            ...(thumbs ? { pixels: { x: thumbs.x, d: thumbs.d, height: thumbs.height, width: thumbs.width, pool: thumbs.pool } } : {}),
          },
          { backend: WASM },
        );
        const correct = result.report.confusion.reduce((s, row, i) => s + row[i]!, 0);
        mlp = fmt(correct, result.test.indices.length);
        if (SPATIAL && result.selection) {
          const cv = result.selection.candidates.map((c) => `${c.kind} ${(c.cvAccuracy * 100).toFixed(1)}`).join(", ");
          mlp += ` chose ${result.selection.winner} (CV ${cv}; train ${((performance.now() - started) / 1000).toFixed(0)} s)`;
        }
      }
      const row = {
        set: name,
        variant: variant.name,
        dim: features.dim,
        probe: `${fmt(probeCorrect, testRows.length)} penalty ${probe.penalty}`,
        mlp,
      };
      results.push(row);
      log(
        `  ${variant.name.padEnd(58)} d=${String(features.dim).padStart(4)}  probe ${row.probe.padEnd(32)} ${SPATIAL ? "optimise" : "MLP"} ${mlp}  (${((performance.now() - t) / 1000).toFixed(0)} s)`,
      );
    }
    log(`  n(test) = ${testRows.length}`);
  }
  const second = SPATIAL ? "optimise step with pixel candidate (test, 95 % CI)" : "MLP head (test, 95 % CI)";
  log(`\n| set | features | dim | linear probe (test, 95 % CI) | ${second} |\n|---|---|---|---|---|`);
  for (const r of results) log(`| ${r.set} | ${r.variant} | ${r.dim} | ${r.probe} | ${r.mlp} |`);
  log(`\n${os.cpus()[0]?.model}, ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
}

/**
 * The bundled network with every spatial part pooled inside the model and concatenated, converted
 * to ONNX and checked against TF.js as an installed backbone is (ml/onnx/convert-backbone.ts).
 */
async function spatialStudyBackbone(bundled: LoadedBackbone): Promise<LoadedBackbone> {
  const full = (await instantiateModel(bundled.model)) as tf.LayersModel;
  const model = await serializeLayersModel(
    tf.model({
      name: "spatial_study",
      inputs: full.inputs,
      outputs: pooledFeatures(
        full,
        SPATIAL_PARTS.map(([, part]) => part),
        "study",
      ),
    }),
  );
  full.dispose();
  const spec = { ...bundled.spec, id: "feature-study-spatial", embeddingSize: TOTAL };
  const conversion = await convertToCheckedOnnx(model, spec);
  if (conversion.status !== "converted") throw new Error(`spatial study model: ${conversion.reason}`);
  log(
    `spatial study model: ${TOTAL} values per image; ONNX Runtime against TF.js on the probe images: max abs diff ${conversion.maxAbsDiff.toExponential(1)}`,
  );
  return { spec, model, onnx: conversion.onnx, origin: { kind: "memory" } };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
