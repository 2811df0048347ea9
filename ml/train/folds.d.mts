export declare function stratifiedFolds(labels: ArrayLike<number>, rows: number[], k: number, seed: number): number[][];
