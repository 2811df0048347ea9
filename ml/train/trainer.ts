import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { defaultWasmDir } from "../backend/wasm-dir";
import { argmaxRows, classificationReport, type ClassificationReport } from "../metrics";
import type { BackboneSpec, BackendInfo, EpochLog, SerializedModel, TrainSettings } from "../types";
import { balancedClassWeights } from "./class-weights";
import { TrainingCancelledError } from "../runtime/train/fit.mjs";
import { runTrainingJob, type Selection, type TrainingJob, type TrainingData, type TrainingJobResult } from "../runtime/train/run-job.mjs";
import type { CandidateKind, PixelMatrix } from "../runtime/train/select.mjs";
import { resolveTrainSettings } from "./settings";
import { deriveSeed, mulberry32, shuffleInPlace } from "../runtime/train/prng.mjs";
import { stratifiedSplit, type SplitResult } from "./split";

export type { TrainingData };

/** Which path a run takes: cached embeddings when possible, images otherwise. */
export function trainingPath(
  spec: Pick<BackboneSpec, "kind">,
  settings: Pick<TrainSettings, "augment">,
): "embeddings" | "images-frozen-backbone" | "images-trainable-backbone" {
  if (spec.kind === "trainable") return "images-trainable-backbone";
  return settings.augment ? "images-frozen-backbone" : "embeddings";
}

export interface TrainClassifierInput {
  classes: string[];
  /** Class index per sample, aligned with the embeddings' rows or the paths. */
  labels: ArrayLike<number>;
  data: TrainingData;
  settings?: Partial<TrainSettings>;
  /** Per sample: hold it out for testing first (field images; see stratifiedSplit). */
  preferTest?: ArrayLike<boolean>;
  /**
   * Thumbnails of the same samples (ml/runtime/train/pixels.mjs), rows aligned with the labels: the optimise
   * step's pixel candidate. Without them the pixel model is not tried.
   */
  pixels?: PixelMatrix;
}

export interface TrainClassifierOptions {
  /** The process's backend (from selectBackend). wasm/cpu train in a worker thread, libtensorflow in-process. */
  backend: BackendInfo;
  /** Forces the calling thread (tests, scripts): training then runs on whatever TF.js backend is active. */
  inProcess?: boolean;
  wasmDir?: string;
  /** Path of ml/runtime/tfjs-train-worker.mjs when the process does not start in the repository root. */
  workerScript?: string;
  signal?: AbortSignal;
  onEpoch?: (log: EpochLog) => void;
  /** Batches done in the current epoch, at most twice a second from a worker. */
  onBatch?: (progress: { done: number; total: number }) => void;
  /** Optimise step: the candidate and fold being cross-validated. */
  onSelectStep?: (step: { candidate: CandidateKind; fold: number; folds: number }) => void;
}

export interface TrainClassifierResult {
  settings: TrainSettings;
  split: SplitResult;
  classWeights: number[];
  model: SerializedModel;
  /** "head": takes embeddings and must be put behind the backbone (see ml/export); "full": takes images. */
  modelKind: "head" | "full";
  history: EpochLog[];
  /** The epoch whose weights were kept (lowest validation loss, or training loss without validation). */
  bestEpoch: number;
  stoppedEarly: boolean;
  monitored: "valLoss" | "loss";
  /**
   * The figures to report: measured on the test part (which nothing trained or chose on), or on
   * validation when no test part was set aside (`evaluatedOn` says which). Confusion cells hold
   * sample indices (rows of labels).
   */
  report: ClassificationReport;
  evaluatedOn: "test" | "validation";
  /** On the validation part, which chose the epoch: slightly optimistic, for diagnosis only. */
  validationReport: ClassificationReport;
  validation: { indices: number[]; probabilities: Float32Array };
  test: { indices: number[]; probabilities: Float32Array };
  skipped: Array<{ index: number; error: string }>;
  compute: { mode: "worker-thread" | "in-process"; backend: string; fallbackReason?: string };
  durationMs: number;
  /** Optimise mode: every candidate's cross-validated accuracy and the winner; absent in quick mode. */
  selection?: Selection;
  /** Optimise mode: which candidate the model is, with its chosen setting. */
  candidate?: { kind: CandidateKind; lambda?: number; epochs?: number };
}

/** Whether a run chooses its model by cross-validation: optimise mode, on cached features. */
export function optimises(settings: Pick<TrainSettings, "mode">, data: Pick<TrainingData, "kind">): boolean {
  return settings.mode === "optimise" && data.kind === "embeddings";
}

export { TrainingCancelledError };

/** Where the worker script lives. A real file on disk: see ml/runtime/README.md. */
export function defaultTrainWorkerScript(cwd: string = process.cwd()): string {
  return path.join(/* turbopackIgnore: true */ cwd, "ml", "runtime", "tfjs-train-worker.mjs");
}

/**
 * Splits, weights and trains a classifier, then scores it on the test part (set aside before
 * training; validation only chooses the epoch).
 * The split (stratified, from the seed) and class weights are decided here so a
 * caller can store them with the run; the arithmetic happens in a worker thread
 * (or in-process for libtensorflow). Throws TrainingCancelledError on abort.
 */
