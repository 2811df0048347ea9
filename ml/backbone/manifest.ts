import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BackboneSpec } from "../types";

// Paths in ml/backbone carry /* turbopackIgnore: true */: they point at runtime data
// (the models folder), which Next's output tracing must not try to follow.

export const MANIFEST_FILE = "manifest.json";
export const MODEL_FILE = "model.json";
/** The same network for ONNX Runtime, converted at install time (ml/onnx); optional, hashed like the rest. */
export const ONNX_FILE = "model.onnx";

/**
 * Written next to model.json when a backbone is installed. It pins the bytes of
 * every file (a partial download, a disk error or a swapped weight file is
 * refused at load time) and says how to run the model (input size, range,
 * embedding node). It guards what is on disk, not the download itself: the
 * hashes are taken from what the public location served at install time.
 */
export interface BackboneManifest {
  schema: 1;
  spec: BackboneSpec;
  /** Where the files came from (URL or local folder), for the UI and audits. */
  source: string;
  installedAt: string;
  files: Record<string, { sha256: string; bytes: number }>;
}

export class BackboneIntegrityError extends Error {
  override name = "BackboneIntegrityError";
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** model.json and its weight shards, in the order TF.js concatenates the shards. */
export function modelFileNames(modelJson: unknown): string[] {
  const manifest = (modelJson as { weightsManifest?: Array<{ paths?: unknown }> }).weightsManifest;
  if (!Array.isArray(manifest)) throw new BackboneIntegrityError("model.json has no weightsManifest");
  const shards = manifest.flatMap((group) => {
    if (!Array.isArray(group.paths)) throw new BackboneIntegrityError("model.json weightsManifest group without paths");
    return group.paths.map((p) => assertPlainFileName(p));
  });
  return [MODEL_FILE, ...shards];
}

/**
 * Shard names come from model.json, which may come from anywhere: only plain
 * names inside the model folder are accepted, never a path that climbs out of it.
 */
export function assertPlainFileName(name: unknown): string {
  if (typeof name !== "string" || !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name) || name.includes("..")) {
    throw new BackboneIntegrityError(`refusing weight file name ${JSON.stringify(name)} (not a plain file name)`);
  }
  return name;
}

export async function writeManifest(dir: string, spec: BackboneSpec, source: string, now: Date = new Date()): Promise<BackboneManifest> {
  const modelJson: unknown = JSON.parse(await readFile(path.join(/* turbopackIgnore: true */ dir, MODEL_FILE), "utf8"));
  const files: BackboneManifest["files"] = {};
  const onnx = await readFile(path.join(/* turbopackIgnore: true */ dir, ONNX_FILE)).catch(() => undefined);
  for (const name of modelFileNames(modelJson)) {
    const bytes = await readFile(path.join(/* turbopackIgnore: true */ dir, name));
    files[name] = { sha256: sha256(bytes), bytes: bytes.byteLength };
  }
  if (onnx) files[ONNX_FILE] = { sha256: sha256(onnx), bytes: onnx.byteLength };
  const manifest: BackboneManifest = { schema: 1, spec, source, installedAt: now.toISOString(), files };
  await writeFile(path.join(/* turbopackIgnore: true */ dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

export async function readManifest(dir: string): Promise<BackboneManifest> {
  let text: string;
  try {
    text = await readFile(path.join(/* turbopackIgnore: true */ dir, MANIFEST_FILE), "utf8");
  } catch {
    throw new BackboneIntegrityError(`no ${MANIFEST_FILE} in ${dir}: install the backbone with npm run ml:fetch-backbone`);
  }
  const parsed = JSON.parse(text) as Partial<BackboneManifest>;
  if (parsed.schema !== 1 || !parsed.spec || !parsed.files || typeof parsed.files !== "object") {
    throw new BackboneIntegrityError(`${path.join(/* turbopackIgnore: true */ dir, MANIFEST_FILE)} is not a backbone manifest (schema 1)`);
  }
  return parsed as BackboneManifest;
}

/**
 * Reads model.json and every shard it names, checking each against the
 * manifest. Returns the verified bytes so the model is built from exactly what
 * was checked (no second read that could differ).
 */
export async function readVerifiedFiles(
  dir: string,
  manifest: BackboneManifest,
): Promise<{ modelJson: Record<string, unknown>; shards: Map<string, Uint8Array> }> {
  const modelBytes = await readChecked(dir, MODEL_FILE, manifest);
  const modelJson = JSON.parse(Buffer.from(modelBytes).toString("utf8")) as Record<string, unknown>;
  const shards = new Map<string, Uint8Array>();
  for (const name of modelFileNames(modelJson).slice(1)) shards.set(name, await readChecked(dir, name, manifest));
  return { modelJson, shards };
}

/** The ONNX file when the manifest lists one (checked like the weights), else undefined. */
export async function readVerifiedOnnx(dir: string, manifest: BackboneManifest): Promise<Uint8Array | undefined> {
  return manifest.files[ONNX_FILE] ? readChecked(dir, ONNX_FILE, manifest) : undefined;
}

async function readChecked(dir: string, name: string, manifest: BackboneManifest): Promise<Uint8Array> {
  const expected = manifest.files[name];
  if (!expected) throw new BackboneIntegrityError(`${name} is not listed in ${MANIFEST_FILE}; refusing to load it`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path.join(/* turbopackIgnore: true */ dir, name));
  } catch {
    throw new BackboneIntegrityError(`${name} is missing from ${dir}; reinstall the backbone`);
  }
  if (bytes.byteLength !== expected.bytes || sha256(bytes) !== expected.sha256) {
    throw new BackboneIntegrityError(
      `${name} in ${dir} does not match its sha256 in ${MANIFEST_FILE} (damaged or altered); reinstall the backbone`,
    );
  }
  return bytes;
}
