import { describe, expect, it } from "vitest";
import type { LiveWorker } from "@/server/prototypes/worker-presence";
import type { MlStatus } from "./ml-services";
import { describeWorkers, workersView } from "./workers-view";

// The web process's own view when it could not install the backbone (WORKER_MODE=off: it trains nothing).
const webOwn: Pick<MlStatus, "backend" | "backbone"> = {
  backend: { backend: "wasm", device: "CPU (WebAssembly SIMD)", threads: 2 },
  backbone: { status: "fallback", id: "compact-cnn-v1", title: "Compact CNN", reason: "nsfwjs missing", accuracyNote: "lower accuracy" },
};

const worker = (id: string, facts: LiveWorker["facts"]): LiveWorker => ({
  id,
  hostname: "gpu-1",
  pid: 1,
  state: "idle",
  facts,
  startedAt: new Date(Date.now() - 60_000),
  heartbeatAt: new Date(Date.now() - 2_000),
});

const gpuWorker = worker("gpu-1:1:abcd", {
  kind: "standalone",
  backend: "tensorflow-gpu",
  device: "CUDA GPU (libtensorflow)",
  engine: "ONNX Runtime (CUDA)",
  backbone: { status: "pretrained", id: "mobilenet-v2-nsfwjs", title: "MobileNet v2", bundled: true },
});

describe("training notice of a web process that does not train (WORKER_MODE=off)", () => {
  it("describes the workers' backbone and device, not its own compact-CNN fallback", () => {
    const view = workersView([gpuWorker], webOwn);
    expect(view.backbone).toMatchObject({ status: "pretrained", id: "mobilenet-v2-nsfwjs" });
    expect(view.backend).toMatchObject({ backend: "tensorflow-gpu", device: "CUDA GPU (libtensorflow)" });
  });

  it("warns when any live worker would fall back (a run may land on it)", () => {
    const cpuFallback = worker("cpu-2:1:ef01", {
      backend: "wasm",
      device: "CPU",
      backbone: { status: "fallback", id: "compact-cnn-v1", title: "Compact CNN", reason: "models folder not writable" },
    });
    expect(workersView([gpuWorker, cpuFallback], webOwn).backbone).toMatchObject({
      status: "fallback",
      reason: "models folder not writable",
    });
  });

  it("keeps its own view when no worker has reported yet", () => {
    expect(workersView([], webOwn)).toEqual(webOwn);
  });
});

describe("live workers in /api/health", () => {
  it("names each worker's device and engine and nothing about runs or workspaces", () => {
    const [listed] = describeWorkers([gpuWorker]);
    expect(listed).toMatchObject({
      id: "gpu-1:1:abcd",
      backend: "tensorflow-gpu",
      device: "CUDA GPU (libtensorflow)",
      engine: "ONNX Runtime (CUDA)",
    });
    expect(listed!.lastSeenSecondsAgo).toBe(2);
    expect(Object.keys(listed!)).not.toContain("currentRunId");
  });
});
