/** Registers the WASM gradient kernels TF.js 4.22 lacks (and a fast broadcast Tile); call after activating WASM. */
export declare function registerWasmTrainingKernels(): void;
