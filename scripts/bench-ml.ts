// npm run bench:ml [-- --quick] [--write-docs]
// For each compute backend this machine has: embedding extraction in images/s
// with a MobileNet v2 α 0.5 backbone at 224×224 (one worker thread vs the pool),
// head training time for 1,000 and 5,000 embeddings, and peak RSS while
// streaming a 20,000-image project. Each measurement runs in a fresh child
// process so one phase's memory does not count against another.
// --write-docs replaces the "## ML (npm run bench:ml)" section of docs/BENCHMARKS.md.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import sharp from "sharp";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../ml/backend";
import {
  BUNDLED_MOBILENET_V2,
  ensureBundledBackbone,
  installSerializedBackbone,
  loadInstalledBackbone,
  serializeLayersModel,
} from "../ml/backbone";
import { MOBILENET_V2_EMBEDDING_NODE } from "../ml/backbone/catalog";
import { buildMobileNetV2Graph } from "../ml/backbone/synthetic-graph";
import { createEmbedder } from "../ml/embed";
import type { BackboneSpec, BackendInfo, BackendName, LoadedBackbone } from "../ml/types";
import { writeBenchmarksSection } from "./lib/benchmarks-doc";
import { mb, rssSampler } from "./lib/memory";
import { printPhaseResult, runPhase } from "./lib/phases";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "write-docs": { type: "boolean", default: false },
    phase: { type: "string" },
    backend: { type: "string" },
    workers: { type: "string" },
    images: { type: "string" },
    count: { type: "string" },
    batch: { type: "string" },
    work: { type: "string" },
    model: { type: "string", default: "synthetic" },
  },
});

const QUICK = args.quick;
const SIZES = { stream: QUICK ? 2_000 : 20_000, photos: QUICK ? 48 : 192, cpu: QUICK ? 8 : 16 };
const EMBEDDING_SIZE = 1280;
const INFER_BATCH = 8;
const HEAD = { epochs: 20, classes: 5, hidden: 128 };

interface Row {
  what: string;
  backend: string;
  setting: string;
  value: string;
  target?: string;
}

const log = (line: string) => process.stdout.write(line + "\n");

async function makeImages(dir: string, count: number, width: number, height: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const pixels = Buffer.alloc(width * height * 3);
  for (let start = 0; start < count; start += 32) {
    const writes = [];
    for (let i = start; i < Math.min(count, start + 32); i++) {
      // Smooth gradients plus a coloured block: JPEGs of photo-like size, not worst-case noise.
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const p = (y * width + x) * 3;
          pixels[p] = (x * 255) / width;
          pixels[p + 1] = (y * 255) / height;
          pixels[p + 2] = ((x + y + i * 13) * 3) & 0xff;
        }
      const file = path.join(dir, `img-${String(i).padStart(5, "0")}.jpg`);
      files.push(file);
      const block = { width: Math.max(4, Math.floor(width / 4)), height: Math.max(4, Math.floor(height / 4)) };
      writes.push(
        sharp(Buffer.from(pixels), { raw: { width, height, channels: 3 } })
          .composite([
            {
              input: { create: { ...block, channels: 3, background: { r: (i * 40) % 256, g: (i * 90) % 256, b: 200 } } },
              left: (i * 7) % (width - block.width),
              top: (i * 5) % (height - block.height),
            },
          ])
          .jpeg({ quality: 85 })
          .toFile(file),
      );
    }
    await Promise.all(writes);
  }
  return files;
}

function spec(id: string, format: BackboneSpec["format"]): BackboneSpec {
  return {
    id,
    kind: "pretrained",
    title: id,
    format,
    preprocess: { version: 1, height: 224, width: 224, inputRange: [0, 1], resize: "fill", background: "#ffffff" },
    ...(format === "graph-model" ? { embeddingNode: MOBILENET_V2_EMBEDDING_NODE } : {}),
    embeddingSize: EMBEDDING_SIZE,
  };
}

/** MobileNet v2 α 0.5 as a graph model with the converter's fused ops: the kernels of the TF Hub backbone, random weights. */
function installMobileNet(modelsDir: string): Promise<LoadedBackbone> {
  const s = spec("bench_mobilenet_v2_050_224", "graph-model");
  const model = buildMobileNetV2Graph({ alpha: 0.5, inputSize: 224, embeddingNode: MOBILENET_V2_EMBEDDING_NODE });
  return installSerializedBackbone({ model, spec: s, modelsDir, source: "bench (random weights)" });
}

