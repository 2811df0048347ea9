import path from "node:path";

export const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"] as const;

/**
 * Where the TF.js WASM binaries live. Built from the working directory on purpose:
 * inside a Next.js bundle `require.resolve` yields a module id, not a path, and
 * `tf.setBackend("wasm")` then quietly returns false (docs/PROTOTYPES.md, "Compute backends").
 * The turbopackIgnore comment keeps Turbopack from treating the path as an asset.
 */
export function defaultWasmDir(cwd: string = process.cwd()): string {
  return path.join(/* turbopackIgnore: true */ cwd, "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");
}

/** tfjs concatenates prefix + file name, so a directory prefix needs its trailing slash. */
export function asWasmPrefix(dir: string): string {
  return dir.endsWith(path.sep) || dir.endsWith("/") ? dir : dir + path.sep;
}
