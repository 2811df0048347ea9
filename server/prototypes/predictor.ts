import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ensureBackend, defaultWasmDir } from "@/ml/backend";
import { kerasToOnnx } from "@/ml/onnx/keras-to-onnx";
import type { InferenceEngine, SerializedModel } from "@/ml/types";
import type { PreprocessingFile } from "@/ml/export";
import type { BackendPreference } from "@/ml/types";
import { logger } from "@/server/log";

const log = logger("ml");

/** What one prediction call gives back, in the input order of the images that decoded. */
export interface PredictorOutput {
  probabilities: Float32Array;
  okIndices: number[];
  errors: Array<string | null>;
  classCount: number;
  engine: InferenceEngine;
}

/** A run's model as the prediction threads take it: the export's ONNX file when there is one, always the TF.js model. */
export interface RunModel {
  model: SerializedModel;
  labels: string[];
  onnx?: Uint8Array;
  preprocessing: PreprocessingFile;
}

type ThreadMessage = { type: string; id: number; message?: string; backend?: InferenceEngine } & Omit<PredictorOutput, "engine"> & {
    engine?: InferenceEngine;
  };

/**
 * One worker thread that holds loaded models and answers predictions in order.
 * `onnx`: ONNX Runtime with one session per run (ml/runtime/onnx-predict-worker.mjs);
 * `tfjs`: TF.js WASM or cpu (ml/runtime/tfjs-predict-worker.mjs), the fallback.
 */
class PredictionThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (o: PredictorOutput) => void; reject: (e: Error) => void }>();
  private readonly loads = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private constructor(
    private readonly worker: Worker,
    readonly engine: InferenceEngine,
    private readonly onStop: () => void,
  ) {
    worker.on("message", (m: ThreadMessage) => {
      const load = this.loads.get(m.id);
      if (load) {
        this.loads.delete(m.id);
        if (m.type === "loaded") load.resolve();
        else load.reject(new Error(m.message ?? "the model did not load"));
        return;
      }
      const job = this.pending.get(m.id);
      if (!job) return;
      this.pending.delete(m.id);
      if (m.type === "result") job.resolve({ ...m, engine: m.engine ?? this.engine });
      else job.reject(new Error(m.message ?? "prediction failed"));
    });
    const fail = (reason: string) => {
      for (const job of [...this.pending.values(), ...this.loads.values()]) job.reject(new Error(`prediction thread stopped: ${reason}`));
      this.pending.clear();
      this.loads.clear();
      this.onStop();
    };
    worker.on("error", (err) => fail(err.message));
    worker.on("exit", (code) => fail(`exit code ${code}`));
  }

  static async start(kind: "onnx" | "tfjs", preference: BackendPreference, onStop: () => void): Promise<PredictionThread> {
    const cwd = process.cwd();
    let script: string;
    let workerData: unknown;
    let engine: InferenceEngine;
    const backend = await ensureBackend({ preference });
    if (kind === "onnx") {
      script = path.join(/* turbopackIgnore: true */ cwd, "ml", "runtime", "onnx-predict-worker.mjs");
      // One thread runs each request on every core: a single image answers fastest that way.
      workerData = { threads: os.availableParallelism(), cuda: backend.backend === "tensorflow-gpu" };
      engine = "onnxruntime-cpu";
    } else {
      script = path.join(/* turbopackIgnore: true */ cwd, "ml", "runtime", "tfjs-predict-worker.mjs");
      const tfBackend = backend.backend === "cpu" ? "cpu" : "wasm";
      workerData = { backend: tfBackend, wasmDir: defaultWasmDir() };
      engine = `tfjs-${tfBackend}`;
    }
    const worker = new Worker(script, { workerData });
    const ready = await new Promise<{ backend?: InferenceEngine }>((resolve, reject) => {
      worker.once("message", (m: ThreadMessage) => (m.type === "ready" ? resolve(m) : reject(new Error(m.message))));
      worker.once("error", reject);
    }).catch(async (err: unknown) => {
      await worker.terminate();
      throw err;
    });
    return new PredictionThread(worker, kind === "onnx" ? (ready.backend ?? engine) : engine, onStop);
  }

  /** Loads a model and waits for the thread to confirm it (ONNX Runtime answers; a bad file is refused here, not at predict time). */
  load(message: Record<string, unknown>): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.loads.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, type: "load", id });
    });
  }

  send(message: Record<string, unknown>): void {
    this.worker.postMessage(message);
  }

  predict(modelKey: string, images: Uint8Array[]): Promise<PredictorOutput> {
    const id = this.nextId++;
    return new Promise<PredictorOutput>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: "predict", id, modelKey, images });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