/** The offline default: MobileNet v2 α 1.0 with the pretrained weights shipped in the nsfwjs package. */
async function installBundled(modelsDir: string): Promise<LoadedBackbone> {
  const result = await ensureBundledBackbone(modelsDir);
  if (result.status === "unavailable") throw new Error(`bundled backbone unavailable: ${result.reason}`);
  return loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id);
}

/** A cheap 224×224 → 1280 backbone (32×32 average pool + dense) for the long stream: decoding and bookkeeping dominate. */
async function installCheap(modelsDir: string): Promise<LoadedBackbone> {
  const input = tf.input({ shape: [224, 224, 3] });
  const pooled = tf.layers.averagePooling2d({ poolSize: 32, strides: 32 }).apply(input) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(pooled) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: EMBEDDING_SIZE, activation: "relu" }).apply(flat) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  const backbone = await installSerializedBackbone({
    model: await serializeLayersModel(model),
    spec: spec("bench_cheap_224", "layers-model"),
    modelsDir,
    source: "bench",
  });
  model.dispose();
  return backbone;
}

// ---------- phases (each runs in its own child process) ----------

async function phaseExtract(work: string, backendName: BackendName, workers: number, imagesDir: string, model: string) {
  const backend = await selectBackend({ preference: backendName, threads: workers });
  const modelsDir = path.join(work, `models-${process.pid}`);
  const backbone = model === "bundled" ? await installBundled(modelsDir) : await installMobileNet(modelsDir);
  const { readdir } = await import("node:fs/promises");
  const all = (await readdir(imagesDir)).sort().map((f) => path.join(imagesDir, f));
  const files = backendName === "cpu" ? all.slice(0, SIZES.cpu) : all;
  const embedder = await createEmbedder({ backbone, backend, workers });
  for await (const _ of embedder.embed(files.slice(0, workers * INFER_BATCH * 2))) void _; // warm-up
  const stop = rssSampler();
  const started = performance.now();
  let ok = 0;
  for await (const batch of embedder.embed(files, { batchSize: INFER_BATCH })) ok += batch.filter((b) => b.embedding).length;
  const seconds = (performance.now() - started) / 1000;
  const peak = stop();
  await embedder.close();
  return { perSecond: ok / seconds, peakRss: peak, threads: embedder.threads, mode: embedder.mode, images: ok, engine: embedder.engine };
}

/** Minimal dense head until ml/train lands: 1280 → 128 relu → dropout 0.3 → softmax, Adam 1e-3. */
/**
 * Head training on synthetic embeddings with ml/train's trainer (what a run uses: seeded dropout, class weights,
 * early stopping with patience 5, at most 20 epochs here), or a minimal tf.layers head when ml/train is absent.
 */
async function phaseHead(backendName: BackendName, count: number, batchSize: number) {
  await selectBackend({ preference: backendName });
  const trainer = await import("../ml/runtime/train/embeddings-trainer.mjs").catch(() => null);
  if (trainer) return phaseHeadWithTrainer(trainer.trainHeadOnEmbeddings as unknown as HeadTrainer, count, batchSize);
  const { classes } = HEAD;
  const centers = tf.randomNormal([classes, EMBEDDING_SIZE], 0, 1, "float32", 42);
  const labels = tf.tensor1d(
    Array.from({ length: count }, (_, i) => i % classes),
    "int32",
  );
  const x = tf.tidy(() => tf.relu(tf.gather(centers, labels).add(tf.randomNormal([count, EMBEDDING_SIZE], 0, 3, "float32", 7))));
  const y = tf.oneHot(labels, classes);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [EMBEDDING_SIZE], units: HEAD.hidden, activation: "relu" }),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: classes, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const started = performance.now();
  const history = await model.fit(x, y, { epochs: HEAD.epochs, batchSize, validationSplit: 0.2, verbose: 0 });
  const seconds = (performance.now() - started) / 1000;
  const valAcc = (history.history.val_acc ?? history.history.val_accuracy ?? []).at(-1);
  return { seconds, valAccuracy: Number(valAcc) };
}

