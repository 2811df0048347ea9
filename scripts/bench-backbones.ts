// npm run bench:backbones [-- --per-class 100] [--write-docs]
// What the backbone costs in accuracy, measured: trains the same generated image
// sets (shapes; textures; metal surfaces) once with the MobileNet v2 bundled with npm (cached
// embeddings + head) and once with the compact CNN fallback (trained end to end),
// through ml/'s production trainer and export, and scores the exported models on
// held-out images made from another generator seed.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultWasmDir } from "../ml/backend/wasm-dir";
import {
  BUNDLED_MOBILENET_V2,
  COMPACT_CNN_V1,
  buildCompactCnn,
  ensureBundledBackbone,
  loadInstalledBackbone,
  serializeLayersModel,
} from "../ml/backbone";
import { SURFACE_CLASSES, writeSurfaceImages } from "../ml/data/surfaces";
import { extractEmbeddings } from "../ml/embed";
import { exportedAccuracy } from "../ml/export";
import { trainClassifier, type TrainClassifierResult } from "../ml/train/trainer";
import { TEXTURE_CLASSES, SHAPE_CLASSES, writeShapeImages, writeTextureImages, type ShapeImage } from "../ml/train/test-shapes";
import type { BackboneSpec, BackendInfo, SerializedModel } from "../ml/types";
import { activateWasm } from "../ml/runtime/tf-runtime.mjs";
import { writeBenchmarksSection } from "./lib/benchmarks-doc";

const { values: args } = parseArgs({
  options: { "per-class": { type: "string", default: "100" }, "write-docs": { type: "boolean", default: false } },
});
const PER_CLASS = Number(args["per-class"]);
const HELD_OUT = 40;
const SIZE = 64;
const WASM: BackendInfo = { backend: "wasm", device: "bench", threads: 2 };
const SETTINGS = { mode: "quick" as const, epochs: 40, patience: 8, batchSize: 16, learningRate: 0.003, validationShare: 0.2, seed: 7 };
const log = (line: string) => process.stdout.write(line + "\n");

interface Outcome {
  data: string;
  backbone: string;
  validation: number;
  heldOut: number;
  seconds: number;
}

const heldOutAccuracy = (
  result: TrainClassifierResult,
  backbone: { spec: BackboneSpec; model: SerializedModel },
  classes: string[],
  heldOut: ShapeImage[],
) => exportedAccuracy({ classes, model: result.model, modelKind: result.modelKind, backbone }, heldOut);

async function main() {
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
  const work = await mkdtemp(path.join(os.tmpdir(), "vl-bench-backbones-"));
  const outcomes: Outcome[] = [];
  const started = new Date();
  try {
    const modelsDir = path.join(work, "models");
    const installed = await ensureBundledBackbone(modelsDir);
    if (installed.status === "unavailable") throw new Error(`bundled backbone unavailable: ${installed.reason}`);
    const bundled = await loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id);
    const sets = [
      {
        name: "shapes (circle/square/triangle; random colours, size, position, rotation, noise)",
        classes: [...SHAPE_CLASSES],
        write: writeShapeImages,
      },
      {
        name: "textures (stripes/checks/dots; random colour, angle, period, noise)",
        classes: [...TEXTURE_CLASSES],
        write: writeTextureImages,
      },
      {
        name: "metal surfaces (clean/scratched/pitted; the demo's generated photos)",
        classes: [...SURFACE_CLASSES],
        write: (o: { dir: string; perClass: number; seed: number; prefix?: string }) => writeSurfaceImages({ ...o, size: 128 }),
      },
    ];
    for (const set of sets) {
      const dir = path.join(work, set.classes[0]!);
      const pool = await set.write({ dir, perClass: PER_CLASS, size: SIZE, seed: 31, prefix: "pool" });
      const heldOut = await set.write({ dir, perClass: HELD_OUT, size: SIZE, seed: 32, prefix: "held" });
      const labels = pool.map((img) => img.label);

      log(`${set.name}: bundled MobileNet v2…`);
      let t = performance.now();
      const embedded = await extractEmbeddings({
        backbone: bundled,
        backend: WASM,
        workers: 2,
        images: pool.map((img) => img.path),
        batchSize: 16,
      });
      const dim = bundled.spec.embeddingSize;
      const matrix = new Float32Array(pool.length * dim);
      const byPath = new Map(embedded.map((e) => [e.path, e.embedding]));
      pool.forEach((img, i) => matrix.set(byPath.get(img.path)!, i * dim));
      const viaEmbeddings = await trainClassifier(
        { classes: set.classes, labels, data: { kind: "embeddings", embeddings: matrix, dim }, settings: SETTINGS },
        { backend: WASM },
      );
      outcomes.push({
        data: set.name,
        backbone: "bundled MobileNet v2 (pretrained) + head",
        validation: viaEmbeddings.report.accuracy ?? 0,
        heldOut: await heldOutAccuracy(viaEmbeddings, bundled, set.classes, heldOut),
        seconds: (performance.now() - t) / 1000,
      });

      log(`${set.name}: compact CNN from scratch…`);
      t = performance.now();
      const cnn = buildCompactCnn({ seed: SETTINGS.seed });
      const compact = { spec: COMPACT_CNN_V1, model: await serializeLayersModel(cnn) };
      cnn.dispose();
      const endToEnd = await trainClassifier(
        {
          classes: set.classes,
          labels,
          data: { kind: "images", paths: pool.map((img) => img.path), backbone: compact, trainBackbone: true },
          settings: SETTINGS,
        },
        { backend: WASM },
      );
      outcomes.push({
        data: set.name,
        backbone: "compact CNN (fallback, from scratch)",
        validation: endToEnd.report.accuracy ?? 0,
        heldOut: await heldOutAccuracy(endToEnd, compact, set.classes, heldOut),
        seconds: (performance.now() - t) / 1000,
      });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const table = [
    `| Images (${PER_CLASS} per class to train, ${HELD_OUT} per class held out; chance 33.3 %) | Backbone | Validation accuracy | Held-out accuracy | Time (extract + train) |`,
    "|---|---|---|---|---|",
    ...outcomes.map((o) => `| ${o.data} | ${o.backbone} | ${pct(o.validation)} | ${pct(o.heldOut)} | ${o.seconds.toFixed(0)} s |`),
  ].join("\n");
  log("\n" + table);
  if (args["write-docs"]) await writeDocs(started, table);
}

async function writeDocs(startedAt: Date, table: string) {
  const heading = "## Backbone accuracy (npm run bench:backbones)";
  const section = [
    heading,
    "",
    `Command: \`npm run bench:backbones -- --per-class ${PER_CLASS}\` (\`--write-docs\` rewrites this section). Measured ${startedAt.toISOString().slice(0, 10)} ` +
      `on ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.availableParallelism()} cores, WASM backend, load average ${os.loadavg()[0]!.toFixed(1)} at the end.`,
    "",
    table,
    "",
    "Generated images are not photos: no labelled photo set can be downloaded on these machines, so accuracy on real photos is not measured here. " +
      "Both backbones see the same images, split, seed, head settings and export path, so the gap between them is the backbone's.",
    "",
  ].join("\n");
  const file = await writeBenchmarksSection(heading, section);
  log(`wrote the backbone section of ${file}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