export async function trainClassifier(input: TrainClassifierInput, options: TrainClassifierOptions): Promise<TrainClassifierResult> {
  const started = performance.now();
  const settings = resolveTrainSettings(input.settings);
  const classCount = input.classes.length;
  const labels = Int32Array.from(input.labels as ArrayLike<number>);
  const samples = input.data.kind === "embeddings" ? input.data.embeddings.length / input.data.dim : input.data.paths.length;
  if (!Number.isInteger(samples) || samples !== labels.length) {
    throw new Error(`${labels.length} labels for ${samples} samples`);
  }
  const optimise = optimises(settings, input.data);
  if (input.pixels && input.pixels.x.length !== labels.length * input.pixels.d)
    throw new Error(`pixel features for ${input.pixels.x.length / input.pixels.d} samples, ${labels.length} labels`);
  // Optimise mode chooses by cross-validation on the training part, so no validation part is held
  // out — except without a test part, when validation is what the figures are measured on.
  const validationShare = optimise && settings.testShare > 0 ? 0 : settings.validationShare;
  const split = stratifiedSplit(labels, {
    validationShare,
    testShare: settings.testShare,
    seed: settings.seed,
    ...(input.preferTest ? { preferTest: input.preferTest } : {}),
  });
  const trainLabels = split.train.map((i) => labels[i]!);
  const classWeights = balancedClassWeights(trainLabels, classCount);
  if (classWeights.filter((w) => w > 0).length < 2) {
    throw new Error("Training needs images in at least two classes");
  }
  const job: TrainingJob = {
    data: input.data,
    labels,
    classCount,
    train: split.train,
    validation: split.validation,
    test: split.test,
    classWeights,
    settings,
    ...(optimise ? { optimise: { folds: settings.cvFolds, ...(input.pixels ? { pixels: input.pixels } : {}) } } : {}),
  };

  const inProcess = options.inProcess ?? (options.backend.backend === "tensorflow" || options.backend.backend === "tensorflow-gpu");
  const { result, compute } = inProcess ? await runInProcess(job, options) : await runInWorker(job, options);

  const validationReport = reportOn(input.classes, labels, result.validationRows, result.validationProbabilities);
  const evaluatedOn = result.testRows.length > 0 ? "test" : "validation";
  const report = evaluatedOn === "test" ? reportOn(input.classes, labels, result.testRows, result.testProbabilities) : validationReport;
  return {
    settings,
    split,
    classWeights,
    model: result.model,
    modelKind: result.modelKind,
    history: result.history,
    bestEpoch: result.bestEpoch,
    stoppedEarly: result.stoppedEarly,
    monitored: result.monitored,
    report,
    evaluatedOn,
    validationReport,
    validation: { indices: result.validationRows, probabilities: result.validationProbabilities },
    test: { indices: result.testRows, probabilities: result.testProbabilities },
    skipped: result.skipped,
    compute,
    durationMs: Math.round(performance.now() - started),
    ...(result.selection ? { selection: result.selection } : {}),
    ...(result.candidate ? { candidate: result.candidate } : {}),
  };
}

function reportOn(classes: string[], labels: Int32Array, rows: number[], probabilities: Float32Array): ClassificationReport {
  const report = classificationReport({
    classes,
    truth: rows.map((i) => labels[i]!),
    predicted: argmaxRows(probabilities, classes.length),
  });
  // Cells name samples, not positions in the evaluated list: the UI shows the images behind a cell.
  report.cells = report.cells.map((row) => row.map((cell) => cell.map((k) => rows[k]!)));
  return report;
}

type Ran = { result: TrainingJobResult; compute: TrainClassifierResult["compute"] };

async function runInProcess(job: TrainingJob, options: TrainClassifierOptions): Promise<Ran> {
  const tf = await import("@tensorflow/tfjs");
  const { signal } = options;
  if (signal?.aborted) throw new TrainingCancelledError();
  // The trainers throw TrainingCancelledError themselves when `isCancelled` turns true.
  const result = await runTrainingJob(job, {
    isCancelled: () => signal?.aborted === true,
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
    ...(options.onBatch ? { onBatch: (done: number, total: number) => options.onBatch?.({ done, total }) } : {}),
    ...(options.onSelectStep ? { onSelectStep: options.onSelectStep } : {}),
  });
  return { result, compute: { mode: "in-process", backend: tf.getBackend() } };
}

type WorkerMessage =
  | { type: "ready"; backend: string; fallbackReason?: string }
  | { type: "epoch"; log: EpochLog }
  | { type: "batch"; done: number; total: number }
  | { type: "select"; step: { candidate: CandidateKind; fold: number; folds: number } }
  | { type: "done"; result: TrainingJobResult }
  | { type: "cancelled" }
  | { type: "error"; message: string };

