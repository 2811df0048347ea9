// npm run bench:quality [-- --per-class 100|all|100,emoji=all,…] [--sets digits,emoji,…] [--pixel-size 32] [--skip-float16] [--write-docs]
//   [--mode quick] (the product trained in quick mode, its MLP head, instead of the default optimise step)
//   [--skip-baselines] (no pixel baselines or margins: e.g. the float16 part alone, with --mode quick)
// "Measured, not asserted": for each image set — the generated shapes, textures and
// surfaces, and real images installed from Debian (scikit-learn's handwritten digits) and npm
// (Twemoji artwork by category) — held-out accuracy with its 95 % Wilson interval and n for:
//   - the product's default: its embedding path (bundled MobileNet v2 on ONNX Runtime) and its
//     training entry point (`trainClassifier` with the default settings), scored on the test part
//     of its own split, which nothing trained or chose on;
//   - pixel baselines on the SAME split (trained on everything the product trained and validated
//     on): nearest centroid, 5-nearest neighbours and an L2 logistic regression on raw pixels;
//   - the margin of the default over the most accurate pixel baseline, paired on the same test images:
//     the difference with Newcombe's paired 95 % interval, the discordant counts and McNemar's exact p
//     ("clearly above" only when the interval lies above zero);
// plus the time of each phase. Figures only: nothing here asserts a number.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultWasmDir } from "../ml/backend/wasm-dir";
import { BUNDLED_MOBILENET_V2, ensureBundledBackbone, loadInstalledBackbone } from "../ml/backbone";
import { createEmbedder } from "../ml/embed";
import { buildExportZip } from "../ml/export";
import { exportAgreement, quantiseExportZip } from "../ml/export/quantise";
import { argmaxRows, wilsonInterval } from "../ml/metrics";
import { buildOodReference, judgeOod, type OodReference } from "../ml/metrics/ood";
import { optimises, resolveTrainSettings, trainClassifier } from "../ml/train";
import { TRAIN_MODES } from "../ml/train/settings";
import { pixelFeatures as productPixels, pixelPool } from "../ml/runtime/train/pixels.mjs";
import type { BackendInfo, LoadedBackbone, TrainMode } from "../ml/types";
import { activateWasm } from "../ml/runtime/tf-runtime.mjs";
import { kNearest, logisticWithChosenLambda, nearestCentroid, pixelFeatures, rows, standardise } from "./bench-data/baselines";
import { DEFAULT_CACHE_DIR } from "./bench-data/real-sets";
import { SET_NAMES, loadSet, parsePerClass, type SetName } from "./bench-data/sets";
import { writeBenchmarksSection } from "./lib/benchmarks-doc";
import { marginCell, marginOverBest, pValueCell, type Margin, type ScoredModel } from "./lib/margin";

const { values: args } = parseArgs({
  options: {
    "per-class": { type: "string", default: "100" },
    sets: { type: "string", default: SET_NAMES.join(",") },
    "pixel-size": { type: "string", default: "32" },
    "write-docs": { type: "boolean", default: false },
    "skip-float16": { type: "boolean", default: false },
    mode: { type: "string", default: "optimise" },
    "skip-baselines": { type: "boolean", default: false },
  },
});
if (!TRAIN_MODES.includes(args.mode as TrainMode)) throw new Error(`--mode: "${args.mode}" is not one of ${TRAIN_MODES.join(", ")}`);
// The product as it trains for a run with no settings changed, or in the mode asked for.
const SETTINGS = resolveTrainSettings({ mode: args.mode as TrainMode });
const PRODUCT = args.mode === "optimise" ? "product default" : `product, ${args.mode} mode`;
if (args["write-docs"] && (args.mode !== "optimise" || args["skip-baselines"]))
  throw new Error("--write-docs records the default run: leave out --mode and --skip-baselines");
const SETS = args.sets.split(",").map((name) => {
  if (!SET_NAMES.includes(name as SetName)) throw new Error(`--sets: unknown set "${name}" (${SET_NAMES.join(", ")})`);
  return name as SetName;
});
const PER_CLASS = parsePerClass(args["per-class"], SETS);
const PIXEL_SIZE = Number(args["pixel-size"]);
const BACKEND: BackendInfo = { backend: "wasm", device: "bench", threads: os.availableParallelism() };
const log = (line: string) => process.stdout.write(line + "\n");
const seconds = (since: number) => (performance.now() - since) / 1000;

interface Row {
  set: string;
  model: string;
  correct: number;
  n: number;
  seconds: number;
  note?: string;
}

