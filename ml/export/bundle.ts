import JSZip from "jszip";
import type * as tf from "@tensorflow/tfjs";
import { HEAD_LAYERS } from "../train/head.mjs";
import { attachHead, serializeModel } from "../train/serialize.mjs";
import type { BackboneSpec, PreprocessSpec, SerializedModel } from "../types";
import { instantiateModel } from "../workers/tf-runtime.mjs";
import { graftHeadOntoGraph, type HeadWeights } from "./graph-head";
import { backboneLicence } from "../backbone/licences";
import { convertToCheckedOnnx } from "../onnx/convert-backbone";
import { ONNX_INPUT, ONNX_OUTPUT } from "../onnx/keras-to-onnx";
import { OPSET } from "../onnx/onnx-graph";
import { exportReadme } from "./readme";
import { SHARP_VERSION, snippetFiles } from "./snippet-files";

export const WEIGHTS_FILE = "weights.bin";
/** The same classifier (backbone + head) for ONNX Runtime and other ONNX tools; absent when the model does not convert. */
export const ONNX_MODEL_FILE = "model.onnx";

export interface ExportInput {
  classes: string[];
  /** What training produced (see TrainClassifierResult). */
  model: SerializedModel;
  modelKind: "head" | "full";
  /** The backbone the head was trained behind; needed when modelKind is "head". */
  backbone: { spec: BackboneSpec; model?: SerializedModel };
  /** Facts about the run, written to metadata.json (e.g. id, version, accuracy, date). */
  metadata?: Record<string, unknown>;
}

/** The preprocessing a user must repeat before calling the model, as shipped in preprocessing.json. */
export interface PreprocessingFile {
  inputShape: [number, number, number, number];
  height: number;
  width: number;
  layout: "NHWC";
  channelOrder: "RGB";
  /** Pixel values 0..255 map linearly onto [min, max]: x / 255 · (max − min) + min. */
  inputRange: [number, number];
  resize: "fill";
  /**
   * The resampling the server uses: sharp (libvips) `resize` with this kernel. Downscaling is a box
   * shrink by the integer part of in / (2 · out), then the kernel on the rest. sharp first decodes
   * JPEGs at 1/2, 1/4 or 1/8 size (the largest that fits the shrink, one step smaller when the shrink's
   * integer part equals it) and WebPs at the final scale; classify-browser.mjs repeats that with wasm-vips.
   * Other resizers (tf.image.resizeBilinear, a canvas) change answers on a measurable share of images:
   * use classify-node.mjs or classify-browser.mjs from this zip.
   */
  resizeKernel: "lanczos3";
  resizeLibrary: string;
  /** Transparent pixels are composited over this colour first. */
  background: string;
  exifOrientation: "applied before resizing";
  output: "probabilities in the order of labels.json";
  /** How to load model.json: tf.loadGraphModel or tf.loadLayersModel. */
  modelFormat: SerializedModel["format"];
  version: number;
}

/**
 * One self-contained TF.js model from an image to class probabilities: the
 * trained full model as is, a layers-model backbone with the head attached, or a
 * graph-model backbone with the head grafted onto its embedding node.
 */
export async function buildClassifierModel(input: ExportInput): Promise<SerializedModel> {
  if (input.modelKind === "full") return input.model;
  const { spec, model: backboneModel } = input.backbone;
  if (!backboneModel) throw new Error("exporting a head needs the backbone's weights");
  const head = (await instantiateModel(input.model)) as tf.LayersModel;
  try {
    if (backboneModel.format === "graph-model") {
      if (!spec.embeddingNode) throw new Error(`backbone ${spec.id} does not name its embedding node`);
      return graftHeadOntoGraph(backboneModel, spec.embeddingNode, headWeights(head));
    }
    const backbone = (await instantiateModel(backboneModel)) as tf.LayersModel;
    try {
      return await serializeModel(attachHead(backbone, head));
    } finally {
      backbone.dispose();
    }
  } finally {
    head.dispose();
  }
}

/** The MLP head's two dense layers, or the linear head's one (the optimise step's logistic regression). */
function headWeights(head: tf.LayersModel): HeadWeights {
  const hasHidden = head.layers.some((layer) => layer.name === HEAD_LAYERS.hidden);
  const [hiddenKernel, hiddenBias] = hasHidden ? head.getLayer(HEAD_LAYERS.hidden).getWeights() : [];
  const [logitsKernel, logitsBias] = head.getLayer(HEAD_LAYERS.logits).getWeights();
  if ((hasHidden && (!hiddenKernel || !hiddenBias)) || !logitsKernel || !logitsBias) throw new Error("the head is missing weights");
  return {
    ...(hiddenKernel && hiddenBias
      ? {
          hidden: {
            kernel: { values: hiddenKernel.dataSync() as Float32Array, shape: hiddenKernel.shape as [number, number] },
            bias: hiddenBias.dataSync() as Float32Array,
          },
        }
      : {}),
    logitsKernel: { values: logitsKernel.dataSync() as Float32Array, shape: logitsKernel.shape as [number, number] },
    logitsBias: logitsBias.dataSync() as Float32Array,
  };
}

