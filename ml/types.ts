// Types shared across ml/ (backend, backbone, embed, data, train, metrics, export).
// Plain data only: everything here must survive structuredClone (worker threads)
// and JSON (database rows, the export zip).

/** Compute backends in the order `auto` tries them. */
export const BACKEND_NAMES = ["tensorflow-gpu", "tensorflow", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendPreference = "auto" | BackendName;

/** What the UI and the health endpoint show about the compute backend. */
export interface BackendInfo {
  backend: BackendName;
  /** Human-readable, e.g. "CPU (WebAssembly SIMD)" or "CUDA GPU (libtensorflow)". */
  device: string;
  /**
   * Parallelism used for heavy work: worker threads for wasm/cpu (one backend per
   * thread), the core count for libtensorflow (its own thread pool).
   */
  threads: number;
  /** Why a backend earlier in the order (or the requested one) was not used. */
  fallbackReason?: string;
}

/** Stable id of a backbone; part of the embedding cache key. */
export type BackboneId = string;

/** TF.js serialisation formats: converted TF graphs (TF Hub) and Keras-style layers models. */
export type ModelFormat = "graph-model" | "layers-model";

/**
 * How pixels become the network input. Train, predict and export must use the
 * same values, so this object is stored with every run and shipped in the export.
 */
export interface PreprocessSpec {
  /** Bumped when the decode/resize/normalise code changes meaning. */
  version: number;
  height: number;
  width: number;
  /** Pixel values 0..255 map linearly onto [min, max]. */
  inputRange: [number, number];
  /** "fill": the whole image is resized to height×width (aspect ratio not kept). */
  resize: "fill";
  /** Alpha is composited over this colour before the alpha channel is dropped. */
  background: string;
}

export interface BackboneSpec {
  id: BackboneId;
  /** "pretrained": frozen ImageNet weights, embeddings cacheable. "trainable": trained per run. */
  kind: "pretrained" | "trainable";
  title: string;
  format: ModelFormat;
  preprocess: PreprocessSpec;
  /** Graph models: the node whose output is the embedding (e.g. the global pool). */
  embeddingNode?: string;
  embeddingSize: number;
}

/**
 * A model in memory in TF.js's own artifact shape (model.json fields plus one
 * weight buffer). Cloned to worker threads; loaded with tf.io.fromMemory.
 */
export interface SerializedModel {
  format: ModelFormat;
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
  signature?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
  modelInitializer?: unknown;
  initializerSignature?: unknown;
  generatedBy?: string;
  convertedBy?: string | null;
}

/**
 * Which engine computed embeddings or predictions: ONNX Runtime (the fast path
 * for frozen networks) or TF.js on the process's backend (training, and the
 * fallback when the native ONNX Runtime binary cannot load).
 */
export type InferenceEngine = "onnxruntime-cpu" | "onnxruntime-cuda" | `tfjs-${BackendName}`;

/** A backbone ready to run: its spec and weights, verified if they came from disk. */
export interface LoadedBackbone {
  spec: BackboneSpec;
  model: SerializedModel;
  /** The same network as an ONNX file, verified like the weights (absent for graph models and old installs). */
  onnx?: Uint8Array;
  /** Where it came from: the verified models folder, or built in memory (tests, the compact CNN). */
  origin: { kind: "models-dir"; dir: string } | { kind: "memory" };
}

/**
 * An image to embed: a path, a caller id with a path, or a caller id with the
 * encoded bytes (an upload to predict on, without a temporary file).
 */
export type ImageRef = string | { id: string; path: string } | { id: string; data: Uint8Array };

export interface EmbeddedImage {
  id: string;
  /** Set when the image came from a file. */
  path?: string;
  /** Absent when the image could not be decoded; see `error`. */
  embedding?: Float32Array;
  error?: string;
}

export interface Progress {
  done: number;
  /** Unknown when the images come from an async iterator without a stated total. */
  total?: number;
}

/**
 * "optimise": choose among candidate models (linear and MLP heads on the features, a linear model
 * on pixels) by k-fold cross-validation on the training images. "quick": today's single MLP head,
 * its epoch chosen on a validation share.
 */
export type TrainMode = "optimise" | "quick";

/** What a user chooses when starting a training run (defaults and bounds: ml/train/settings.ts). */
export interface TrainSettings {
  /** Optimise applies to the cached-features path; augmentation and the compact CNN train as in quick mode. */
  mode: TrainMode;
  /** Folds of the optimise step's cross-validation. */
  cvFolds: number;
  /** Upper bound; early stopping usually ends a run sooner. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  /**
   * Share of each class (after the test share) held out for validation: early stopping in quick mode.
   * Optimise mode chooses by cross-validation instead and holds no validation part out (unless the
   * test share is 0: then validation is what the figures are measured on).
   */
  validationShare: number;
  /**
   * Share of each class set aside before anything trains or chooses; the run's reported
   * figures are measured on it. 0 reports on validation, as runs before the test split did.
   */
  testShare: number;
  /** Train on randomly flipped, cropped and brightened images instead of cached embeddings. */
  augment: boolean;
  /** Fixes the split, the shuffling, the initial weights, dropout and augmentation. */
  seed: number;
  /** Epochs without a better validation loss before training stops. */
  patience: number;
  /** Width of the head's hidden dense layer. */
  hiddenUnits: number;
  /** Dropout rate after the hidden layer. */
  dropout: number;
}

/** One epoch of a run: live progress and the loss/accuracy curves. */
export interface EpochLog {
  /** 1-based. */
  epoch: number;
  loss: number;
  acc: number;
  /** Null when nothing was held out for validation. */
  valLoss: number | null;
  valAcc: number | null;
  durationMs: number;
}
