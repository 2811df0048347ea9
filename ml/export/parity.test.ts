// Export parity: the zip's own README snippets, run as a user would, must answer like the server.
// Node: the README's script (plain @tensorflow/tfjs + sharp through the shipped classify-node.mjs)
// runs in a child process. Browser: the shipped classify-browser.mjs is given each file's bytes and
// prepares them with wasm-vips (libvips in WebAssembly, as the README's page loads it). Both are
// compared with the server's path (ml/workers/preprocess.mjs + the model from the zip on WASM, as
// the prediction worker runs it) on held-out images the head never saw: PNG and JPEG, larger and
// smaller than the model's input.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as tf from "@tensorflow/tfjs";
import JSZip from "jszip";
import sharp from "sharp";
import Vips from "wasm-vips";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultWasmDir } from "../backend/wasm-dir";
import { serializeLayersModel } from "../backbone";
import { renderSurface, SURFACE_CLASSES, writeSurfaceImages } from "../data/surfaces";
import { extractEmbeddings } from "../embed";
import { buildEdgeExtractor } from "../train/test-extractor";
import { trainClassifier } from "../train/trainer";
import type { BackendInfo, LoadedBackbone } from "../types";
import { preprocessBatch } from "../workers/preprocess.mjs";
import { activateWasm, instantiateModel } from "../workers/tf-runtime.mjs";
import { buildExportZip, readExportZip } from "./bundle";

const WASM: BackendInfo = { backend: "wasm", device: "test", threads: 2 };
const run = promisify(execFile);

let tmp: string;
let unzipped: string;
let zipBytes: Buffer;
let backbone: LoadedBackbone;
const heldOut: Array<{ path: string; label: number }> = [];

beforeAll(async () => {
  const wasm = await activateWasm(defaultWasmDir());
  if (!wasm.ok) throw new Error(wasm.reason);
  tmp = await mkdtemp(path.join(os.tmpdir(), "vl-parity-"));
  // A small fixed edge-filter backbone: what is compared is the preprocessing and the loaders, and a
  // child process on TF.js's plain cpu backend runs MobileNet at seconds per image on a shared CI machine.
  const extractor = buildEdgeExtractor(96);
  backbone = { spec: extractor.spec, model: await serializeLayersModel(extractor.model), origin: { kind: "memory" } };
  extractor.model.dispose();
  const pool = await writeSurfaceImages({ dir: tmp, perClass: 20, seed: 1, prefix: "pool" });
  const embedded = await extractEmbeddings({ backbone, backend: WASM, workers: 2, images: pool.map((i) => i.path), batchSize: 16 });
  const dim = backbone.spec.embeddingSize;
  const embeddings = new Float32Array(pool.length * dim);
  embedded.forEach((e, i) => embeddings.set(e.embedding!, i * dim));
  const trained = await trainClassifier(
    {
      classes: [...SURFACE_CLASSES],
      labels: pool.map((i) => i.label),
      data: { kind: "embeddings", embeddings, dim },
      // The product's default: the optimise step's winner (here a logistic head, whose sharp
      // probabilities magnify any difference in the pixels).
      settings: { seed: 3 },
    },
    { backend: WASM },
  );
  zipBytes = await buildExportZip({ classes: [...SURFACE_CLASSES], model: trained.model, modelKind: trained.modelKind, backbone });

  // Held out: other generator seeds, at sizes and in formats that exercise every resize path.
  const variants = [
    { size: 320, format: "png" },
    { size: 700, format: "jpeg" },
    { size: 128, format: "png" },
    { size: 64, format: "png" },
  ] as const;
  for (const [label, kind] of SURFACE_CLASSES.entries()) {
    for (let i = 0; i < 12; i++) {
      const { size, format } = variants[i % variants.length]!;
      const file = path.join(tmp, `held-${kind}-${i}.${format}`);
      const png = await renderSurface(kind, 977 + label * 101 + i, size);
      await writeFile(file, format === "jpeg" ? await sharp(png).jpeg({ quality: 90 }).toBuffer() : png);
      heldOut.push({ path: file, label });
    }
  }

  // Unzipped below the repository's node_modules, so the snippets' bare imports resolve as in a user's project.
  const cache = path.join(process.cwd(), "node_modules", ".cache");
  await mkdir(cache, { recursive: true });
  unzipped = await mkdtemp(path.join(cache, "vl-export-"));
  const zip = await JSZip.loadAsync(zipBytes);
  for (const [name, entry] of Object.entries(zip.files)) await writeFile(path.join(unzipped, name), await entry.async("nodebuffer"));
}, 240_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await rm(unzipped, { recursive: true, force: true });
});

