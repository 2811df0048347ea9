// The shared preprocessing, typed for TypeScript callers. The implementation is
// ml/runtime/preprocess.mjs so that worker threads run the very same code.
export { PREPROCESS_VERSION, decodeToRgb, normalizeRgb, preprocessBatch, preprocessImage } from "../runtime/preprocess.mjs";
