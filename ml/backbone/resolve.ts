import { stat } from "node:fs/promises";
import path from "node:path";
import type { BackboneSpec, LoadedBackbone } from "../types";
import { COMPACT_CNN_V1, PRETRAINED_PREFERENCE } from "./catalog";
import { BackboneIntegrityError, assertPlainFileName, readManifest, readVerifiedOnnx } from "./manifest";
import { loadVerifiedModel } from "./model-files";

export class BackboneNotInstalledError extends Error {
  override name = "BackboneNotInstalledError";
}

/** Said in the UI whenever the fallback is in use; see docs/PROTOTYPES.md#backbone. */
export const COMPACT_CNN_ACCURACY_NOTE =
  "No pretrained backbone is installed, so the classifier is a small CNN trained from scratch on your images. " +
  "Expect clearly lower accuracy on real photos than with the ImageNet-pretrained MobileNet (often 10–30 points " +
  "lower with a few hundred images per class), slower training (every epoch decodes images), and no embedding cache. " +
  "The app installs the pretrained MobileNet v2 that ships with the npm package nsfwjs at start-up; if that failed, " +
  "the reason is in the server log. `npm run ml:fetch-backbone` installs the TF Hub MobileNet on a machine with internet access.";

export type BackboneResolution =
  { status: "pretrained"; backbone: LoadedBackbone } | { status: "fallback"; spec: BackboneSpec; reason: string; accuracyNote: string };

/**
 * Loads one installed backbone from `<modelsDir>/<id>/`, verified against its
 * manifest. This is the only way pretrained weights enter the process.
 */
export async function loadInstalledBackbone(modelsDir: string, id: string): Promise<LoadedBackbone> {
  const dir = path.resolve(/* turbopackIgnore: true */ modelsDir, assertPlainFileName(id));
  const found = await stat(dir).catch(() => undefined);
  if (!found?.isDirectory())
    throw new BackboneNotInstalledError(`${id} is not installed in ${path.resolve(/* turbopackIgnore: true */ modelsDir)}`);
  return loadBackboneDir(dir, id);
}

/** Loads and verifies the backbone in `dir`, whose manifest must be for `expectedId`. */
export async function loadBackboneDir(dir: string, expectedId: string): Promise<LoadedBackbone> {
  const manifest = await readManifest(dir);
  if (manifest.spec.id !== expectedId) {
    throw new BackboneIntegrityError(`${dir} holds a manifest for ${JSON.stringify(manifest.spec.id)}, not ${expectedId}`);
  }
  assertUsableSpec(manifest.spec);
  const model = await loadVerifiedModel(dir, manifest);
  const onnx = await readVerifiedOnnx(dir, manifest);
  return { spec: manifest.spec, model, ...(onnx ? { onnx } : {}), origin: { kind: "models-dir", dir } };
}

/**
 * The backbone a new run should use: the preferred id if it is installed and
 * intact, else the first intact pretrained one, else the compact CNN with the
 * reasons (a damaged install is reported, not silently skipped).
 */
export async function resolveBackbone(options: { modelsDir: string; preferredId?: string }): Promise<BackboneResolution> {
  const ids = [...(options.preferredId ? [options.preferredId] : []), ...PRETRAINED_PREFERENCE.filter((id) => id !== options.preferredId)];
  const problems: string[] = [];
  for (const id of ids) {
    try {
      return { status: "pretrained", backbone: await loadInstalledBackbone(options.modelsDir, id) };
    } catch (err) {
      if (err instanceof BackboneNotInstalledError) continue;
      problems.push(`${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const reason =
    problems.length > 0
      ? `installed pretrained backbones were refused (${problems.join("; ")})`
      : `no pretrained backbone installed in ${path.resolve(/* turbopackIgnore: true */ options.modelsDir)}`;
  return { status: "fallback", spec: COMPACT_CNN_V1, reason, accuracyNote: COMPACT_CNN_ACCURACY_NOTE };
}

function assertUsableSpec(spec: BackboneSpec): void {
  const { height, width, inputRange } = spec.preprocess;
  const sizeOk = [height, width].every((n) => Number.isInteger(n) && n >= 16 && n <= 1024);
  const rangeOk = inputRange.length === 2 && inputRange.every(Number.isFinite) && inputRange[0] < inputRange[1];
  if (!sizeOk || !rangeOk || !(spec.embeddingSize > 0) || spec.kind !== "pretrained") {
    throw new BackboneIntegrityError(`manifest for ${spec.id} describes an unusable backbone`);
  }
}