async function runInWorker(job: TrainingJob, options: TrainClassifierOptions): Promise<Ran> {
  const script = options.workerScript ?? defaultTrainWorkerScript();
  if (!existsSync(script))
    throw new Error(`Training worker script not found at ${script}: start the process from the repository root or pass workerScript`);
  const { signal } = options;
  if (signal?.aborted) throw new TrainingCancelledError();
  const cancelFlag = new SharedArrayBuffer(4);
  const backend = options.backend.backend === "wasm" ? "wasm" : "cpu";
  const worker = new Worker(script, { workerData: { backend, wasmDir: options.wasmDir ?? defaultWasmDir(), cancelFlag } });
  const onAbort = () => Atomics.store(new Int32Array(cancelFlag), 0, 1);
  signal?.addEventListener("abort", onAbort, { once: true });
  let compute: TrainClassifierResult["compute"] = { mode: "worker-thread", backend };
  try {
    const result = await new Promise<TrainingJobResult>((resolve, reject) => {
      let sent = false;
      worker.on("message", (message: WorkerMessage) => {
        switch (message.type) {
          case "ready":
            compute = {
              mode: "worker-thread",
              backend: message.backend,
              ...(message.fallbackReason ? { fallbackReason: message.fallbackReason } : {}),
            };
            if (!sent) {
              sent = true;
              // Copied, not transferred, so the caller's arrays stay usable (20,000 embeddings are ~100 MB).
              worker.postMessage(job);
            }
            break;
          case "epoch":
            options.onEpoch?.(message.log);
            break;
          case "batch":
            options.onBatch?.({ done: message.done, total: message.total });
            break;
          case "select":
            options.onSelectStep?.(message.step);
            break;
          case "done":
            resolve(message.result);
            break;
          case "cancelled":
            reject(new TrainingCancelledError());
            break;
          case "error":
            reject(new Error(`training failed: ${message.message}`));
            break;
        }
      });
      worker.on("error", (err) => reject(new Error(`training worker crashed: ${err.message}`)));
      worker.on("exit", (code) => reject(new Error(`training worker exited (code ${code}) before finishing`)));
    });
    return { result, compute };
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await worker.terminate();
  }
}

/** One point of a learning curve: the same test images, a share of the training images. */
export interface LearningCurvePoint {
  fraction: number;
  /** Training images per class (mean over classes). */
  imagesPerClass: number;
  /** Correct test images and how many were scored. */
  correct: number;
  n: number;
}

/**
 * Test accuracy at 25, 50 and 75 % of the training images (each class subsampled alike, from the
 * run's seed), with the same validation and test images, plus the full run's point. Embeddings only:
 * each point is one more head trained on cached embeddings (seconds), never more images decoded.
 */
export async function learningCurve(
  input: TrainClassifierInput,
  full: TrainClassifierResult,
  options: Pick<TrainClassifierOptions, "backend" | "inProcess" | "wasmDir" | "workerScript" | "signal">,
  fractions: readonly number[] = [0.25, 0.5, 0.75],
): Promise<LearningCurvePoint[]> {
  if (input.data.kind !== "embeddings" || full.test.indices.length === 0) return [];
  const labels = Int32Array.from(input.labels as ArrayLike<number>);
  const classCount = input.classes.length;
  const byClass = new Map<number, number[]>();
  for (const row of full.split.train) byClass.set(labels[row]!, [...(byClass.get(labels[row]!) ?? []), row]);
  for (const [label, rows] of byClass) shuffleInPlace(rows, mulberry32(deriveSeed(full.settings.seed, "curve", label)));
  const perClass = (rows: number[]) => rows.length / Math.max(1, byClass.size);
  const pointOf = (fraction: number, trainRows: number[], report: ClassificationReport): LearningCurvePoint => ({
    fraction,
    imagesPerClass: perClass(trainRows),
    correct: report.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0),
    n: report.total,
  });
  const points: LearningCurvePoint[] = [];
  const inProcess = options.inProcess ?? (options.backend.backend === "tensorflow" || options.backend.backend === "tensorflow-gpu");
  for (const fraction of fractions) {
    // Nested subsets: a class keeps at least two images so every class is still learnt.
    const train = [...byClass.values()]
      .flatMap((rows) => rows.slice(0, Math.max(2, Math.round(rows.length * fraction))))
      .sort((a, b) => a - b);
    if (train.length >= full.split.train.length) continue;
    const job: TrainingJob = {
      data: input.data,
      labels,
      classCount,
      train,
      validation: full.split.validation,
      test: full.test.indices,
      classWeights: balancedClassWeights(
        train.map((i) => labels[i]!),
        classCount,
      ),
      settings: full.settings,
      // The same candidate as the run (with its chosen setting), not a new selection per point.
      ...(full.candidate
        ? { optimise: { folds: full.settings.cvFolds, fixed: full.candidate, ...(input.pixels ? { pixels: input.pixels } : {}) } }
        : {}),
    };
    const { result } = inProcess ? await runInProcess(job, options) : await runInWorker(job, options);
    points.push(pointOf(fraction, train, reportOn(input.classes, labels, result.testRows, result.testProbabilities)));
  }
  points.push(pointOf(1, full.split.train, full.report));
  return points;
}
