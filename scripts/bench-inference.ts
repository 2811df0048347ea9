// npm run bench:ml runs this first (alone: npm run bench:inference [-- --quick]).
// ONNX Runtime, the engine for frozen networks, on the default backbone (the
// bundled MobileNet v2 width 1.0 at 224², pretrained weights, cut after block 10):
//   1. the machine's ceiling: a float32 matrix multiply on every core, in GFLOP/s;
//   2. inference only (pixels already decoded), img/s on a pool of one worker per core, and % of the ceiling
//      (at 2 FLOP per multiply-add, counted from the backbone's ONNX graph);
//   3. extraction end to end (JPEG decode + resize + inference) through the app's embedder, img/s and peak RSS;
//   4. prediction through the prediction thread (decode + backbone + head): p50/p90 for one image, and batches of 32 in img/s.
// `--stream 20000` adds 5.: a long project through the same embedder (the run's path: ONNX Runtime, default
// backbone), 640×480 JPEGs fed from a cursor, every embedding kept in memory as a run keeps them: img/s and peak RSS.
// Each measurement runs in a fresh child process so one's memory does not count against another.
// Figures, not assertions: record them in docs/BENCHMARKS.md with the load average printed.
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import sharp from "sharp";
import { selectBackend } from "../ml/backend";
import { BUNDLED_MOBILENET_V2, ensureBundledBackbone, loadInstalledBackbone } from "../ml/backbone";
import { createEmbedder } from "../ml/embed";
import { buildExportZip, readExportZip } from "../ml/export";
import { countMultiplyAdds } from "../ml/onnx/multiply-adds";
import { OnnxGraph } from "../ml/onnx/onnx-graph";
import { createSession } from "../ml/runtime/ort.mjs";
import { buildHead } from "../ml/runtime/train/head.mjs";
import { serializeModel } from "../ml/runtime/train/serialize.mjs";
import { Predictor } from "../server/prototypes/predictor";
import { mb, rssSampler } from "./lib/memory";
import { printPhaseResult, runPhase } from "./lib/phases";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    phase: { type: "string" },
    work: { type: "string" },
    images: { type: "string" },
    stream: { type: "string" },
  },
});

const QUICK = args.quick;
const CORES = os.availableParallelism();
const BATCH = 8;
const log = (line: string) => process.stdout.write(line + "\n");

async function bundled(work: string) {
  await selectBackend({ preference: "wasm" });
  const modelsDir = path.join(work, "models");
  const result = await ensureBundledBackbone(modelsDir);
  if (result.status === "unavailable") throw new Error(result.reason);
  return loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id);
}

// ---------- phases ----------

/** One session on every core multiplying two n×n float matrices (inputs, so nothing is folded away). */
async function phaseCeiling() {
  const n = 1024;
  const graph = new OnnxGraph();
  graph.node("MatMul", ["a", "b"], "c");
  const bytes = graph.encode({
    name: "matmul",
    inputs: [
      { name: "a", shape: [n, n] },
      { name: "b", shape: [n, n] },
    ],
    output: { name: "c", shape: [n, n] },
  });
  const { session } = await createSession(bytes, { threads: CORES });
  const ort = await import("onnxruntime-node");
  const a = new ort.Tensor(
    "float32",
    Float32Array.from({ length: n * n }, () => Math.random()),
    [n, n],
  );
  const b = new ort.Tensor(
    "float32",
    Float32Array.from({ length: n * n }, () => Math.random()),
    [n, n],
  );
  for (let i = 0; i < 3; i++) await session.run({ a, b });
  const runs: number[] = [];
  for (let i = 0; i < (QUICK ? 10 : 30); i++) {
    const started = performance.now();
    await session.run({ a, b });
    runs.push(performance.now() - started);
  }
  runs.sort((x, y) => x - y);
  const median = runs[Math.floor(runs.length / 2)]!;
  return { gflops: (2 * n ** 3) / (median / 1000) / 1e9 };
}

/** A pool of one worker per core, each with its own one-thread session, fed pre-decoded batches: the engine alone. */
async function phaseInfer(work: string) {
  const backbone = await bundled(work);
  const script = `
    const { parentPort, workerData } = require("node:worker_threads");
    const ort = require("onnxruntime-node");
    (async () => {
      const session = await ort.InferenceSession.create(workerData.onnx, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: "all" });
      const input = new ort.Tensor("float32", Float32Array.from({ length: ${BATCH} * 224 * 224 * 3 }, () => Math.random()), [${BATCH}, 224, 224, 3]);
      for (let i = 0; i < 2; i++) await session.run({ image: input });
      parentPort.postMessage("ready");
      parentPort.once("message", async (seconds) => {
        let images = 0;
        const end = performance.now() + seconds * 1000;
        while (performance.now() < end) { await session.run({ image: input }); images += ${BATCH}; }
        parentPort.postMessage(images);
      });
    })();`;
  const stop = rssSampler();
  const workers = Array.from({ length: CORES }, () => new Worker(script, { eval: true, workerData: { onnx: backbone.onnx } }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once("message", resolve))));
  const seconds = QUICK ? 5 : 15;
  const counts = await Promise.all(
    workers.map(
      (w) =>
        new Promise<number>((resolve) => {
          w.once("message", resolve);
          w.postMessage(seconds);
        }),
    ),
  );
  const peak = stop();
  await Promise.all(workers.map((w) => w.terminate()));
  return { perSecond: counts.reduce((a, b) => a + b, 0) / seconds, peakRss: peak };
}

