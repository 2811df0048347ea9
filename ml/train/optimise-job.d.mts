import type { EpochLog, TrainSettings } from "../types";
import type { OptimiseJob, TrainingJobResult } from "./run-job.mjs";
import type { CandidateKind } from "./select.mjs";

export declare function runOptimiseJob(job: {
  embeddings: Float32Array;
  dim: number;
  labels: Int32Array;
  classCount: number;
  train: number[];
  validation: number[];
  test: number[];
  classWeights: number[];
  settings: TrainSettings;
  optimise: OptimiseJob;
  onEpoch?: (log: EpochLog) => void;
  onBatch?: (done: number, total: number) => void;
  onSelectStep?: (step: { candidate: CandidateKind; fold: number; folds: number }) => void;
  isCancelled?: () => boolean;
}): Promise<TrainingJobResult>;
