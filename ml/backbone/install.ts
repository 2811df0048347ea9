import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { embedBatch, instantiateModel } from "../workers/tf-runtime.mjs";
import type { BackboneSpec, LoadedBackbone, SerializedModel } from "../types";
import { convertToCheckedOnnx } from "../onnx/convert-backbone";
import { BackboneIntegrityError, ONNX_FILE, assertPlainFileName, writeManifest } from "./manifest";
import { writeModelDir } from "./model-files";
import { loadBackboneDir, loadInstalledBackbone } from "./resolve";

/** A folder next to the final one, so the final rename stays on one file system. */
export async function makeStagingDir(modelsDir: string, id: string): Promise<string> {
  // Unique per call: on a shared folder two containers are both pid 1.
  const staging = path.resolve(
    /* turbopackIgnore: true */ modelsDir,
    `.${assertPlainFileName(id)}.staging-${process.pid}-${randomUUID().slice(0, 8)}`,
  );
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  return staging;
}

/**
 * Turns a staging folder holding model.json + shards into an installed
 * backbone: writes the manifest, loads it back through the normal (verifying)
 * path, runs one image, and only then replaces `<modelsDir>/<id>`. A failure
 * leaves any previous install untouched.
 */
export async function commitStagedBackbone(options: {
  stagingDir: string;
  modelsDir: string;
  spec: BackboneSpec;
  source: string;
}): Promise<LoadedBackbone> {
  const { stagingDir, modelsDir, spec, source } = options;
  const finalDir = path.resolve(/* turbopackIgnore: true */ modelsDir, assertPlainFileName(spec.id));
  try {
    await writeManifest(stagingDir, spec, source);
    const staged = await loadBackboneDir(stagingDir, spec.id);
    await smokeTest(staged);
    await rm(finalDir, { recursive: true, force: true });
    await rename(stagingDir, finalDir);
  } catch (err) {
    await rm(stagingDir, { recursive: true, force: true });
    throw err;
  }
  return loadInstalledBackbone(modelsDir, spec.id);
}

/**
 * Installs a model built in memory (the bundled backbone, tests, benchmarks)
 * exactly as the fetch script installs a download. A layers model also gets its
 * ONNX conversion (checked against TF.js first) for the fast embedding path.
 */
export async function installSerializedBackbone(options: {
  model: SerializedModel;
  spec: BackboneSpec;
  modelsDir: string;
  source: string;
}): Promise<LoadedBackbone> {
  const stagingDir = await makeStagingDir(options.modelsDir, options.spec.id);
  await writeModelDir(options.model, stagingDir);
  if (options.model.format === "layers-model") {
    const conversion = await convertToCheckedOnnx(options.model, options.spec);
    if (conversion.status !== "failed") await writeFile(path.join(/* turbopackIgnore: true */ stagingDir, ONNX_FILE), conversion.onnx);
  }
  return commitStagedBackbone({ stagingDir, modelsDir: options.modelsDir, spec: options.spec, source: options.source });
}

/** One grey image through the network on the current backend: the embedding must have the promised size and be finite. */
export async function smokeTest(backbone: LoadedBackbone): Promise<void> {
  const model = await instantiateModel(backbone.model);
  try {
    const { height, width, inputRange } = backbone.spec.preprocess;
    const grey = new Float32Array(height * width * 3).fill((inputRange[0] + inputRange[1]) / 2);
    const embedding = await embedBatch(model, backbone.spec, grey, 1);
    if (embedding.length !== backbone.spec.embeddingSize) {
      throw new BackboneIntegrityError(
        `${backbone.spec.id} produced ${embedding.length} values per image, its manifest promises ${backbone.spec.embeddingSize}`,
      );
    }
    if (!embedding.every(Number.isFinite)) throw new BackboneIntegrityError(`${backbone.spec.id} produced non-finite values`);
  } finally {
    model.dispose();
  }
}
