import type { PreprocessSpec } from "../types";

export declare const PIXEL_GRID: number;
export declare function pixelPool(spec: { height: number; width: number }): number | null;
export declare function blockMeans(
  image: Float32Array,
  height: number,
  width: number,
  pool: number,
  out?: Float32Array,
  offset?: number,
): Float32Array;
export declare function pixelFeatures(
  paths: string[],
  spec: Pick<PreprocessSpec, "height" | "width" | "background" | "inputRange">,
  options?: { concurrency?: number; signal?: AbortSignal },
): Promise<{ x: Float32Array; d: number; pool: number; height: number; width: number; failed: number[] }>;