const MAX_RUNS_LOADED = 8;

/** A run whose model a prediction thread holds, with the class names in output order. */
export interface LoadedRun {
  lane: "onnx" | "tfjs";
  modelKey: string;
  classes: string[];
}

/**
 * Keeps trained runs loaded for prediction: on ONNX Runtime when the run's
 * export carries model.onnx (or its TF.js model converts) and the runtime starts,
 * else on TF.js. Which engine answered comes back with every result.
 */
export class Predictor {
  private readonly threads = new Map<"onnx" | "tfjs", Promise<PredictionThread>>();
  /** Run id → where its model is loaded, most recently used last. */
  private readonly runs = new Map<string, LoadedRun>();
  /** Why ONNX Runtime is not used, once it failed to start in this process. */
  private onnxUnavailable: string | undefined;

  /** `backend`: the process's TF.js backend preference (env ML_BACKEND), for the fallback thread and to spot a GPU host. */
  constructor(private readonly options: { backend: BackendPreference }) {}

  private thread(lane: "onnx" | "tfjs"): Promise<PredictionThread> {
    let thread = this.threads.get(lane);
    if (!thread) {
      thread = PredictionThread.start(lane, this.options.backend, () => {
        this.threads.delete(lane);
        for (const [runId, run] of this.runs) if (run.lane === lane) this.runs.delete(runId);
      });
      thread.catch(() => this.threads.delete(lane));
      this.threads.set(lane, thread);
    }
    return thread;
  }

  /** Loads a run's model once; later calls are a map lookup. `load` reads the run's artifact only when needed. */
  async prepare(runId: string, load: () => Promise<RunModel>): Promise<LoadedRun> {
    const cached = this.runs.get(runId);
    if (cached) {
      this.runs.delete(runId);
      this.runs.set(runId, cached);
      return cached;
    }
    const artifact = await load();
    const modelKey = `run:${runId}`;
    const onnx = this.onnxUnavailable ? undefined : onnxOf(artifact.model, artifact.onnx);
    let entry: LoadedRun | undefined;
    if (onnx) {
      let thread: PredictionThread | undefined;
      try {
        thread = await this.thread("onnx");
      } catch (err) {
        this.onnxUnavailable = err instanceof Error ? err.message : String(err);
        log.warn("predictions fall back to TF.js: ONNX Runtime did not start", { runId, err });
      }
      try {
        await thread?.load({ key: modelKey, onnx, preprocess: artifact.preprocessing });
        if (thread) entry = { lane: "onnx", modelKey, classes: artifact.labels };
      } catch (err) {
        log.warn("a run predicts on TF.js: ONNX Runtime refused its model", { runId, err });
      }
    }
    if (!entry) {
      (await this.thread("tfjs")).send({ type: "load", key: modelKey, model: artifact.model, preprocess: artifact.preprocessing });
      entry = { lane: "tfjs", modelKey, classes: artifact.labels };
    }
    this.runs.set(runId, entry);
    while (this.runs.size > MAX_RUNS_LOADED) {
      const [oldest, old] = this.runs.entries().next().value as [string, LoadedRun];
      this.runs.delete(oldest);
      void this.thread(old.lane).then((t) => t.send({ type: "unload", key: old.modelKey }));
    }
    return entry;
  }

  async predict(loaded: LoadedRun, images: Buffer[]): Promise<PredictorOutput> {
    const thread = await this.thread(loaded.lane);
    return thread.predict(
      loaded.modelKey,
      images.map((b) => new Uint8Array(b)),
    );
  }

  async close(): Promise<void> {
    const threads = [...this.threads.values()];
    this.threads.clear();
    this.runs.clear();
    await Promise.all(threads.map((t) => t.then((thread) => thread.terminate()).catch(() => undefined)));
  }
}

/** The export's ONNX file; runs exported before it existed get theirs converted once, when first loaded. */
function onnxOf(model: SerializedModel, onnx: Uint8Array | undefined): Uint8Array | undefined {
  if (onnx) return onnx;
  if (model.format !== "layers-model") return undefined;
  try {
    return kerasToOnnx(model);
  } catch {
    return undefined;
  }
}
