// Runs the export zip's README browser page verbatim in a real Chromium (Debian's /usr/bin/chromium)
// and compares its answers with the server's. The zip holds the product's default (optimise) model
// behind the small edge-filter test backbone; the page is served as the README asks (the zip's files,
// vips-es6.js and vips.wasm from wasm-vips, cross-origin isolation headers); TF.js, which the page
// loads from a CDN, comes from node_modules because this machine has no internet.
// The vitest parity test runs the same loaders in Node; this adds the browser's own decoding, fetch
// and tf.loadLayersModel path. Usage: npx tsx scripts/check-browser-export.ts
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import * as tf from "@tensorflow/tfjs";
import JSZip from "jszip";
import sharp from "sharp";
import { defaultWasmDir } from "../ml/backend/wasm-dir";
import { serializeLayersModel } from "../ml/backbone";
import { renderSurface, SURFACE_CLASSES, writeSurfaceImages } from "../ml/data/surfaces";
import { extractEmbeddings } from "../ml/embed";
import { buildExportZip, readExportZip } from "../ml/export/bundle";
import { buildEdgeExtractor } from "../ml/train/test-extractor";
import { trainClassifier } from "../ml/train/trainer";
import type { BackendInfo } from "../ml/types";
import { preprocessBatch } from "../ml/runtime/preprocess.mjs";
import { activateWasm, instantiateModel } from "../ml/runtime/tf-runtime.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/chromium";

const WASM: BackendInfo = { backend: "wasm", device: "script", threads: 2 };
const wasm = await activateWasm(defaultWasmDir());
if (!wasm.ok) throw new Error(wasm.reason);
const tmp = await mkdtemp(path.join(os.tmpdir(), "vl-browser-export-"));
try {
  const extractor = buildEdgeExtractor(96);
  const backbone = { spec: extractor.spec, model: await serializeLayersModel(extractor.model), origin: { kind: "memory" as const } };
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
      settings: { seed: 3 },
    },
    { backend: WASM },
  );
  const zipBytes = await buildExportZip({ classes: [...SURFACE_CLASSES], model: trained.model, modelKind: trained.modelKind, backbone });
  const zip = await JSZip.loadAsync(zipBytes);
  const files = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files)) files.set(name, await entry.async("nodebuffer"));
  const vipsDir = path.join(process.cwd(), "node_modules", "wasm-vips", "lib");
  for (const name of ["vips-es6.js", "vips.wasm"]) files.set(name, await readFile(path.join(vipsDir, name)));
  const { readme, model } = await readExportZip(zipBytes);
  const page = /```html\n([\s\S]*?)```/.exec(readme)![1]!;

  // Held-out photos, each served as photo.jpg under its own folder (libvips reads the format from the bytes).
  const photos: Buffer[] = [];
  for (const [label, kind] of SURFACE_CLASSES.entries()) {
    for (let i = 0; i < 4; i++) {
      const png = await renderSurface(kind, 5000 + label * 31 + i, [900, 320, 64, 1200][i]!);
      const make = [
        () => sharp(png).jpeg({ quality: 88 }).withMetadata({ orientation: 6 }).toBuffer(),
        () => sharp(png).webp().toBuffer(),
        async () => png,
        () => sharp(png).jpeg({ quality: 92 }).toBuffer(),
      ][i]!;
      photos.push(await make());
    }
  }

  const types: Record<string, string> = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
  };
  const server = http
    .createServer((req, res) => {
      const [, folder, name] = /^\/(\d+)\/(.*)$/.exec(new URL(req.url ?? "/", "http://localhost").pathname) ?? [];
      const body =
        name === ""
          ? Buffer.from(`<!doctype html><meta charset="utf-8">\n${page}`)
          : name === "photo.jpg"
            ? photos[Number(folder)]
            : files.get(name ?? "");
      if (!body) return res.writeHead(404).end();
      res.writeHead(200, {
        "content-type": name === "" ? "text/html" : (types[path.extname(name!)] ?? "application/octet-stream"),
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
      });
      res.end(body);
    })
    .listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as { port: number }).port;
  const tfScript = await readFile(path.join(process.cwd(), "node_modules", "@tensorflow", "tfjs", "dist", "tf.min.js"));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const answers: Array<Array<{ label: string; probability: number }>> = [];
  try {
    const context = await browser.newContext();
    await context.route("https://cdn.jsdelivr.net/**", (route) =>
      route.fulfill({ body: tfScript, contentType: "text/javascript", headers: { "access-control-allow-origin": "*" } }),
    );
    for (let i = 0; i < photos.length; i++) {
      const tab = await context.newPage();
      const logged = new Promise<unknown>((resolve, reject) => {
        tab.on("console", (message) => void message.args()[0]?.jsonValue().then(resolve, reject));
        tab.on("pageerror", reject);
      });
      await tab.goto(`http://127.0.0.1:${port}/${i}/`);
      answers.push((await logged) as Array<{ label: string; probability: number }>);
      await tab.close();
    }
  } finally {
    await browser.close();
    server.close();
  }

  // The server: its preprocessing, then the zip's model on WASM (as the prediction worker runs it).
  const { preprocessing } = await readExportZip(zipBytes);
  const classifier = (await instantiateModel(model)) as tf.LayersModel;
  const { data } = await preprocessBatch(photos, preprocessing);
  const out = (
    classifier.predict(tf.tensor4d(data, [photos.length, preprocessing.height, preprocessing.width, 3])) as tf.Tensor
  ).dataSync();
  let agree = 0;
  let maxDiff = 0;
  answers.forEach((ranked, i) => {
    const server = SURFACE_CLASSES.map((_, c) => out[i * SURFACE_CLASSES.length + c]!);
    if (ranked[0]!.label === SURFACE_CLASSES[server.indexOf(Math.max(...server))]) agree++;
    for (const { label, probability } of ranked) {
      maxDiff = Math.max(maxDiff, Math.abs(probability - server[SURFACE_CLASSES.indexOf(label as (typeof SURFACE_CLASSES)[number])]!));
    }
  });
  console.log(
    `README browser page in Chromium ${browser.version()}: top-1 agreement ${agree}/${photos.length}, largest probability difference ${maxDiff.toExponential(2)}`,
  );
} finally {
  await rm(tmp, { recursive: true, force: true });
}