type HeadTrainer = (job: Record<string, unknown>) => Promise<{ head: tf.LayersModel; history: Array<{ valAcc: number | null }> }>;

async function phaseHeadWithTrainer(trainHeadOnEmbeddings: HeadTrainer, count: number, batchSize: number) {
  const { classes } = HEAD;
  const embeddings = tf.tidy(() => {
    const centers = tf.randomNormal([classes, EMBEDDING_SIZE], 0, 1, "float32", 42);
    const labels = tf.tensor1d(
      Array.from({ length: count }, (_, i) => i % classes),
      "int32",
    );
    return tf.relu(tf.gather(centers, labels).add(tf.randomNormal([count, EMBEDDING_SIZE], 0, 3, "float32", 7)));
  });
  const matrix = (await embeddings.data()) as Float32Array;
  embeddings.dispose();
  const labels = Int32Array.from({ length: count }, (_, i) => i % classes);
  const rows = Array.from({ length: count }, (_, i) => i);
  // Every fifth block of `classes` consecutive rows: all classes appear on both sides.
  const held = (i: number) => Math.floor(i / classes) % 5 === 0;
  const validation = rows.filter(held);
  const train = rows.filter((i) => !held(i));
  const started = performance.now();
  const result = await trainHeadOnEmbeddings({
    embeddings: matrix,
    dim: EMBEDDING_SIZE,
    labels,
    classCount: classes,
    train,
    validation,
    classWeights: new Array(classes).fill(1),
    settings: {
      epochs: HEAD.epochs,
      batchSize,
      learningRate: 0.001,
      validationShare: 0.2,
      augment: false,
      seed: 1,
      patience: 5,
      hiddenUnits: HEAD.hidden,
      dropout: 0.3,
    },
  });
  const seconds = (performance.now() - started) / 1000;
  result.head.dispose();
  return { seconds, valAccuracy: Number(result.history.at(-1)?.valAcc ?? NaN), epochs: result.history.length, trainer: "ml/train" };
}

async function phaseStream(work: string, backendName: BackendName, imagesDir: string) {
  const backend = await selectBackend({ preference: backendName });
  const backbone = await installCheap(path.join(work, `models-${process.pid}`));
  const { opendir } = await import("node:fs/promises");
  const embedder = await createEmbedder({ backbone, backend });
  const kept: Float32Array[] = [];
  const stop = rssSampler();
  const started = performance.now();
  // Paths come from a directory cursor, never a full list: the shape of a database cursor in the app.
  async function* cursor() {
    for await (const entry of await opendir(imagesDir)) if (entry.isFile()) yield path.join(imagesDir, entry.name);
  }
  for await (const batch of embedder.embed(cursor(), { batchSize: INFER_BATCH })) {
    for (const item of batch) if (item.embedding) kept.push(item.embedding);
  }
  const seconds = (performance.now() - started) / 1000;
  const peak = stop();
  await embedder.close();
  return { images: kept.length, seconds, peakRss: peak, threads: embedder.threads };
}

// ---------- orchestration ----------

/** Runs one phase of this script in a fresh process. */
function child<T>(phaseArgs: string[]): Promise<T> {
  return runPhase<T>(fileURLToPath(import.meta.url), phaseArgs);
}

async function availableBackends(notes: string[]): Promise<BackendInfo[]> {
  const found: BackendInfo[] = [];
  for (const preference of ["tensorflow-gpu", "tensorflow", "wasm", "cpu"] as const) {
    const info = await selectBackend({ preference });
    if (info.backend === preference) found.push(info);
    else notes.push(`${preference}: not available here (${info.fallbackReason?.split("; ")[0]?.replace(`${preference}: `, "")}).`);
  }
  return found;
}