async function embed(backbone: LoadedBackbone, paths: string[]): Promise<{ matrix: Float32Array; engine: string }> {
  const embedder = await createEmbedder({ backbone, backend: BACKEND });
  const dim = backbone.spec.embeddingSize;
  const matrix = new Float32Array(paths.length * dim);
  const at = new Map(paths.map((p, i) => [p, i]));
  try {
    for await (const batch of embedder.embed(paths)) {
      for (const item of batch) {
        if (!item.embedding) throw new Error(`${item.path} did not embed: ${item.error}`);
        matrix.set(item.embedding, at.get(item.path!)! * dim);
      }
    }
    return { matrix, engine: embedder.engine };
  } finally {
    await embedder.close();
  }
}

const accuracyCell = (correct: number, n: number) => {
  const w = wilsonInterval(correct, n);
  const pct = (v: number | null) => ((v ?? 0) * 100).toFixed(1);
  return `${pct(w.estimate)} % [${pct(w.low)}, ${pct(w.high)}]`;
};

async function main() {
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
  const modelsDir = path.join(DEFAULT_CACHE_DIR, "models");
  const installed = await ensureBundledBackbone(modelsDir);
  if (installed.status === "unavailable") throw new Error(`bundled backbone unavailable: ${installed.reason}`);
  const backbone = await loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id);
  const started = new Date();
  const loadAtStart = os.loadavg()[0]!;
  // The machine is shared: the load is sampled between phases, so the table says what the times ran under.
  const loads: number[] = [];
  const sampleLoad = () => loads.push(os.loadavg()[0]!);
  const table: Row[] = [];
  const float16Rows: string[] = [];
  const margins: Array<{ set: string; product: number; best: number; margin: Margin }> = [];
  const oodBySet = new Map<string, { reference: OodReference; test: Float32Array; dim: number }>();
  const sources: string[] = [];
  let engine = "";
  for (const name of SETS) {
    sampleLoad();
    let t = performance.now();
    const perClass = PER_CLASS.get(name)!;
    const set = await loadSet(name, perClass);
    const paths = set.images.map((i) => i.path);
    const labels = set.images.map((i) => i.label);
    const classSizes = set.classes.map((c, k) => `${c} ${labels.filter((l) => l === k).length}`).join(", ");
    sources.push(
      `${name}: ${set.name}, ${set.images.length} images (${Number.isFinite(perClass) ? `at most ${perClass}` : "every image"} per class: ${classSizes}), ${set.classes.length} classes (${set.source})`,
    );
    log(`${name}: ${set.images.length} images, ${set.classes.length} classes (${classSizes}), loaded in ${seconds(t).toFixed(1)} s`);

    t = performance.now();
    const embedded = await embed(backbone, paths);
    engine = embedded.engine;
    const embedSeconds = seconds(t);
    t = performance.now();
    // The product's training entry point with its default settings, given what the server gives it:
    // the embeddings and, when the default optimise step runs, the pixel thumbnails of the same images.
    const data = { kind: "embeddings" as const, embeddings: embedded.matrix, dim: backbone.spec.embeddingSize };
    const thumbs =
      optimises(SETTINGS, data) && pixelPool(backbone.spec.preprocess) !== null
        ? await productPixels(paths, backbone.spec.preprocess)
        : undefined;
    if (thumbs && thumbs.failed.length > 0) throw new Error(`${thumbs.failed.length} images did not decode`);
    const result = await trainClassifier(
      {
        classes: set.classes,
        labels,
        data,
        settings: SETTINGS,
        ...(thumbs ? { pixels: { x: thumbs.x, d: thumbs.d, height: thumbs.height, width: thumbs.width, pool: thumbs.pool } } : {}),
      },
      { backend: BACKEND },
    );
    const trainSeconds = seconds(t);
    sampleLoad();
    const testRows = result.test.indices;
    const correct = result.report.confusion.reduce((sum, row, i) => sum + row[i]!, 0);
    const productAnswers = argmaxRows(result.test.probabilities, set.classes.length);
    const productRight = testRows.map((r, i) => productAnswers[i] === labels[r]);
    if (productRight.filter(Boolean).length !== correct) throw new Error("the test answers do not add up to the run's confusion matrix");
    table.push({
      set: name,
      model: `${PRODUCT} (MobileNet v2 features + head)`,
      correct,
      n: testRows.length,
      seconds: embedSeconds + trainSeconds,
      note: `extract ${embedSeconds.toFixed(1)} s + train ${trainSeconds.toFixed(1)} s`,
    });
    log(
      `  ${PRODUCT}: ${accuracyCell(correct, testRows.length)} n=${testRows.length} (extract ${embedSeconds.toFixed(1)} s, train ${trainSeconds.toFixed(1)} s)`,
    );
    if (result.selection) {
      // The optimise step's candidates: cross-validated on the training images only (not the test part).
      table.at(-1)!.model = `product default (optimise step chose: ${result.selection.winner})`;
      for (const c of result.selection.candidates) {
        table.push({
          set: name,
          model: `candidate ${c.kind}${c.kind === result.selection.winner ? " (chosen)" : ""}: ${result.selection.folds}-fold CV on the training images`,
          correct: c.correct,
          n: c.n,
          seconds: c.durationMs / 1000,
          note: "cross-validated, not the test part",
        });
        log(`  candidate ${c.kind}: CV ${accuracyCell(c.correct, c.n)} n=${c.n}`);
      }
    }

    // The out-of-distribution statistics as a run keeps them (threshold from held-out images that
    // are not the test images here, so the test images measure how many usual images get flagged).
    const dim = backbone.spec.embeddingSize;
    const pick = (indices: number[]) => {
      const out = new Float32Array(indices.length * dim);
      indices.forEach((r, i) => out.set(embedded.matrix.subarray(r * dim, (r + 1) * dim), i * dim));
      return out;
    };
    // Without a validation part (the optimise step holds none out), a quarter of the training rows plays its role.
    const calibration = result.split.validation.length >= 5 ? result.split.validation : result.split.train.filter((_, i) => i % 4 === 0);
    const reference = buildOodReference({
      train: pick(result.split.train.filter((r) => !calibration.includes(r))),
      heldOut: pick(calibration),
      dim,
      backboneId: backbone.spec.id,
      seed: 42,
    });
    if (reference) oodBySet.set(name, { reference, test: pick(testRows), dim });

    if (!args["skip-float16"]) {
      t = performance.now();
      const full = await buildExportZip({ classes: set.classes, model: result.model, modelKind: result.modelKind, backbone });
      const small = await quantiseExportZip(full);
      const agreement = await exportAgreement(
        full,
        small,
        testRows.map((r) => paths[r]!),
      );
      float16Rows.push(
        `| ${name} | ${(full.byteLength / 1e6).toFixed(1)} MB | ${(small.byteLength / 1e6).toFixed(1)} MB | ` +
          `${agreement.sameTop1} of ${agreement.n} (${accuracyCell(agreement.sameTop1, agreement.n)}) | ${agreement.maxProbabilityDifference.toExponential(1)} | ${seconds(t).toFixed(0)} s |`,
      );
      log(`  float16 export: ${float16Rows.at(-1)}`);
    }

    if (args["skip-baselines"]) continue;
    // Pixel baselines on the same split: they learn from every image the product trained or validated on.
    t = performance.now();
    const pixels = await pixelFeatures(paths, PIXEL_SIZE);
    const decodeSeconds = seconds(t);
    const trainRows = [...result.split.train, ...result.split.validation];
    const trainLabels = trainRows.map((r) => labels[r]!);
    const train = rows(pixels, trainRows);
    const test = rows(pixels, testRows);
    const pixelRuns: ScoredModel[] = [];
    const baseline = (model: string, run: () => number[], note?: string) => {
      const start = performance.now();
      const right = run().map((p, i) => p === labels[testRows[i]!]);
      const hits = right.filter(Boolean).length;
      const took = seconds(start) + decodeSeconds;
      pixelRuns.push({ model, right });
      table.push({ set: name, model, correct: hits, n: testRows.length, seconds: took, ...(note ? { note } : {}) });
      log(`  ${model}: ${accuracyCell(hits, testRows.length)} (${took.toFixed(1)} s)`);
      sampleLoad();
    };
    const classes = set.classes.length;
    baseline(`pixels ${PIXEL_SIZE}² · nearest centroid`, () => nearestCentroid(train, trainLabels, test, pixels.dim, classes));
    baseline(`pixels ${PIXEL_SIZE}² · 5-nearest neighbours`, () => kNearest(train, trainLabels, test, pixels.dim, classes, 5));
    let lambda = 0;
    baseline(`pixels ${PIXEL_SIZE}² · L2 logistic regression`, () => {
      standardise(train, [test], pixels.dim);
      const fitted = logisticWithChosenLambda(train, trainLabels, test, pixels.dim, classes, { iterations: 150 });
      lambda = fitted.lambda;
      return fitted.predictions;
    });
    table.at(-1)!.note = `λ = ${lambda} (chosen on a quarter of the training rows)`;

    const margin = marginOverBest(productRight, pixelRuns);
    margins.push({ set: name, product: correct, best: margin.bothRight + margin.onlySecondRight, margin });
    log(
      `  margin over ${margin.baseline}: ${marginCell(margin)} on the same ${margin.n} test images; default right & pixels wrong ` +
        `${margin.onlyFirstRight}, the reverse ${margin.onlySecondRight}; McNemar exact p ${pValueCell(margin.mcnemarP)}: ${margin.verdict}`,
    );
  }

  const header = [
    "| Set | Model | Accuracy [95 % CI] (test part, or CV on training images for candidates) | n | Time |",
    "|---|---|---|---|---|",
    ...table.map(
      (r) =>
        `| ${r.set} | ${r.model} | ${accuracyCell(r.correct, r.n)} | ${r.n} | ${r.seconds.toFixed(1)} s${r.note ? ` (${r.note})` : ""} |`,
    ),
  ].join("\n");
  log("\n" + header);
  const marginTable = [
    "| Set | n (test) | Product default | Best pixel baseline on the same images | Margin [95 % paired CI] | Default right & pixels wrong / the reverse | McNemar exact p | Verdict |",
    "|---|---|---|---|---|---|---|---|",
    ...margins.map(
      ({ set, product, best, margin: m }) =>
        `| ${set} | ${m.n} | ${accuracyCell(product, m.n)} | ${m.baseline}: ${accuracyCell(best, m.n)} | ${marginCell(m)} | ` +
        `${m.onlyFirstRight} / ${m.onlySecondRight} | ${pValueCell(m.mcnemarP)} | ${m.verdict} |`,
    ),
  ].join("\n");
  log("\n" + marginTable);
  const float16Table = [
    "| Set | Full zip (float32 + model.onnx) | float16 zip | Same top answer as the server's model [95 % CI] | Largest probability difference | Time |",
    "|---|---|---|---|---|---|",
    ...float16Rows,
  ].join("\n");
  if (float16Rows.length > 0) log("\n" + float16Table);
  const oodLines = ["| Run trained on | Its own test images flagged | Other sets' test images flagged |", "|---|---|---|"];
  for (const [name, own] of oodBySet) {
    const flagged = (rows: Float32Array, dim: number) => {
      let hits = 0;
      for (let i = 0; i < rows.length / dim; i++)
        if (judgeOod(own.reference, rows.subarray(i * dim, (i + 1) * dim)).outOfDistribution) hits++;
      return { hits, n: rows.length / dim };
    };
    const mine = flagged(own.test, own.dim);
    let hits = 0;
    let n = 0;
    for (const [other, theirs] of oodBySet) {
      if (other === name) continue;
      const f = flagged(theirs.test, theirs.dim);
      hits += f.hits;
      n += f.n;
    }
    oodLines.push(
      `| ${name} | ${mine.hits} of ${mine.n} (${accuracyCell(mine.hits, mine.n)}) | ${n > 0 ? `${hits} of ${n} (${accuracyCell(hits, n)})` : "—"} |`,
    );
  }
  const oodTable = oodLines.join("\n");
  log("\n" + oodTable);
  const machine =
    `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.availableParallelism()} cores; embeddings on ${engine}; ` +
    `load average ${loadAtStart.toFixed(1)} at the start, ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} between phases ` +
    `and ${os.loadavg()[0]!.toFixed(1)} at the end (shared machine)`;
  log(`\n${machine}`);
  if (args["write-docs"])
    await writeDocs(started, [header, marginTable, float16Rows.length > 0 ? float16Table : "", oodTable], machine, sources);
}

