// npm run bench:optimise [-- --per-class 1000] [--set shapes|textures]
// How long the optimise step takes, measured: generates a few thousand images, extracts their
// embeddings with the MobileNet v2 bundled with npm and their 16×16 pixel thumbnails, then trains
// once in optimise mode (5-fold cross-validation of the three candidates, the winner on all
// training images) and once in quick mode (the single MLP head), through the production trainer
// in its worker thread. Prints times per phase and per candidate, and the test accuracy with its
// 95 % interval. Figures, never assertions.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultWasmDir } from "../ml/backend/wasm-dir";
import { BUNDLED_MOBILENET_V2, ensureBundledBackbone, loadInstalledBackbone } from "../ml/backbone";
import { extractEmbeddings } from "../ml/embed";
import { wilsonInterval } from "../ml/metrics/interval";
import { pixelFeatures } from "../ml/train/pixels.mjs";
import { trainClassifier, type TrainClassifierResult } from "../ml/train/trainer";
import { SHAPE_CLASSES, TEXTURE_CLASSES, writeShapeImages, writeTextureImages } from "../ml/train/test-shapes";
import type { BackendInfo } from "../ml/types";
import { activateWasm } from "../ml/workers/tf-runtime.mjs";

const { values: args } = parseArgs({
  options: { "per-class": { type: "string", default: "1000" }, set: { type: "string", default: "shapes" } },
});
const PER_CLASS = Number(args["per-class"]);
const WASM: BackendInfo = { backend: "wasm", device: "bench", threads: 2 };
const log = (line: string) => process.stdout.write(line + "\n");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** CPU seconds this process used (all its threads, the training worker included) since `from`: what a shared machine's load does not inflate. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return `${((used.user + used.system) / 1e6).toFixed(1)} CPU s`;
};

function accuracyLine(result: TrainClassifierResult) {
  const correct = result.report.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  const interval = wilsonInterval(correct, result.report.total);
  const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);
  return `${pct(interval.estimate)} (${correct} of ${interval.n} test images; 95 % ${pct(interval.low)}–${pct(interval.high)})`;
}

async function main() {
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
  const work = await mkdtemp(path.join(os.tmpdir(), "vl-bench-optimise-"));
  try {
    const modelsDir = path.join(work, "models");
    const installed = await ensureBundledBackbone(modelsDir);
    if (installed.status === "unavailable") throw new Error(`bundled backbone unavailable: ${installed.reason}`);
    const backbone = await loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id);
    const textures = args.set === "textures";
    const classes = textures ? [...TEXTURE_CLASSES] : [...SHAPE_CLASSES];
    const write = textures ? writeTextureImages : writeShapeImages;

    let t = performance.now();
    const images = await write({ dir: path.join(work, "images"), perClass: PER_CLASS, size: 64, seed: 41, prefix: "pool" });
    log(`${images.length} ${args.set} images (${PER_CLASS} per class, 64 px) written in ${seconds(performance.now() - t)}`);

    t = performance.now();
    const embedded = await extractEmbeddings({ backbone, backend: WASM, workers: 2, images: images.map((i) => i.path), batchSize: 16 });
    const dim = backbone.spec.embeddingSize;
    const embeddings = new Float32Array(images.length * dim);
    const byPath = new Map(embedded.map((e) => [e.path, e.embedding]));
    images.forEach((img, i) => embeddings.set(byPath.get(img.path)!, i * dim));
    log(
      `embeddings (${dim} values each, bundled MobileNet v2): ${seconds(performance.now() - t)} — cached in the product, not repeated on a retrain`,
    );

    t = performance.now();
    const thumbs = await pixelFeatures(
      images.map((i) => i.path),
      backbone.spec.preprocess,
    );
    const pixels = { x: thumbs.x, d: thumbs.d, height: thumbs.height, width: thumbs.width, pool: thumbs.pool };
    log(`pixel thumbnails (${thumbs.d} values each): ${seconds(performance.now() - t)}`);

    const input = { classes, labels: images.map((i) => i.label), data: { kind: "embeddings" as const, embeddings, dim }, pixels };
    t = performance.now();
    let cpu = process.cpuUsage();
    const optimised = await trainClassifier({ ...input, settings: { mode: "optimise", seed: 7 } }, { backend: WASM });
    log(
      `\noptimise (training worker, ${optimised.compute.backend}): ${seconds(performance.now() - t)} wall, ${cpuSince(cpu)} ` +
        `for ${optimised.split.train.length} training images`,
    );
    for (const c of optimised.selection!.candidates) {
      const params = c.params.lambda !== undefined ? `λ = ${c.params.lambda}` : `${c.params.epochs} epochs`;
      log(
        `  ${c.kind.padEnd(8)} CV ${(c.cvAccuracy * 100).toFixed(1)} % ± ${(c.spread * 100).toFixed(1)} (${params}) in ${seconds(c.durationMs)}` +
          (c.kind === optimised.selection!.winner ? "  ← chosen" : ""),
      );
    }
    log(`  test: ${accuracyLine(optimised)}`);

    t = performance.now();
    cpu = process.cpuUsage();
    const quick = await trainClassifier({ ...input, settings: { mode: "quick", seed: 7 } }, { backend: WASM });
    log(`\nquick (single MLP head): ${seconds(performance.now() - t)} wall, ${cpuSince(cpu)}; test: ${accuracyLine(quick)}`);
    log(
      `\n${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the end`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
