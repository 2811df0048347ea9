import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { readExportZip, type PreprocessingFile } from "@/ml/export";
import type { SerializedModel } from "@/ml/types";

/**
 * What a finished run leaves on disk: <dataDir>/models/<runId>/export.zip, the
 * same zip users download (ml/export: one self-contained TF.js model from image
 * to probabilities, labels, preprocessing, README). Prediction loads it too, so
 * what a user downloads is exactly what answered on the server.
 */
export const EXPORT_FILE = "export.zip";

export function artifactDir(dataDir: string, runId: string): string {
  return path.join(/* turbopackIgnore: true */ dataDir, "models", runId);
}

/** Written under a temporary name and renamed, so a crash never leaves half a zip under the run's id. */
export async function writeRunArtifact(dataDir: string, runId: string, zip: Buffer): Promise<string> {
  const dir = artifactDir(dataDir, runId);
  await mkdir(dir, { recursive: true });
  const file = path.join(/* turbopackIgnore: true */ dir, EXPORT_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, zip);
  await rename(temporary, file);
  return dir;
}

export async function readRunZip(dataDir: string, runId: string): Promise<Buffer> {
  return readFile(path.join(/* turbopackIgnore: true */ artifactDir(dataDir, runId), EXPORT_FILE));
}

export async function readRunArtifact(
  dataDir: string,
  runId: string,
): Promise<{ model: SerializedModel; onnx?: Uint8Array; labels: string[]; preprocessing: PreprocessingFile }> {
  const { model, onnx, labels, preprocessing } = await readExportZip(await readRunZip(dataDir, runId));
  return { model, ...(onnx ? { onnx } : {}), labels, preprocessing };
}
