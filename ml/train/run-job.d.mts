import type { BackboneSpec, EpochLog, SerializedModel, TrainSettings } from "../types";
import type { CandidateKind, CandidateResult, PixelMatrix } from "./select.mjs";

/** The optimise step (embeddings only): choose by cross-validation, or train a candidate already chosen. */
export interface OptimiseJob {
  folds: number;
  /** Thumbnails of the same samples (rows aligned with the embeddings); absent: no pixel candidate. */
  pixels?: PixelMatrix;
  /** Skip the selection and train this candidate with these settings (the learning curve's extra points). */
  fixed?: { kind: CandidateKind; lambda?: number; epochs?: number };
}

export interface Selection {
  folds: number;
  candidates: CandidateResult[];
  winner: CandidateKind;
  /** How many training images the folds were drawn from. */
  trainImages: number;
}

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
  optimise?: OptimiseJob;
}

export interface TrainingHooks {
  onEpoch?: (log: EpochLog) => void;
  onBatch?: (done: number, total: number) => void;
  /** Optimise step: which candidate and fold is being cross-validated. */
  onSelectStep?: (step: { candidate: CandidateKind; fold: number; folds: number }) => void;
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
  /** The optimise step's candidates and winner; absent in quick mode and on the image paths. */
  selection?: Selection;
  /** Which candidate the model is (optimise mode); absent: today's MLP head or the image trainers' model. */
  candidate?: { kind: CandidateKind; lambda?: number; epochs?: number };
}

export declare function runTrainingJob(job: TrainingJob, hooks?: TrainingHooks): Promise<TrainingJobResult>;
