import type { InferenceEngine } from "../types";

/** Words for an inference engine, for the UI and logs (no runtime imports: client components use it too). */
export function engineLabel(engine: InferenceEngine): string {
  if (engine === "onnxruntime-cpu") return "ONNX Runtime (CPU)";
  if (engine === "onnxruntime-cuda") return "ONNX Runtime (CUDA GPU)";
  return `TF.js (${engine.slice("tfjs-".length)})`;
}
