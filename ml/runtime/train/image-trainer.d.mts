import type * as tf from "@tensorflow/tfjs";
import type { BackboneSpec, EpochLog, SerializedModel, TrainSettings } from "../../types";

export declare function trainOnImages(job: {
  paths: string[];
  labels: Int32Array;
  classCount: number;
  train: number[];
  validation: number[];
  test?: number[];
  classWeights: number[];
  settings: TrainSettings;
  backbone: { spec: BackboneSpec; model: SerializedModel };
  trainBackbone: boolean;
  validationCacheBytes?: number;
  onEpoch?: (log: EpochLog) => void;
  onBatch?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}): Promise<{
  model: tf.LayersModel;
  modelKind: "head" | "full";
  history: EpochLog[];
  bestEpoch: number;
  stoppedEarly: boolean;
  monitored: "valLoss" | "loss";
  validationRows: number[];
  validationProbabilities: Float32Array;
  testRows: number[];
  testProbabilities: Float32Array;
  skipped: Array<{ index: number; error: string }>;
}>;