async function writeDocs(startedAt: Date, [table, marginTable, float16Table, oodTable]: string[], machine: string, sources: string[]) {
  const heading = "## Quality against pixel baselines (npm run bench:quality)";
  const section = [
    heading,
    "",
    `Command: \`npm run bench:quality -- --per-class ${args["per-class"]} --sets ${args.sets}\` (\`--write-docs\` rewrites this section). ` +
      `Measured ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine}.`,
    "",
    "Data sets (at most the given number of images per class, chosen reproducibly; installed on first use into `.cache/bench-data/`):",
    "",
    ...sources.map((s) => `- ${s}`),
    "",
    table,
    "",
    "Each set is split once by the product (`stratifiedSplit`, seed 42: 20 % test, then 20 % of the rest for validation). " +
      "The product trains on the training part and chooses its epoch on validation; the baselines learn from training + validation. " +
      "All rows are scored on the same test images, which nothing trained or chose on.",
    "",
    "**Margin of the default over the most accurate pixel baseline**, paired on the same test images (ml/metrics/paired.ts: " +
      "Newcombe's score interval for paired proportions and McNemar's exact test on the images only one of the two got right; " +
      '"clearly above" only when the interval lies above zero):',
    "",
    marginTable!,
    "",
    ...(float16Table
      ? [
          "**Float16 export** (`?weights=float16` on the download; ml/export/quantise.ts): the product's model exported as usual, then with float16 weights, both run on TF.js with the server's preprocessing on the same test images:",
          "",
          float16Table,
          "",
        ]
      : []),
    "**Out-of-distribution hint** (ml/metrics/ood.ts): statistics built as a run builds them (threshold: 95th percentile of the validation images' distance to their 3 nearest training images), then the share of each set's test images flagged, and of the other sets' test images (foreign images) flagged:",
    "",
    oodTable!,
    "",
  ].join("\n");
  const file = await writeBenchmarksSection(heading, section);
  log(`wrote the quality section of ${file}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
