import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { writeModelDir } from "@/ml/backbone";
import type { BackboneSpec, PreprocessSpec, SerializedModel } from "@/ml/types";

/**
 * What a finished run leaves on disk, under <dataDir>/models/<runId>/:
 *   run.json        this description
 *   model/          the trained part in TF.js layers format (model.json + weights.bin)
 * "head": the model takes the backbone's embedding; the backbone itself stays in
 * the models folder and is identified by id and the sha256 of its model.json, so a
 * reinstalled backbone with other weights is noticed instead of silently mixed.
 * "full": the model takes the preprocessed image (the compact CNN trained end to end).
 */
export interface RunArtifact {
  schema: 1;
  runId: string;
  kind: "head" | "full";
  classes: string[];
  preprocess: PreprocessSpec;
  backbone: { id: string; spec: BackboneSpec; modelJsonSha256: string } | null;
}

export const RUN_FILE = "run.json";
export const MODEL_DIR = "model";

export function artifactDir(dataDir: string, runId: string): string {
  return path.join(/* turbopackIgnore: true */ dataDir, "models", runId);
}

/** Writes into a staging folder first, so a crash never leaves a half-written artifact under the run's id. */
export async function writeRunArtifact(dataDir: string, artifact: RunArtifact, model: SerializedModel): Promise<string> {
  const finalDir = artifactDir(dataDir, artifact.runId);
  const staging = `${finalDir}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeModelDir(model, path.join(/* turbopackIgnore: true */ staging, MODEL_DIR));
  await writeFile(path.join(/* turbopackIgnore: true */ staging, RUN_FILE), JSON.stringify(artifact, null, 2) + "\n");
  await rm(finalDir, { recursive: true, force: true });
  await rename(staging, finalDir);
  return finalDir;
}

export async function readRunArtifact(dir: string): Promise<{ artifact: RunArtifact; model: SerializedModel }> {
  const artifact = JSON.parse(await readFile(path.join(/* turbopackIgnore: true */ dir, RUN_FILE), "utf8")) as RunArtifact;
  const modelDir = path.join(/* turbopackIgnore: true */ dir, MODEL_DIR);
  const modelJson = JSON.parse(await readFile(path.join(/* turbopackIgnore: true */ modelDir, "model.json"), "utf8")) as {
    modelTopology: unknown;
    format?: string;
    weightsManifest: Array<{ paths: string[]; weights: unknown[] }>;
  };
  const buffers: ArrayBuffer[] = [];
  for (const group of modelJson.weightsManifest) {
    for (const file of group.paths) {
      const bytes = await readFile(path.join(/* turbopackIgnore: true */ modelDir, path.basename(file)));
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    }
  }
  return {
    artifact,
    model: {
      format: "layers-model",
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
      weightData: tf.io.CompositeArrayBuffer.join(buffers),
    },
  };
}
