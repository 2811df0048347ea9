import { cudaProviderInstalled, loadOrt } from "../runtime/ort.mjs";
import type { BackendInfo, InferenceEngine, LoadedBackbone } from "../types";

export { engineLabel } from "./engine-label";

export interface EnginePlan {
  engine: InferenceEngine;
  /** Why ONNX Runtime is not the engine, when it is not. */
  reason?: string;
}

/**
 * The engine frozen-network inference (embeddings, predictions) will use, as
 * the health report and the training page state it: ONNX Runtime when the
 * backbone carries its ONNX file and the native runtime loads, else TF.js on the
 * process's backend. Mirrors createEmbedder's choice without starting workers.
 */
export async function plannedEngine(
  backbone: Pick<LoadedBackbone, "onnx" | "spec"> | undefined,
  backend: BackendInfo,
): Promise<EnginePlan> {
  const tfjs: InferenceEngine = `tfjs-${backend.backend}`;
  if (!backbone) return { engine: tfjs, reason: "no pretrained backbone is installed" };
  if (!backbone.onnx) return { engine: tfjs, reason: `${backbone.spec.id} has no ONNX file` };
  const gpu = backend.backend === "tensorflow-gpu";
  if (gpu && !cudaProviderInstalled())
    return { engine: tfjs, reason: "TF.js keeps the GPU: ONNX Runtime's CUDA provider is not installed" };
  const ort = await loadOrt();
  if (!ort.ok) return { engine: tfjs, reason: ort.reason };
  return { engine: gpu ? "onnxruntime-cuda" : "onnxruntime-cpu" };
}
