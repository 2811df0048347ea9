import { afterEach, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { parseBackendPreference, selectBackend } from "./select-backend";

describe("selectBackend", () => {
  afterEach(() => {
    if (tf.findBackendFactory("tensorflow")) tf.removeBackend("tensorflow");
  });

  it("picks WASM under auto on a machine without the native packages, and says why", async () => {
    const info = await selectBackend({ preference: "auto", threads: 2 });
    expect(info.backend).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(info.threads).toBe(2);
    expect(info.device).toMatch(/WebAssembly/);
    expect(info.fallbackReason).toMatch(/@tensorflow\/tfjs-node-gpu is not installed/);
    expect(info.fallbackReason).toMatch(/@tensorflow\/tfjs-node is not installed/);
  });

  it("runs an explicit cpu request on the pure-JS backend", async () => {
    const info = await selectBackend({ preference: "cpu" });
    expect(info).toMatchObject({ backend: "cpu" });
    expect(info.fallbackReason).toBeUndefined();
    expect(tf.getBackend()).toBe("cpu");
    expect(await tf.add(tf.scalar(2), tf.scalar(3)).data()).toEqual(new Float32Array([5]));
  });

  it("falls back from a tensorflow-gpu request with a reason naming the missing package", async () => {
    const info = await selectBackend({ preference: "tensorflow-gpu" });
    expect(info.backend).toBe("wasm");
    expect(info.fallbackReason).toMatch(/^tensorflow-gpu: @tensorflow\/tfjs-node-gpu is not installed/);
  });

  it("uses the GPU package whenever it loads and registers its backend", async () => {
    const imported: string[] = [];
    const info = await selectBackend({
      importOptional: async (pkg) => {
        imported.push(pkg);
        // Stand-in for tfjs-node-gpu: importing it registers a backend named "tensorflow".
        tf.registerBackend("tensorflow", () => new (tf.findBackend("cpu")!.constructor as new () => tf.KernelBackend)());
      },
    });
    expect(imported).toEqual(["@tensorflow/tfjs-node-gpu"]);
    expect(info).toMatchObject({ backend: "tensorflow-gpu", device: "CUDA GPU (libtensorflow)" });
    expect(tf.getBackend()).toBe("tensorflow");
  });

  it("does not trust a package that loads without registering its backend", async () => {
    const info = await selectBackend({ preference: "tensorflow", importOptional: async () => ({}) });
    expect(info.backend).toBe("wasm");
    expect(info.fallbackReason).toMatch(/tfjs-node loaded but tf.setBackend\("tensorflow"\) failed/);
  });

  it("falls back to cpu when the WASM binaries are missing", async () => {
    const info = await selectBackend({ preference: "wasm", wasmDir: "/nonexistent/wasm" });
    expect(info.backend).toBe("cpu");
    expect(info.fallbackReason).toBe("wasm: WASM binaries not found in /nonexistent/wasm");
  });
});

describe("parseBackendPreference", () => {
  it("accepts the documented values and rejects others", () => {
    expect(parseBackendPreference(undefined)).toBe("auto");
    expect(parseBackendPreference("tensorflow-gpu")).toBe("tensorflow-gpu");
    expect(() => parseBackendPreference("cuda")).toThrow(/Unknown ML backend "cuda"/);
  });
});
