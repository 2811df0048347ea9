import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { SerializedModel } from "../types";
import type { BackboneSpec } from "../types";
import { BUNDLED_MOBILENET_V2, BUNDLED_MOBILENET_V2_BLOCK10, BUNDLED_MOBILENET_V2_FINAL } from "./catalog";
import { pooledFeatures, type PooledPart } from "./feature-pooling";
import { installSerializedBackbone } from "./install";
import { withInstallLock } from "./install-lock";
import { serializeLayersModel } from "./model-files";
import { loadInstalledBackbone } from "./resolve";

/**
 * The offline default backbone: the Keras MobileNet v2 (width 1.0, 224 px) that
 * the `nsfwjs` npm package (MIT) ships inside its tarball, so `npm ci` brings
 * pretrained weights with no download. Its blocks 0–10 are the ImageNet weights
 * unchanged; its authors fine-tuned blocks 11–16 and a dense head for content
 * moderation. We drop that head and pool one layer of the trunk: by default
 * `block_10_expand_relu`, the last ImageNet-only block, whole and in a 2 × 2 grid
 * (2,304 values); runs from before that keep its global average (384 values) or the
 * 1280-wide pool of `out_relu`. See docs/PROTOTYPES.md#backbone.
 */
export const BUNDLED_PACKAGE = "nsfwjs";
export const BUNDLED_PACKAGE_VERSION = "4.4.0";
export const BUNDLED_MODEL_DIR = "dist/models/mobilenet_v2";
const BLOCK_10 = "block_10_expand_relu";

/**
 * What each bundled backbone pools, and where: the default cuts the network after block 10 and
 * keeps coarse layout (whole-image average and maximum, and the average of each 2 × 2 grid cell);
 * `out_relu` is the last layer of the trunk, before nsfwjs's own pooling and head.
 */
export const BUNDLED_POOLING: Readonly<Record<string, readonly PooledPart[]>> = {
  [BUNDLED_MOBILENET_V2.id]: [
    { layer: BLOCK_10, op: "avg", grid: 1 },
    { layer: BLOCK_10, op: "max", grid: 1 },
    { layer: BLOCK_10, op: "avg", grid: 2 },
  ],
  [BUNDLED_MOBILENET_V2_BLOCK10.id]: [{ layer: BLOCK_10, op: "avg", grid: 1 }],
  [BUNDLED_MOBILENET_V2_FINAL.id]: [{ layer: "out_relu", op: "avg", grid: 1 }],
};

function pooling(spec: BackboneSpec): readonly PooledPart[] {
  const parts = BUNDLED_POOLING[spec.id];
  if (!parts) throw new BundledBackboneUnavailableError(`${spec.id} is not built from the ${BUNDLED_PACKAGE} files`);
  return parts;
}

export class BundledBackboneUnavailableError extends Error {
  override name = "BundledBackboneUnavailableError";
}

/** The package folder, or undefined when the (optional at run time) package is absent. */
export function bundledPackageDir(from: string = process.cwd()): string | undefined {
  try {
    const require = createRequire(path.join(/* turbopackIgnore: true */ from, "package.json"));
    // The package's `exports` map hides package.json: resolve its entry point and walk up.
    let dir = path.dirname(require.resolve(BUNDLED_PACKAGE));
    while (!isPackageRoot(dir)) {
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
    return dir;
  } catch {
    return undefined;
  }
}

function packageVersion(dir: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path.join(/* turbopackIgnore: true */ dir, "package.json"), "utf8")) as {
      name?: string;
      version?: string;
    };
    return manifest.name === BUNDLED_PACKAGE ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

function isPackageRoot(dir: string): boolean {
  return packageVersion(dir) !== undefined;
}

interface BundledFiles {
  modelJson: { modelTopology: unknown; weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }> };
  weights: Uint8Array[];
}

/**
 * nsfwjs ships model.json and each weight shard as UMD modules (for bundlers):
 * model.min.js exports the model.json object, each shard module exports its
 * bytes as a base64 string.
 */
