import path from "node:path";

/**
 * Where the TF.js WASM binaries live. Built from the working directory on purpose:
 * inside a Next.js bundle `require.resolve` yields a module id, not a path, and
 * `tf.setBackend("wasm")` then quietly returns false (docs/PROTOTYPES.md, "Compute backends").
 * The turbopackIgnore comment keeps Turbopack from treating the path as an asset.
 */
export function defaultWasmDir(cwd: string = process.cwd()): string {
  return path.join(/* turbopackIgnore: true */ cwd, "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");
}
