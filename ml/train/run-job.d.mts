import type { BackboneSpec, EpochLog, SerializedModel, TrainSettings } from "../types";

export type TrainingJobData =
  | { kind: "embeddings"; embeddings: Float32Array; dim: number }
  | {
      kind: "images";
      paths: string[];
      backbone: { spec: BackboneSpec; model: SerializedModel };
      trainBackbone: boolean;
      validationCacheBytes?: number;
    };

export interface TrainingJob {
  data: TrainingJobData;
  labels: Int32Array;
  classCount: number;
  train: number[];
  validation: number[];
  /** Scored once, with the final weights; never trained on, never used to choose. */
  test?: number[];
  classWeights: number[];
  settings: TrainSettings;
}

export interface TrainingHooks {
  onEpoch?: (log: EpochLog) => void;
  onBatch?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}

export interface TrainingJobResult {
  model: SerializedModel;
  /** "head": takes embeddings (the backbone is unchanged); "full": takes images. */
  modelKind: "head" | "full";
  history: EpochLog[];
  bestEpoch: number;
  stoppedEarly: boolean;
  monitored: "valLoss" | "loss";
  /** Sample indices evaluated, in the order of validationProbabilities' rows. */
  validationRows: number[];
  validationProbabilities: Float32Array;
  /** Sample indices of the test part that could be scored, in the order of testProbabilities' rows. */
  testRows: number[];
  testProbabilities: Float32Array;
  /** Images that could not be decoded during training. */
  skipped: Array<{ index: number; error: string }>;
}

export declare function runTrainingJob(job: TrainingJob, hooks?: TrainingHooks): Promise<TrainingJobResult>;
