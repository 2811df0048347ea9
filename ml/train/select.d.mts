import type * as tf from "@tensorflow/tfjs";
import type { TrainSettings } from "../types";
import type { LogisticParams } from "./logistic.mjs";

export type CandidateKind = "logistic" | "pixels" | "mlp";
export interface CandidateResult {
  kind: CandidateKind;
  /** Out-of-fold predictions that were right, of n (every training image once). */
  correct: number;
  n: number;
  cvAccuracy: number;
  foldAccuracies: number[];
  /** Sample standard deviation of the per-fold accuracies. */
  spread: number;
  params: { lambda?: number; epochs?: number; inputSize?: number };
  /** Pooled out-of-fold correct count at every grid value tried. */
  grid: Array<{ lambda?: number; epochs?: number; correct: number }>;
  durationMs: number;
}
export interface FeatureMatrix {
  x: Float32Array;
  d: number;
}
export interface PixelMatrix extends FeatureMatrix {
  height: number;
  width: number;
  pool: number;
}
export declare const CANDIDATE_ORDER: readonly CandidateKind[];
export declare const LAMBDA_GRID: number[];
export declare function rowClassWeights(labels: ArrayLike<number>, rows: number[], classCount: number): number[];
export declare function selectModel(input: {
  labels: Int32Array;
  classCount: number;
  train: number[];
  features: FeatureMatrix;
  pixels?: PixelMatrix;
  folds: number;
  seed: number;
  settings: TrainSettings;
  candidates?: CandidateKind[];
  isCancelled?: () => boolean;
  onStep?: (step: { candidate: CandidateKind; fold: number; folds: number }) => void;
}): Promise<{ folds: number; candidates: CandidateResult[]; winner: CandidateKind }>;
export declare function fitLinear(input: {
  labels: Int32Array;
  classCount: number;
  train: number[];
  matrix: FeatureMatrix;
  lambda: number;
  isCancelled?: () => boolean;
}): { params: LogisticParams; iterations: number; converged: boolean };
export declare function buildLinearHead(params: LogisticParams, inputSize: number, classCount: number): tf.Sequential;
export declare function buildPixelModel(
  params: LogisticParams,
  shape: { height: number; width: number; pool: number },
  classCount: number,
): tf.Sequential;