async function orchestrate() {
  const startedAt = new Date();
  const load = os.loadavg()[0]!.toFixed(1);
  const work = await mkdtemp(path.join(os.tmpdir(), "vl-bench-ml-"));
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const cores = os.availableParallelism();
    log(
      `bench:ml on ${os.cpus()[0]?.model ?? "unknown CPU"}, ${cores} cores, Node ${process.version}, load average ${load}${QUICK ? " (--quick)" : ""}`,
    );
    const backends = await availableBackends(notes);
    log(`backends available: ${backends.map((b) => b.backend).join(", ")}`);

    const sets = [
      { name: "224×224 JPEGs (the input size: decode, no resize)", dir: path.join(work, "jpeg-224"), w: 224, h: 224 },
      { name: "640×480 JPEGs (decode + resize + infer)", dir: path.join(work, "jpeg-640"), w: 640, h: 480 },
    ];
    for (const set of sets) {
      log(`generating ${SIZES.photos} ${set.w}×${set.h} JPEGs…`);
      await makeImages(set.dir, SIZES.photos, set.w, set.h);
    }

    for (const backend of backends) {
      const pool = backend.backend === "wasm" || backend.backend === "cpu";
      for (const set of backend.backend === "cpu" ? sets.slice(0, 1) : sets) {
        for (const workers of pool ? [...new Set([1, cores])] : [cores]) {
          log(`extraction: ${backend.backend}, ${workers} worker(s), ${set.name}…`);
          const r = await child<{ perSecond: number; peakRss: number; threads: number; mode: string; images: number }>([
            "--phase",
            "extract",
            "--work",
            work,
            "--backend",
            backend.backend,
            "--workers",
            String(workers),
            "--images",
            set.dir,
          ]);
          rows.push({
            what: `Extraction, MobileNet v2 α 0.5 at 224² — ${set.name}, ${r.images} images`,
            backend: backend.backend,
            setting:
              r.mode === "in-process"
                ? `in-process (${r.threads} native threads)`
                : `${r.threads} worker thread${r.threads > 1 ? "s" : ""}, batch ${INFER_BATCH}`,
            value: `${r.perSecond.toFixed(1)} img/s (peak RSS ${mb(r.peakRss)})`,
            ...(backend.backend === "wasm" && workers === cores ? { target: "≥ 80 img/s" } : {}),
          });
        }
      }
    }

    // The backbone a fresh install actually uses (real pretrained weights, width 1.0): the widest pool only.
    for (const backend of backends) {
      if (backend.backend === "cpu") continue;
      const workers = cores;
      log(`extraction: bundled MobileNet v2 α 1.0, ${backend.backend}, ${workers} worker(s)…`);
      const r = await child<{ perSecond: number; peakRss: number; threads: number; mode: string; images: number; engine: string }>([
        "--phase",
        "extract",
        "--model",
        "bundled",
        "--work",
        work,
        "--backend",
        backend.backend,
        "--workers",
        String(workers),
        "--images",
        sets[0]!.dir,
      ]);
      rows.push({
        what: `Extraction, bundled MobileNet v2 α 1.0 (nsfwjs weights, the offline default) at 224² — ${sets[0]!.name}, ${r.images} images`,
        backend: r.engine,
        setting: r.mode === "in-process" ? `in-process (${r.threads} native threads)` : `${r.threads} worker threads, batch ${INFER_BATCH}`,
        value: `${r.perSecond.toFixed(1)} img/s (peak RSS ${mb(r.peakRss)})`,
      });
    }

    const trainer = backends[0]!.backend;
    let headTrainer = "";
    for (const [count, batchSize] of [
      [1_000, 32],
      [5_000, 32],
      [5_000, 64],
    ] as const) {
      log(`head training: ${count} embeddings, batch ${batchSize}, on ${trainer}…`);
      const r = await child<{ seconds: number; valAccuracy: number; epochs?: number; trainer?: string }>([
        "--phase",
        "head",
        "--backend",
        trainer,
        "--count",
        String(count),
        "--batch",
        String(batchSize),
      ]);
      headTrainer = r.trainer ?? "minimal tf.layers head";
      rows.push({
        what: `Head training, ${count.toLocaleString("en")} embeddings (1280-d), ${r.epochs ?? HEAD.epochs} of at most ${HEAD.epochs} epochs, batch ${batchSize}, 80/20 split`,
        backend: trainer,
        setting: "one thread",
        value: `${r.seconds.toFixed(1)} s (val. accuracy ${(r.valAccuracy * 100).toFixed(0)}% on separable synthetic data)`,
        ...(count === 5_000 ? { target: "< 30 s" } : {}),
      });
    }
    notes.push(
      headTrainer === "ml/train"
        ? `Head training uses ml/train's trainer (the one runs use): 1280 → ${HEAD.hidden} ReLU → dropout 0.3 → softmax, Adam 1e-3, early stopping (patience 5), on synthetic separable embeddings.`
        : `Head training uses a minimal dense head (1280 → ${HEAD.hidden} ReLU → dropout 0.3 → softmax, Adam 1e-3) because ml/train was not found.`,
    );

    const streamDir = path.join(work, "stream");
    log(`generating ${SIZES.stream.toLocaleString("en")} 64×64 JPEGs for the memory stream…`);
    await makeImages(streamDir, SIZES.stream, 64, 64);
    const streamBackend = backends.find((b) => b.backend === "wasm")?.backend ?? trainer;
    log(`streaming ${SIZES.stream.toLocaleString("en")} images…`);
    const s = await child<{ images: number; seconds: number; peakRss: number; threads: number }>([
      "--phase",
      "stream",
      "--work",
      work,
      "--backend",
      streamBackend,
      "--images",
      streamDir,
    ]);
    rows.push({
      what: `Peak RSS streaming ${s.images.toLocaleString("en")} images (decode, resize to 224², embed; all ${s.images.toLocaleString("en")} 1280-d embeddings kept in memory)`,
      backend: streamBackend,
      setting: `${s.threads} worker threads, cheap backbone, ${s.seconds.toFixed(0)} s`,
      value: mb(s.peakRss),
      target: "< 1.5 GB",
    });
    notes.push(
      `The ${SIZES.stream.toLocaleString("en")}-image stream uses a cheap 224×224 → 1280 backbone (32×32 average pool + dense) so it ends in minutes. ` +
        "What grows with the project (queued batches, the kept embeddings) is the same as with MobileNet; what MobileNet adds " +
        "(a model copy and its activations in each worker, independent of the project size) shows in the peak RSS of the MobileNet extraction rows. " +
        "The same project on the run's own path (ONNX Runtime, the default backbone, 9 KB of embeddings per image): `npm run bench:inference -- --stream 20000`.",
    );
    notes.push(
      "The α 0.5 rows use random weights made locally (the TF Hub download is unreachable here) and the bundled row the real nsfwjs weights; the synthetic MobileNet v2 is a TF.js graph model " +
        "with the converter's fused ops, so it runs the same kernels as the TF Hub model. Timings only.",
    );
    notes.push(`Load average when the run started: ${load} (other processes shared the ${cores} cores).`);

    const text = [table(rows), "", ...notes.map((n) => `- ${n}`)].join("\n");
    log("");
    log(text);
    log(`(${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s in all)`);
    if (args["write-docs"]) await writeDocs(startedAt, text);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function table(rows: Row[]): string {
  return [
    "| Measurement | Backend | Setting | Result | Target |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.what} | ${r.backend} | ${r.setting} | ${r.value} | ${r.target ?? ""} |`),
  ].join("\n");
}

async function writeDocs(startedAt: Date, body: string) {
  const heading = "## ML (npm run bench:ml)";
  const section = [
    heading,
    "",
    `Command: \`npm run bench:ml${QUICK ? " -- --quick" : ""}\` (\`npm run bench:ml -- --write-docs\` rewrites this section). ` +
      `Measured ${startedAt.toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? "unknown CPU"}, ` +
      `${os.availableParallelism()} cores, ${mb(os.totalmem())} RAM, Node ${process.version}.`,
    "",
    body,
    "",
  ].join("\n");
  const file = await writeBenchmarksSection(heading, section);
  log(`wrote the ML section of ${file}`);
}

async function main() {
  const backend = args.backend as BackendName | undefined;
  switch (args.phase) {
    case undefined:
      return orchestrate();
    case "extract":
      return printPhaseResult(await phaseExtract(args.work!, backend!, Number(args.workers), args.images!, args.model));
    case "head":
      return printPhaseResult(await phaseHead(backend!, Number(args.count), Number(args.batch)));
    case "stream":
      return printPhaseResult(await phaseStream(args.work!, backend!, args.images!));
    default:
      throw new Error(`unknown phase ${args.phase}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