function readBundledFiles(packageDir: string): BundledFiles {
  const version = packageVersion(packageDir);
  if (version !== BUNDLED_PACKAGE_VERSION) {
    // The backbone id (and so the embedding cache) is tied to the version whose weights were checked.
    throw new BundledBackboneUnavailableError(
      `${packageDir} holds ${BUNDLED_PACKAGE} ${version ?? "(unknown version)"}, expected ${BUNDLED_PACKAGE_VERSION}; update BUNDLED_PACKAGE_VERSION and the backbone id together`,
    );
  }
  const dir = path.join(/* turbopackIgnore: true */ packageDir, BUNDLED_MODEL_DIR);
  const modelFile = path.join(/* turbopackIgnore: true */ dir, "model.min.js");
  if (!existsSync(modelFile)) throw new BundledBackboneUnavailableError(`${modelFile} is missing`);
  const require = createRequire(modelFile);
  const modelJson = require(modelFile) as BundledFiles["modelJson"];
  if (!modelJson?.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
    throw new BundledBackboneUnavailableError(`${modelFile} does not export a TF.js model.json`);
  }
  const weights = modelJson.weightsManifest.flatMap((group) =>
    group.paths.map((shard) => {
      const base = path.basename(shard).replace(/\.bin$/, "");
      const encoded = require(path.join(/* turbopackIgnore: true */ dir, `${base}.min.js`)) as unknown;
      if (typeof encoded !== "string") throw new BundledBackboneUnavailableError(`weight shard ${base} is not base64 text`);
      return new Uint8Array(Buffer.from(encoded, "base64"));
    }),
  );
  return { modelJson, weights };
}

/**
 * Builds the embedding model (image in [0, 1] → the pooled features of `spec`: 2,304
 * values by default) from the bundled files and serialises it, ready to be written
 * to the models folder. The pooling is part of the model, and only the layers up to
 * the pooled one are kept, so the default model never runs blocks 11–16.
 */
export async function buildBundledBackbone(packageDir: string, spec: BackboneSpec = BUNDLED_MOBILENET_V2): Promise<SerializedModel> {
  const parts = pooling(spec);
  const { modelJson, weights } = readBundledFiles(packageDir);
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const full = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology as tf.io.ModelJSON["modelTopology"],
      weightSpecs,
      weightData: tf.io.CompositeArrayBuffer.join(
        weights.map((w) => w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer),
      ),
    }),
  );
  try {
    const embedder = tf.model({ name: "mobilenet_v2_embedder", inputs: full.inputs, outputs: pooledFeatures(full, parts) });
    const width = (embedder.outputs[0]!.shape as number[])[1];
    if (width !== spec.embeddingSize) {
      const layers = [...new Set(parts.map((p) => p.layer))].join(", ");
      throw new BundledBackboneUnavailableError(`${spec.id}: ${layers} pool to ${width} values, the catalog says ${spec.embeddingSize}`);
    }
    return await serializeLayersModel(embedder);
  } finally {
    full.dispose();
  }
}

/** Written into the manifest: where the weights came from, with the exact package version. */
export function bundledSource(): string {
  return `npm:${BUNDLED_PACKAGE}@${BUNDLED_PACKAGE_VERSION}/${BUNDLED_MODEL_DIR}`;
}

export type BundledInstallResult =
  { status: "present" | "installed"; id: string; dir: string } | { status: "unavailable"; id: string; reason: string };

const inFlight = new Map<string, Promise<BundledInstallResult>>();

/**
 * Makes sure `<modelsDir>/<bundled id>` holds the bundled backbone, installing
 * it from node_modules when it is missing or damaged (about a second, once).
 * Never throws: when the package is absent or its files are unusable, the
 * result says why and training falls back to the compact CNN.
 */
export function ensureBundledBackbone(
  modelsDir: string,
  options: { packageDir?: string; spec?: BackboneSpec } = {},
): Promise<BundledInstallResult> {
  const spec = options.spec ?? BUNDLED_MOBILENET_V2;
  const dirKey = path.resolve(/* turbopackIgnore: true */ modelsDir);
  const key = `${dirKey}\0${spec.id}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = installIfNeeded(dirKey, spec, options.packageDir).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function installIfNeeded(modelsDir: string, spec: BackboneSpec, packageDir = bundledPackageDir()): Promise<BundledInstallResult> {
  const id = spec.id;
  const dir = path.join(/* turbopackIgnore: true */ modelsDir, id);
  if (await isIntact(modelsDir, id)) return { status: "present", id, dir };
  if (!packageDir) return { status: "unavailable", id, reason: `the npm package ${BUNDLED_PACKAGE} is not installed` };
  try {
    // Workers and web processes sharing the models folder start together: one installs, the others wait and reuse it.
    return await withInstallLock(modelsDir, id, async () => {
      if (await isIntact(modelsDir, id)) return { status: "present" as const, id, dir };
      const model = await buildBundledBackbone(packageDir, spec);
      await installSerializedBackbone({ model, spec, modelsDir, source: bundledSource() });
      return { status: "installed" as const, id, dir };
    });
  } catch (err) {
    // Another process (the web server and `npm run worker`) may have installed it meanwhile.
    if (await isIntact(modelsDir, id)) return { status: "present", id, dir };
    return { status: "unavailable", id, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Verified, and with its ONNX file: an install from before the ONNX engine is redone once to gain it. */
async function isIntact(modelsDir: string, id: string): Promise<boolean> {
  try {
    return (await loadInstalledBackbone(modelsDir, id)).onnx !== undefined;
  } catch {
    return false;
  }
}
