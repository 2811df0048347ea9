export { ensureBackend, parseBackendPreference, selectBackend, type SelectBackendOptions } from "./select-backend";
export { defaultWasmDir } from "./wasm-dir";
