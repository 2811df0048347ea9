import type * as tf from "@tensorflow/tfjs";
import type { EpochLog, TrainSettings } from "../../types";

export declare function trainHeadOnEmbeddings(job: {
  embeddings: Float32Array;
  dim: number;
  labels: Int32Array;
  classCount: number;
  train: number[];
  validation: number[];
  test?: number[];
  classWeights: number[];
  settings: TrainSettings;
  onEpoch?: (log: EpochLog) => void;
  onBatch?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}): Promise<{
  head: tf.Sequential;
  history: EpochLog[];
  bestEpoch: number;
  stoppedEarly: boolean;
  monitored: "valLoss" | "loss";
  validationProbabilities: Float32Array;
  testProbabilities: Float32Array;
}>;
export declare function gatherRows(matrix: Float32Array, dim: number, rows: number[]): Float32Array;
