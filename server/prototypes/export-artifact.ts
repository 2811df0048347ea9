import { readExportZip, type PreprocessingFile } from "@/ml/export";
import type { SerializedModel } from "@/ml/types";
import { readObject, runExportKey, type ObjectStorage, type StoredObjectStream } from "@/server/storage";

/**
 * What a finished run leaves in storage: `models/<runId>/export.zip`, the same zip users download
 * (ml/export: one self-contained TF.js model from image to probabilities, the ONNX model,
 * labels, preprocessing, README). Prediction loads it too, so what a user downloads is exactly
 * what answered on the server. Storage replaces objects whole, so a crash never leaves half a zip
 * under the run's id.
 */
export async function writeRunArtifact(storage: ObjectStorage, runId: string, zip: Uint8Array): Promise<void> {
  await storage.put(runExportKey(runId), zip);
}

/** The zip as a stream, for downloads (a model can be tens of MB; it is never held whole). */
export async function openRunZip(storage: ObjectStorage, runId: string): Promise<StoredObjectStream> {
  return storage.get(runExportKey(runId));
}

export async function readRunArtifact(
  storage: ObjectStorage,
  runId: string,
): Promise<{ model: SerializedModel; onnx?: Uint8Array; labels: string[]; preprocessing: PreprocessingFile }> {
  // Loading a model needs all of it in memory anyway (the zip's directory is at its end).
  const { model, onnx, labels, preprocessing } = await readExportZip(await readObject(storage, runExportKey(runId)));
  return { model, ...(onnx ? { onnx } : {}), labels, preprocessing };
}