/** The app's embedder (what a training run uses) on JPEG files: decode, resize, inference, results back. */
async function phaseExtract(work: string, imagesDir: string) {
  const backend = await selectBackend({ preference: "wasm", threads: CORES });
  const backbone = await bundled(work);
  const files = (await readdir(imagesDir)).sort().map((f) => path.join(imagesDir, f));
  const stop = rssSampler();
  const embedder = await createEmbedder({ backbone, backend, workers: CORES });
  for await (const _ of embedder.embed(files.slice(0, CORES * BATCH * 2))) void _; // warm-up
  const started = performance.now();
  let ok = 0;
  // The embedder's own batch size: what a training run uses.
  for await (const batch of embedder.embed(files)) ok += batch.filter((b) => b.embedding).length;
  const seconds = (performance.now() - started) / 1000;
  const peak = stop();
  await embedder.close();
  return {
    perSecond: ok / seconds,
    images: ok,
    peakRss: peak,
    engine: embedder.engine,
    threads: embedder.threads,
    batch: embedder.batchSize,
  };
}

/**
 * A long project: `count` images (the files in imagesDir, cycled) streamed through the app's embedder, paths
 * from a generator (the shape of the database cursor a run reads), every embedding kept as a run keeps them.
 */
async function phaseStream(work: string, imagesDir: string, count: number) {
  const backend = await selectBackend({ preference: "wasm", threads: CORES });
  const backbone = await bundled(work);
  const files = (await readdir(imagesDir)).sort().map((f) => path.join(imagesDir, f));
  const embedder = await createEmbedder({ backbone, backend, workers: CORES });
  const kept: Float32Array[] = [];
  const stop = rssSampler();
  const started = performance.now();
  function* cursor() {
    for (let i = 0; i < count; i++) yield files[i % files.length]!;
  }
  for await (const batch of embedder.embed(cursor())) for (const item of batch) if (item.embedding) kept.push(item.embedding);
  const seconds = (performance.now() - started) / 1000;
  const peak = stop();
  await embedder.close();
  return {
    images: kept.length,
    seconds,
    peakRss: peak,
    embeddingBytes: kept.reduce((a, e) => a + e.byteLength, 0),
    engine: embedder.engine,
  };
}

/** The prediction thread with a trained run's export (backbone + 5-class head): what REST predict and Try it call. */
async function phasePredict(work: string, imagesDir: string) {
  await selectBackend({ preference: "wasm" });
  const backbone = await bundled(work);
  const head = buildHead({ inputSize: backbone.spec.embeddingSize, classCount: 5, hiddenUnits: 128, dropout: 0.3, seed: 1 });
  const exported = await readExportZip(
    await buildExportZip({ classes: ["a", "b", "c", "d", "e"], model: await serializeModel(head), modelKind: "head", backbone }),
  );
  const files = await Promise.all((await readdir(imagesDir)).sort().map((f) => readFile(path.join(imagesDir, f))));
  const predictor = new Predictor({ backend: "wasm" });
  const stop = rssSampler();
  const loaded = await predictor.prepare("bench", async () => exported);
  for (let i = 0; i < 5; i++) await predictor.predict(loaded, [files[i]!]);
  const latencies: number[] = [];
  let engine = "";
  for (let i = 0; i < (QUICK ? 50 : 200); i++) {
    const started = performance.now();
    engine = (await predictor.predict(loaded, [files[i % files.length]!])).engine;
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const batch = 32;
  const rounds = Math.max(2, Math.floor(files.length / batch));
  const started = performance.now();
  for (let r = 0; r < rounds; r++)
    await predictor.predict(loaded, files.slice((r * batch) % files.length, ((r * batch) % files.length) + batch));
  const batchPerSecond = (rounds * batch) / ((performance.now() - started) / 1000);
  const peak = stop();
  await predictor.close();
  return {
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p90: latencies[Math.floor(latencies.length * 0.9)]!,
    batchPerSecond,
    peakRss: peak,
    engine,
  };
}

// ---------- orchestration ----------

/** Runs one phase of this script in a fresh process. */
function child<T>(phaseArgs: string[]): Promise<T> {
  return runPhase<T>(fileURLToPath(import.meta.url), phaseArgs);
}

async function makeJpegs(dir: string, count: number, width: number, height: number) {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const hue = { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 };
    await sharp({ create: { width, height, channels: 3, background: hue, noise: { type: "gaussian", mean: 128, sigma: 30 } } })
      .jpeg({ quality: 85 })
      .toFile(path.join(dir, `img-${String(i).padStart(4, "0")}.jpg`));
  }
}

