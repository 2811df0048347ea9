import type { PreprocessSpec } from "../types";

type DecodeSpec = Pick<PreprocessSpec, "height" | "width" | "background">;
type NormalizeSpec = Pick<PreprocessSpec, "inputRange">;

export declare const PREPROCESS_VERSION: number;
export declare function decodeToRgb(input: string | Uint8Array, spec: DecodeSpec): Promise<Uint8Array>;
export declare function normalizeRgb(rgb: Uint8Array, spec: NormalizeSpec, out?: Float32Array, offset?: number): Float32Array;
export declare function preprocessImage(input: string | Uint8Array, spec: DecodeSpec & NormalizeSpec): Promise<Float32Array>;
export declare function preprocessBatch(
  inputs: Array<string | Uint8Array>,
  spec: DecodeSpec & NormalizeSpec,
): Promise<{ data: Float32Array; okIndices: number[]; errors: Array<string | null> }>;
