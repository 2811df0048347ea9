export { balancedClassWeights } from "./class-weights";
export { DEFAULT_TRAIN_SETTINGS, resolveTrainSettings, TRAIN_SETTING_BOUNDS } from "./settings";
export { stratifiedSplit, type SplitResult } from "./split";
export {
  defaultTrainWorkerScript,
  learningCurve,
  optimises,
  trainClassifier,
  TrainingCancelledError,
  trainingPath,
  type TrainClassifierInput,
  type TrainClassifierOptions,
  type TrainClassifierResult,
  type TrainingData,
  type LearningCurvePoint,
} from "./trainer";
export { registerWasmTrainingKernels } from "./wasm-training-kernels.mjs";