/** The server's answer for each held-out image: its preprocessing and the zip's model on WASM. */
async function serverProbabilities(): Promise<Float32Array[]> {
  const { model, preprocessing } = await readExportZip(zipBytes);
  const classifier = (await instantiateModel(model)) as tf.LayersModel;
  const { data, okIndices } = await preprocessBatch(
    heldOut.map((i) => i.path),
    { ...preprocessing, inputRange: preprocessing.inputRange },
  );
  expect(okIndices).toHaveLength(heldOut.length);
  const out = tf.tidy(() =>
    (classifier.predict(tf.tensor4d(data, [heldOut.length, preprocessing.height, preprocessing.width, 3])) as tf.Tensor).dataSync(),
  );
  classifier.dispose();
  const k = SURFACE_CLASSES.length;
  return heldOut.map((_, i) => Float32Array.from(out.subarray(i * k, (i + 1) * k)));
}

function compare(server: Float32Array[], other: Float32Array[]) {
  let agree = 0;
  let maxDiff = 0;
  server.forEach((p, i) => {
    const q = other[i]!;
    const top = (v: ArrayLike<number>) => Array.from(v).indexOf(Math.max(...Array.from(v)));
    if (top(p) === top(q)) agree++;
    p.forEach((value, c) => (maxDiff = Math.max(maxDiff, Math.abs(value - q[c]!))));
  });
  return { agreement: agree / server.length, maxDiff };
}

/** Probabilities in label order from a snippet's ranked answer. */
const inLabelOrder = (ranked: Array<{ label: string; probability: number }>) =>
  Float32Array.from(SURFACE_CLASSES, (label) => ranked.find((r) => r.label === label)!.probability);

function codeBlock(readme: string, language: string): string {
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(readme);
  if (!match) throw new Error(`the README has no ${language} block`);
  return match[1]!;
}

describe("the exported zip answers like the server", () => {
  it("through the README's Node.js snippet (plain @tensorflow/tfjs + sharp): ≥ 99 % top-1 agreement, probabilities within 0.01", async () => {
    const { readme, preprocessing } = await readExportZip(zipBytes);
    expect(preprocessing).toMatchObject({ resizeKernel: "lanczos3", resize: "fill" });
    await writeFile(path.join(unzipped, "classify.mjs"), codeBlock(readme, "js"));
    const { stdout } = await run(process.execPath, [path.join(unzipped, "classify.mjs"), ...heldOut.map((i) => i.path)], {
      cwd: unzipped,
      maxBuffer: 16 * 1024 * 1024,
    });
    const answers = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line.split("\t")[1]!) as Array<{ label: string; probability: number }>);
    expect(answers).toHaveLength(heldOut.length);
    const result = compare(await serverProbabilities(), answers.map(inLabelOrder));
    console.log(`[parity] node snippet: agreement ${result.agreement}, max probability difference ${result.maxDiff.toExponential(2)}`);
    expect(result.agreement).toBeGreaterThanOrEqual(0.99);
    expect(result.maxDiff).toBeLessThan(0.01);
  }, 240_000);

  it("through the README's browser module (wasm-vips), given each file's bytes", async () => {
    const { readme, model, labels, preprocessing } = await readExportZip(zipBytes);
    const page = codeBlock(readme, "html");
    expect(page).toContain('from "./classify-browser.mjs"');
    expect(page).toContain("await Vips(");
    const browser = (await import(/* @vite-ignore */ path.join(unzipped, "classify-browser.mjs"))) as {
      classifierFor: (
        tfApi: typeof tf,
        vips: unknown,
        m: unknown,
        l: string[],
        p: typeof preprocessing,
      ) => { classify: (file: Uint8Array) => Array<{ label: string; probability: number }> };
    };
    const classifier = (await instantiateModel(model)) as tf.LayersModel;
    const snippet = browser.classifierFor(tf, await Vips(), classifier, labels, preprocessing);
    const answers: Float32Array[] = [];
    for (const image of heldOut) answers.push(inLabelOrder(snippet.classify(await readFile(image.path))));
    classifier.dispose();
    const result = compare(await serverProbabilities(), answers);
    console.log(`[parity] browser module: agreement ${result.agreement}, max probability difference ${result.maxDiff.toExponential(2)}`);
    expect(result.agreement).toBeGreaterThanOrEqual(0.99);
    expect(result.maxDiff).toBeLessThan(0.01);
  }, 240_000);
});
