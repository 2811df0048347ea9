import type { InferenceEngine } from "@/ml/types";

/**
 * What computed a training run's image features: the embedder's engine (ONNX Runtime on CPU or
 * CUDA, or TF.js on the process's backend, also when the backbone is trained or augmented images
 * run through it), or "cached" when every embedding came from the workspace's cache (computed by
 * an earlier run). Stored on the run as soon as it is known, so a run that fails later shows it
 * too; null on runs from before it was recorded, and on runs that stopped before it was known.
 */
export type RunEmbeddingEngine = InferenceEngine | "cached";
