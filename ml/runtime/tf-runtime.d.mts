import type * as tfNamespace from "@tensorflow/tfjs";
import type { BackboneSpec, SerializedModel } from "../types";

export declare const tf: typeof tfNamespace;
export declare function activateWasm(wasmDir: string): Promise<{ ok: true; simd: boolean } | { ok: false; reason: string }>;
export declare function patchWasmTransposedMatMul(): void;
export declare function activateCpu(): Promise<{ ok: true } | { ok: false; reason: string }>;
export declare function instantiateModel(serialized: SerializedModel): Promise<tfNamespace.GraphModel | tfNamespace.LayersModel>;
export declare function embedBatch(
  model: tfNamespace.GraphModel | tfNamespace.LayersModel,
  spec: Pick<BackboneSpec, "format" | "embeddingNode" | "preprocess">,
  data: Float32Array,
  count: number,
): Promise<Float32Array>;
export declare function errorMessage(err: unknown): string;