export function preprocessingFile(preprocess: PreprocessSpec, modelFormat: SerializedModel["format"]): PreprocessingFile {
  return {
    inputShape: [1, preprocess.height, preprocess.width, 3],
    height: preprocess.height,
    width: preprocess.width,
    layout: "NHWC",
    channelOrder: "RGB",
    inputRange: preprocess.inputRange,
    resize: preprocess.resize,
    resizeKernel: "lanczos3",
    resizeLibrary: `sharp ${SHARP_VERSION} (libvips): .rotate().flatten({ background }).resize(width, height, { fit: "fill" })`,
    background: preprocess.background,
    exifOrientation: "applied before resizing",
    output: "probabilities in the order of labels.json",
    modelFormat,
    version: preprocess.version,
  };
}

/** The backbone's licence notice, in the zip whenever the backbone's weights are (see ml/backbone/licences.ts). */
export const LICENCE_FILE = "LICENSE-backbone.txt";

/** model.json as TF.js's http loader expects it, pointing at one weights file. */
export function modelJson(model: SerializedModel): Record<string, unknown> {
  const { weightData: _weights, weightSpecs, ...rest } = model;
  return { ...rest, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs }] };
}

/**
 * The download for one run: model.json + weights.bin (one model from image to
 * probabilities), labels.json, preprocessing.json, metadata.json and a README
 * with a browser snippet.
 */
export async function buildExportZip(input: ExportInput): Promise<Buffer> {
  const model = await buildClassifierModel(input);
  const preprocessing = preprocessingFile(input.backbone.spec.preprocess, model.format);
  const onnx = await exportOnnx(model, input.backbone.spec);
  const zip = new JSZip();
  zip.file("model.json", JSON.stringify(modelJson(model)));
  zip.file(WEIGHTS_FILE, new Uint8Array(model.weightData));
  if (onnx.file) zip.file(ONNX_MODEL_FILE, onnx.file);
  zip.file("labels.json", JSON.stringify(input.classes, null, 2) + "\n");
  zip.file("preprocessing.json", JSON.stringify(preprocessing, null, 2) + "\n");
  zip.file(
    "metadata.json",
    JSON.stringify(
      {
        format: model.format,
        backbone: { id: input.backbone.spec.id, title: input.backbone.spec.title },
        onnx: onnx.metadata,
        ...input.metadata,
      },
      null,
      2,
    ) + "\n",
  );
  const licence = backboneLicence(input.backbone.spec.id);
  if (licence) zip.file(LICENCE_FILE, licence.notice);
  for (const [name, source] of Object.entries(await snippetFiles())) zip.file(name, source);
  zip.file(
    "README.md",
    exportReadme({
      format: model.format,
      classes: input.classes,
      preprocessing,
      licence: licence && { spdx: licence.spdx, file: LICENCE_FILE },
      onnx: onnx.file ? { file: ONNX_MODEL_FILE, input: ONNX_INPUT, output: ONNX_OUTPUT } : undefined,
    }),
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/**
 * The whole classifier as ONNX, checked against TF.js on probe images before it
 * goes into the zip. Graph models (TF Hub backbones) do not convert: the zip then
 * says so in metadata.json and carries the TF.js model only.
 */
async function exportOnnx(model: SerializedModel, spec: BackboneSpec): Promise<{ file?: Uint8Array; metadata: Record<string, unknown> }> {
  if (model.format !== "layers-model") return { metadata: { included: false, reason: "graph models are exported as TF.js only" } };
  const conversion = await convertToCheckedOnnx(model, { format: model.format, preprocess: spec.preprocess });
  if (conversion.status === "failed") return { metadata: { included: false, reason: conversion.reason } };
  return {
    file: conversion.onnx,
    metadata: {
      included: true,
      file: ONNX_MODEL_FILE,
      opset: OPSET,
      input: { name: ONNX_INPUT, shape: ["batch", spec.preprocess.height, spec.preprocess.width, 3], layout: "NHWC", dtype: "float32" },
      output: { name: ONNX_OUTPUT, shape: ["batch", "classes"], meaning: "probabilities in the order of labels.json" },
      ...(conversion.status === "converted"
        ? { maxAbsDiffFromTfjs: conversion.maxAbsDiff }
        : { checked: false, reason: conversion.reason }),
    },
  };
}

/** Reads an export zip back into a SerializedModel and its labels (tests, and re-import). */
export async function readExportZip(
  zipBytes: Uint8Array,
): Promise<{ model: SerializedModel; onnx?: Uint8Array; labels: string[]; preprocessing: PreprocessingFile; readme: string }> {
  const zip = await JSZip.loadAsync(zipBytes);
  const onnx = await zip.file(ONNX_MODEL_FILE)?.async("uint8array");
  const text = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`the export has no ${name}`);
    return file.async("string");
  };
  const json = JSON.parse(await text("model.json")) as {
    format: SerializedModel["format"];
    weightsManifest: Array<{ paths: string[]; weights: unknown[] }>;
  } & Record<string, unknown>;
  const weightsFile = zip.file(WEIGHTS_FILE);
  if (!weightsFile) throw new Error(`the export has no ${WEIGHTS_FILE}`);
  const weights = await weightsFile.async("uint8array");
  const { weightsManifest, ...rest } = json;
  const model: SerializedModel = {
    ...(rest as unknown as Omit<SerializedModel, "weightSpecs" | "weightData">),
    weightSpecs: weightsManifest.flatMap((group) => group.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
  };
  return {
    model,
    ...(onnx ? { onnx } : {}),
    labels: JSON.parse(await text("labels.json")) as string[],
    preprocessing: JSON.parse(await text("preprocessing.json")) as PreprocessingFile,
    readme: await text("README.md"),
  };
}
