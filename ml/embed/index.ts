export { createEmbedder, extractEmbeddings, type Embedder, type EmbedderOptions } from "./embedder";
export { engineLabel, plannedEngine, type EnginePlan } from "./engine";
export { defaultWorkerScript } from "./executors";
export { PREPROCESS_VERSION, decodeToRgb, normalizeRgb, preprocessBatch, preprocessImage } from "./preprocess";
export { embedStream, type EmbedStreamOptions } from "./stream";
