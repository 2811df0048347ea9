export interface LogisticParams {
  /** d × C, row-major. */
  W: Float32Array;
  b: Float32Array;
}
export interface LogisticFit extends LogisticParams {
  loss: number;
  iterations: number;
  converged: boolean;
  gradientNorm: number;
}
export interface ColumnStats {
  mean: Float64Array;
  std: Float64Array;
}
export declare function logisticProblem(data: {
  x: Float32Array;
  n: number;
  d: number;
  labels: ArrayLike<number>;
  classCount: number;
  weights?: ArrayLike<number>;
}): {
  d: number;
  classCount: number;
  fit(options: {
    lambda: number;
    init?: LogisticParams;
    maxIterations?: number;
    tolerance?: number;
    isCancelled?: () => boolean;
  }): LogisticFit;
  dispose(): void;
};
export declare function lbfgs(
  evaluate: (theta: Float64Array) => { loss: number; gradient: Float64Array },
  theta0: Float64Array,
  options: { maxIterations: number; tolerance: number; isCancelled?: () => boolean },
): { theta: Float64Array; loss: number; iterations: number; converged: boolean; gradientNorm: number };
export declare function columnStats(x: Float32Array, d: number, rows: number[]): ColumnStats;
export declare function standardRows(x: Float32Array, d: number, rows: number[], stats: ColumnStats): Float32Array;
export declare function foldStandardisation(params: LogisticParams, stats: ColumnStats, classCount: number): LogisticParams;
export declare function logisticProbabilities(x: Float32Array, d: number, params: LogisticParams, classCount: number): Float32Array;