async function orchestrate() {
  const work = await mkdtemp(path.join(os.tmpdir(), "vl-bench-inference-"));
  const uptime = () =>
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`;
  try {
    log(
      `bench:inference — ${os.cpus()[0]?.model ?? "unknown CPU"}, ${CORES} cores, Node ${process.version}, ${uptime()}${QUICK ? " (--quick)" : ""}`,
    );
    const count = QUICK ? 64 : 256;
    const sets = [
      { name: "224×224 JPEGs", dir: path.join(work, "jpeg-224"), w: 224, h: 224 },
      { name: "640×480 JPEGs", dir: path.join(work, "jpeg-640"), w: 640, h: 480 },
    ];
    for (const set of sets) await makeJpegs(set.dir, count, set.w, set.h);
    // Converted once here, so the phases below time inference, not the install.
    const backbone = await bundled(work);
    const counted = countMultiplyAdds(backbone.onnx!);
    const gflopPerImage = (2 * counted.total) / 1e9;
    log(
      `backbone: ${backbone.spec.title} (${backbone.spec.id}): ${(counted.total / 1e6).toFixed(1)} M multiply-adds per image, counted from its ONNX graph = ${gflopPerImage.toFixed(3)} GFLOP`,
    );

    const ceiling = await child<{ gflops: number }>(["--phase", "ceiling"]);
    const ceilingImages = (ceiling.gflops / gflopPerImage).toFixed(0);
    log(
      `1. ceiling: float32 MatMul 1024², ONNX Runtime on ${CORES} threads: ${ceiling.gflops.toFixed(1)} GFLOP/s ≈ ${ceilingImages} img/s at ${gflopPerImage.toFixed(3)} GFLOP per image   (${uptime()})`,
    );

    const infer = await child<{ perSecond: number; peakRss: number }>(["--phase", "infer", "--work", work]);
    const share = (100 * infer.perSecond * gflopPerImage) / ceiling.gflops;
    log(
      `2. inference only, ${backbone.spec.id}, ${CORES} workers × 1 thread, batch ${BATCH}: ${infer.perSecond.toFixed(1)} img/s = ${share.toFixed(0)} % of the ceiling (target ≥ 60 %), peak RSS ${mb(infer.peakRss)}   (${uptime()})`,
    );

    for (const set of sets) {
      const r = await child<{ perSecond: number; images: number; peakRss: number; engine: string; threads: number; batch: number }>([
        "--phase",
        "extract",
        "--work",
        work,
        "--images",
        set.dir,
      ]);
      log(
        `3. extraction end to end (decode included), ${set.name}, ${r.images} images, ${r.engine} on ${r.threads} workers, batch ${r.batch}: ${r.perSecond.toFixed(1)} img/s (target ≥ 150), peak RSS ${mb(r.peakRss)} (target ≤ 600 MB)   (${uptime()})`,
      );
    }

    const p = await child<{ p50: number; p90: number; batchPerSecond: number; peakRss: number; engine: string }>([
      "--phase",
      "predict",
      "--work",
      work,
      "--images",
      sets[1]!.dir,
    ]);
    log(
      `4. prediction thread (${p.engine}), 640×480 JPEG, backbone + head: one image p50 ${p.p50.toFixed(1)} ms, p90 ${p.p90.toFixed(1)} ms (target p50 ≤ 30 ms); batches of 32: ${p.batchPerSecond.toFixed(1)} img/s (target ≥ 100); peak RSS ${mb(p.peakRss)}   (${uptime()})`,
    );
    log("   (4 excludes HTTP, the API-key lookup and the rate-limit query: a few ms per request on top.)");
    if (args.stream) {
      const s = await child<{ images: number; seconds: number; peakRss: number; embeddingBytes: number; engine: string }>([
        "--phase",
        "stream",
        "--work",
        work,
        "--images",
        sets[1]!.dir,
        "--stream",
        args.stream,
      ]);
      log(
        `5. a ${s.images.toLocaleString("en")}-image project, 640×480 JPEGs from a cursor, ${s.engine}, every embedding kept (${mb(s.embeddingBytes)}): ${(s.images / s.seconds).toFixed(1)} img/s, ${s.seconds.toFixed(0)} s, peak RSS ${mb(s.peakRss)}   (${uptime()})`,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main() {
  const work = args.work ?? "";
  const images = args.images ?? "";
  let result: unknown;
  if (args.phase === "ceiling") result = await phaseCeiling();
  else if (args.phase === "infer") result = await phaseInfer(work);
  else if (args.phase === "extract") result = await phaseExtract(work, images);
  else if (args.phase === "predict") result = await phasePredict(work, images);
  else if (args.phase === "stream") result = await phaseStream(work, images, Number(args.stream));
  else return orchestrate();
  printPhaseResult(result);
  process.exit(0);
}

await main();
