// Prepares the GPU cross-check (scripts/gpu/README.md): the bundled backbone converted to
// ONNX by our own TypeScript converter, 32 real preprocessed inputs (generated shape images,
// decoded and normalised exactly as the app does) and ONNX Runtime's CPU outputs for them,
// written to .gpu/ (git-ignored) so the device machine can compare its engines against ours.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { selectBackend } from "../../ml/backend";
import { BUNDLED_MOBILENET_V2, ensureBundledBackbone, loadInstalledBackbone } from "../../ml/backbone";
import { ONNX_FILE } from "../../ml/backbone/manifest";
import { preprocessBatch } from "../../ml/embed/preprocess";
import { createSession, runBatch } from "../../ml/runtime/ort.mjs";
import { writeShapeImages } from "../../ml/train/test-shapes";

const OUT = path.resolve(".gpu");
const COUNT = 32;

await selectBackend({ preference: "wasm" });
const work = await mkdtemp(path.join(os.tmpdir(), "vl-gpu-prep-"));
try {
  const modelsDir = path.join(work, "models");
  const installed = await ensureBundledBackbone(modelsDir);
  if (installed.status === "unavailable") throw new Error(installed.reason);
  const backbone = await loadInstalledBackbone(modelsDir, BUNDLED_MOBILENET_V2.id);
  const onnx = await readFile(path.join(modelsDir, BUNDLED_MOBILENET_V2.id, ONNX_FILE));
  const { height, width } = backbone.spec.preprocess;
  const images = await writeShapeImages({ dir: path.join(work, "images"), perClass: Math.ceil(COUNT / 3), size: 256, seed: 7 });
  const buffers = await Promise.all(images.slice(0, COUNT).map((image) => readFile(image.path)));
  const { data, okIndices } = await preprocessBatch(buffers, backbone.spec.preprocess);
  if (okIndices.length !== COUNT) throw new Error(`only ${okIndices.length} of ${COUNT} images decoded`);
  const { session } = await createSession(onnx, { threads: os.availableParallelism() });
  const output = await runBatch(session, data, COUNT, { height, width });
  await mkdir(OUT, { recursive: true });
  await writeFile(path.join(OUT, "model.onnx"), onnx);
  await writeFile(path.join(OUT, "input.f32"), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  await writeFile(path.join(OUT, "output.f32"), Buffer.from(output.buffer, output.byteOffset, output.byteLength));
  const meta = {
    count: COUNT,
    height,
    width,
    outputWidth: output.length / COUNT,
    backbone: BUNDLED_MOBILENET_V2.id,
    engine: "onnxruntime-node 1.30 CPU",
  };
  await writeFile(path.join(OUT, "meta.json"), JSON.stringify(meta, null, 2));
  console.log(`wrote ${OUT}: model.onnx ${(onnx.byteLength / 1e6).toFixed(1)} MB, ${JSON.stringify(meta)}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
