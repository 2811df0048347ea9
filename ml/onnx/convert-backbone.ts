import { createSession, loadOrt, runBatch } from "../runtime/ort.mjs";
import type { BackboneSpec, SerializedModel } from "../types";
import { embedBatch, instantiateModel } from "../runtime/tf-runtime.mjs";
import { kerasToOnnx, type KerasToOnnxOptions } from "./keras-to-onnx";

/** Largest difference allowed between ONNX Runtime's and TF.js's outputs for the same pixels (also the CI parity bound). */
export const ONNX_PARITY_TOLERANCE = 1e-4;

export type OnnxConversion =
  | { status: "converted"; onnx: Uint8Array; maxAbsDiff: number }
  | { status: "unchecked"; onnx: Uint8Array; reason: string }
  | { status: "failed"; reason: string };

/**
 * Converts a layers-model network to ONNX and checks, before anything is
 * installed, that ONNX Runtime gives TF.js's numbers on two probe images (a flat
 * grey and a colour gradient). A conversion that disagrees is refused: the TF.js
 * path then runs, slower but right. Without a loadable ONNX Runtime the file is
 * kept unchecked (the parity test in CI covers the converter).
 */
export async function convertToCheckedOnnx(
  model: SerializedModel,
  spec: Pick<BackboneSpec, "format" | "embeddingNode" | "preprocess">,
  options: KerasToOnnxOptions = {},
): Promise<OnnxConversion> {
  let onnx: Uint8Array;
  try {
    onnx = kerasToOnnx(model, options);
  } catch (err) {
    return { status: "failed", reason: err instanceof Error ? err.message : String(err) };
  }
  if (!(await loadOrt()).ok) return { status: "unchecked", onnx, reason: "ONNX Runtime does not load in this process" };
  const probes = probeImages(spec.preprocess);
  const expected = await tfjsOutputs(model, spec, probes);
  const { session } = await createSession(onnx, { threads: 1 });
  try {
    const actual = await runBatch(session, probes, 2, spec.preprocess);
    if (actual.length !== expected.length) {
      return { status: "failed", reason: `ONNX output has ${actual.length} values, TF.js ${expected.length}` };
    }
    const maxAbsDiff = maxAbsDifference(actual, expected);
    if (!(maxAbsDiff <= ONNX_PARITY_TOLERANCE)) {
      return { status: "failed", reason: `ONNX Runtime differs from TF.js by ${maxAbsDiff} (allowed ${ONNX_PARITY_TOLERANCE})` };
    }
    return { status: "converted", onnx, maxAbsDiff };
  } finally {
    await session.release();
  }
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

async function tfjsOutputs(
  model: SerializedModel,
  spec: Pick<BackboneSpec, "format" | "embeddingNode" | "preprocess">,
  data: Float32Array,
) {
  const instance = await instantiateModel(model);
  try {
    return await embedBatch(instance, spec, data, 2);
  } finally {
    instance.dispose();
  }
}

function probeImages({ height, width, inputRange: [min, max] }: BackboneSpec["preprocess"]): Float32Array {
  const perImage = height * width * 3;
  const data = new Float32Array(2 * perImage).fill((min + max) / 2, 0, perImage);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = perImage + (y * width + x) * 3;
      data[at] = min + ((max - min) * x) / width;
      data[at + 1] = min + ((max - min) * y) / height;
      data[at + 2] = max - ((max - min) * (x + y)) / (width + height);
    }
  }
  return data;
}
