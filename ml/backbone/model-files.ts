import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { ModelFormat, SerializedModel } from "../types";
import { BackboneIntegrityError, MODEL_FILE, modelFileNames, readVerifiedFiles, type BackboneManifest } from "./manifest";

type ModelJSON = Parameters<typeof tf.io.getModelArtifactsForJSON>[0];

/**
 * The file-system half of TF.js IO. TF.js without tfjs-node has no file://
 * handler, and the models folder is the only place weights are loaded from.
 * Every byte is checked against the manifest before TF.js sees it.
 */
export async function loadVerifiedModel(dir: string, manifest: BackboneManifest): Promise<SerializedModel> {
  const { modelJson, shards } = await readVerifiedFiles(dir, manifest);
  const format = modelJson.format;
  if (format !== "graph-model" && format !== "layers-model") {
    throw new BackboneIntegrityError(`model.json in ${dir} has format ${JSON.stringify(format)}; expected graph-model or layers-model`);
  }
  if (format !== manifest.spec.format) {
    throw new BackboneIntegrityError(`model.json is a ${format} but the manifest describes a ${manifest.spec.format}`);
  }
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson as unknown as ModelJSON, async (weightsManifest) => {
    const specs = weightsManifest.flatMap((group) => group.weights);
    const buffers = modelFileNames(modelJson)
      .slice(1)
      .map((name) => toArrayBuffer(shards.get(name)!));
    return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
  });
  return fromArtifacts(artifacts, format);
}

/** Serialises a model in memory: how locally built backbones reach worker threads. */
export async function serializeLayersModel(model: tf.LayersModel): Promise<SerializedModel> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  if (!captured) throw new Error("TF.js did not hand over the model artifacts");
  return fromArtifacts(captured, "layers-model");
}

/** Writes model.json + one weights file in TF.js's format (what the fetch script installs and tests build). */
export async function writeModelDir(serialized: SerializedModel, dir: string, weightsFile = "weights.bin"): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { weightData, weightSpecs, ...rest } = serialized;
  const modelJson = { ...rest, weightsManifest: [{ paths: [weightsFile], weights: weightSpecs }] };
  await writeFile(path.join(/* turbopackIgnore: true */ dir, weightsFile), new Uint8Array(weightData));
  await writeFile(path.join(/* turbopackIgnore: true */ dir, MODEL_FILE), JSON.stringify(modelJson));
}

function fromArtifacts(artifacts: tf.io.ModelArtifacts, format: ModelFormat): SerializedModel {
  if (!artifacts.weightSpecs || artifacts.weightData === undefined) {
    throw new BackboneIntegrityError("model has no weights");
  }
  const serialized: SerializedModel = {
    format,
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
    weightData: tf.io.CompositeArrayBuffer.join(artifacts.weightData),
  };
  if (artifacts.signature) serialized.signature = artifacts.signature;
  if (artifacts.userDefinedMetadata) serialized.userDefinedMetadata = artifacts.userDefinedMetadata;
  if (artifacts.modelInitializer) serialized.modelInitializer = artifacts.modelInitializer;
  if (artifacts.initializerSignature) serialized.initializerSignature = artifacts.initializerSignature;
  if (artifacts.generatedBy) serialized.generatedBy = artifacts.generatedBy;
  if (artifacts.convertedBy !== undefined) serialized.convertedBy = artifacts.convertedBy;
  return serialized;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
