import os from "node:os";
import * as tf from "@tensorflow/tfjs";
import { activateCpu, activateWasm, errorMessage } from "../runtime/tf-runtime.mjs";
import { BACKEND_NAMES, type BackendInfo, type BackendName, type BackendPreference } from "../types";
import { defaultWasmDir } from "./wasm-dir";

export interface SelectBackendOptions {
  /** "auto" tries tensorflow-gpu, tensorflow, wasm, cpu in that order; a name starts the order there. */
  preference?: BackendPreference;
  /** Directory with the tfjs-backend-wasm binaries; defaults to node_modules under the working directory. */
  wasmDir?: string;
  /** Worker threads for wasm/cpu; defaults to one per core. */
  threads?: number;
  /** Loads an optional native package. Injected by tests; the default is a dynamic import hidden from bundlers. */
  importOptional?: (specifier: string) => Promise<unknown>;
}

const NATIVE_PACKAGES = {
  "tensorflow-gpu": "@tensorflow/tfjs-node-gpu",
  tensorflow: "@tensorflow/tfjs-node",
} as const;

/**
 * The specifier is a variable and the comments tell webpack, Turbopack and Vite to
 * leave the import alone: these packages are optional, absent on most machines,
 * and must be resolved by Node at run time, never at build time.
 */
function importOptionalPackage(specifier: string): Promise<unknown> {
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ specifier);
}

export function parseBackendPreference(value: string | undefined): BackendPreference {
  if (value === undefined || value === "" || value === "auto") return "auto";
  if ((BACKEND_NAMES as readonly string[]).includes(value)) return value as BackendName;
  throw new Error(`Unknown ML backend "${value}": use auto, ${BACKEND_NAMES.join(", ")}`);
}

/**
 * Activates the first backend that works, in the order of the preference, and
 * says why earlier ones were skipped. Changes TF.js's global engine in this
 * process; call it once at start-up (see `ensureBackend`).
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendInfo> {
  const preference = options.preference ?? "auto";
  const wasmDir = options.wasmDir ?? defaultWasmDir();
  const threads = Math.max(1, options.threads ?? os.availableParallelism());
  const importer = options.importOptional ?? importOptionalPackage;
  const start = preference === "auto" ? 0 : BACKEND_NAMES.indexOf(preference);
  const skipped: string[] = [];

  for (const name of BACKEND_NAMES.slice(start)) {
    const attempt = await tryBackend(name, { wasmDir, threads, importer });
    if (attempt.ok) {
      const info: BackendInfo = { backend: name, device: attempt.device, threads: attempt.threads };
      if (skipped.length > 0) info.fallbackReason = skipped.join("; ");
      return info;
    }
    skipped.push(`${name}: ${attempt.reason}`);
  }
  // The pure-JS cpu backend ships inside @tensorflow/tfjs, so this means a broken install.
  throw new Error(`No TF.js backend could be activated (${skipped.join("; ")})`);
}

type Attempt = { ok: true; device: string; threads: number } | { ok: false; reason: string };

async function tryBackend(
  name: BackendName,
  ctx: { wasmDir: string; threads: number; importer: (s: string) => Promise<unknown> },
): Promise<Attempt> {
  switch (name) {
    case "tensorflow-gpu":
    case "tensorflow": {
      const pkg = NATIVE_PACKAGES[name];
      try {
        await ctx.importer(pkg);
      } catch (err) {
        return { ok: false, reason: describeImportFailure(pkg, err) };
      }
      // Both native packages register their backend under the name "tensorflow".
      const activated = await setBackendSafely("tensorflow");
      if (!activated.ok) return { ok: false, reason: `${pkg} loaded but ${activated.reason}` };
      return {
        ok: true,
        device: name === "tensorflow-gpu" ? "CUDA GPU (libtensorflow)" : "CPU (libtensorflow)",
        // libtensorflow runs its own thread pool across all cores.
        threads: os.availableParallelism(),
      };
    }
    case "wasm": {
      const result = await activateWasm(ctx.wasmDir);
      if (!result.ok) return result;
      return {
        ok: true,
        device: `CPU (WebAssembly${result.simd ? " SIMD" : ""}, one backend per worker thread)`,
        threads: ctx.threads,
      };
    }
    case "cpu": {
      const result = await activateCpu();
      if (!result.ok) return result;
      return { ok: true, device: "CPU (pure JavaScript, slowest)", threads: ctx.threads };
    }
  }
}

async function setBackendSafely(name: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    const ok = await tf.setBackend(name);
    return ok ? { ok: true } : { ok: false, reason: `tf.setBackend("${name}") returned false` };
  } catch (err) {
    return { ok: false, reason: `tf.setBackend("${name}") failed: ${errorMessage(err)}` };
  }
}

function describeImportFailure(pkg: string, err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || /Cannot find (module|package)/.test(errorMessage(err))) {
    return pkg === NATIVE_PACKAGES["tensorflow-gpu"]
      ? `${pkg} is not installed (optional dependency: its install downloads libtensorflow and it needs CUDA 11.2 / cuDNN 8.1 at run time)`
      : `${pkg} is not installed (its install downloads libtensorflow)`;
  }
  // Present but unusable, e.g. the CUDA libraries are missing on this host.
  return `${pkg} failed to load: ${firstLine(errorMessage(err))}`;
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? text;
}

let current: Promise<BackendInfo> | undefined;

/**
 * The process-wide choice: the first call decides, later calls get the same
 * answer (TF.js has one global engine per thread).
 */
export function ensureBackend(options: SelectBackendOptions = {}): Promise<BackendInfo> {
  current ??= selectBackend(options).catch((err: unknown) => {
    current = undefined;
    throw err;
  });
  return current;
}
