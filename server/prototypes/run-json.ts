import { z } from "zod";

/**
 * The JSON columns of a training run (`settings`, `progress`, `metrics`, `curves`, `dataSizes`).
 * `server/prototypes/training.ts` writes them through these schemas and `runs.ts` parses them on
 * read, so a shape changes in one place. Fields added later are optional: older runs stay readable.
 */

export const ZRunSettings = z.object({
  /** Absent on runs from before the optimise step: they trained the single MLP head ("quick"). */
  mode: z.enum(["optimise", "quick"]).optional(),
  cvFolds: z.number().optional(),
  epochs: z.number(),
  batchSize: z.number(),
  learningRate: z.number(),
  validationShare: z.number(),
  /** Absent on runs from before the test split: they reported on validation. */
  testShare: z.number().optional(),
  augment: z.boolean(),
  seed: z.number(),
  patience: z.number(),
  hiddenUnits: z.number().optional(),
  dropout: z.number().optional(),
});
export type RunSettings = z.infer<typeof ZRunSettings>;

export const ZEpochPoint = z.object({
  epoch: z.number(),
  loss: z.number(),
  acc: z.number(),
  valLoss: z.number().nullable(),
  valAcc: z.number().nullable(),
  durationMs: z.number(),
});
export type EpochPoint = z.infer<typeof ZEpochPoint>;

export const ZRunCurves = z.array(ZEpochPoint);

const at = { at: z.string().optional() };

/** What the worker last reported, one shape per phase. */
export const ZRunProgress = z.discriminatedUnion("phase", [
  z.object({ phase: z.literal("queued"), note: z.string().optional(), ...at }),
  z.object({ phase: z.literal("preparing"), ...at }),
  z.object({ phase: z.literal("extracting"), done: z.number(), total: z.number(), cached: z.number(), ...at }),
  z.object({
    phase: z.literal("training"),
    epoch: z.number(),
    epochs: z.number(),
    batch: z.number().optional(),
    batches: z.number().optional(),
    loss: z.number().optional(),
    acc: z.number().optional(),
    valLoss: z.number().nullable().optional(),
    valAcc: z.number().nullable().optional(),
    etaMs: z.number().optional(),
    history: z.array(ZEpochPoint).optional(),
    ...at,
  }),
  z.object({
    phase: z.literal("selecting"),
    /** The candidate being cross-validated; absent while the pixel thumbnails are made. */
    candidate: z.enum(["logistic", "pixels", "mlp"]).optional(),
    fold: z.number().optional(),
    folds: z.number().optional(),
    step: z.number(),
    steps: z.number(),
    ...at,
  }),
  z.object({ phase: z.literal("evaluating"), ...at }),
  z.object({ phase: z.literal("done"), epochs: z.number(), durationMs: z.number(), ...at }),
]);
export type RunProgress = z.infer<typeof ZRunProgress>;

const ZClassFigures = z.object({
  label: z.string(),
  support: z.number(),
  predicted: z.number().optional(),
  truePositives: z.number().optional(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
  f1: z.number().nullable(),
});

export const ZCandidateKind = z.enum(["logistic", "pixels", "mlp"]);
export type CandidateKindName = z.infer<typeof ZCandidateKind>;

/** One candidate of the optimise step, cross-validated on the training images. */
export const ZCandidate = z.object({
  kind: ZCandidateKind,
  correct: z.number(),
  n: z.number(),
  cvAccuracy: z.number(),
  foldAccuracies: z.array(z.number()),
  spread: z.number(),
  params: z.object({ lambda: z.number().optional(), epochs: z.number().optional(), inputSize: z.number().optional() }),
  grid: z.array(z.object({ lambda: z.number().optional(), epochs: z.number().optional(), correct: z.number() })),
  durationMs: z.number(),
});
export type Candidate = z.infer<typeof ZCandidate>;

export const ZSelection = z.object({
  folds: z.number(),
  trainImages: z.number(),
  winner: ZCandidateKind,
  candidates: z.array(ZCandidate),
});
export type Selection = z.infer<typeof ZSelection>;

export const ZRunMetrics = z.object({
  accuracy: z.number(),
  macroF1: z.number(),
  macroPrecision: z.number().nullable(),
  macroRecall: z.number().nullable(),
  majorityBaseline: z.number().nullable(),
  classes: z.array(z.string()),
  perClass: z.array(ZClassFigures),
  /** confusion[true][predicted] on the images the figures were measured on. */
  confusion: z.array(z.array(z.number())),
  /** The image ids behind each confusion cell (the results page lists them); not sent with run lists. */
  cellImageIds: z.array(z.array(z.array(z.string()))).optional(),
  /**
   * Which images the figures were measured on: the test part, which nothing trained or chose on,
   * or (runs from before the test split, or a test share of 0) validation, which chose the epoch.
   */
  evaluatedOn: z.enum(["test", "validation"]).optional(),
  bestEpoch: z.number().optional(),
  stoppedEarly: z.boolean().optional(),
  modelKind: z.enum(["head", "full"]).optional(),
  durationMs: z.number().optional(),
  trainingMs: z.number().optional(),
  compute: z.object({ mode: z.string(), backend: z.string(), fallbackReason: z.string().optional() }).optional(),
  /** Test accuracy (correct of n) with a share of the training images; absent on older runs and image-path runs. */
  learningCurve: z.array(z.object({ fraction: z.number(), imagesPerClass: z.number(), correct: z.number(), n: z.number() })).optional(),
  /** Reviewed predictions from the field in this run's data (./field-metrics.ts); absent on runs without any. */
  field: z
    .object({
      /** Field images in the data set, and how many of them sat in the held-out part the figures use. */
      images: z.number(),
      heldOut: z.number(),
      /** This run on the held-out field images: correct of heldOut. */
      correct: z.number(),
      /** The runs that answered the same held-out images in the field (their kept answers): correct of n. */
      previous: z.object({ versions: z.array(z.number()), correct: z.number(), n: z.number() }),
    })
    .optional(),
  /** The optimise step: every candidate's cross-validated accuracy and the winner. Absent on quick and older runs. */
  selection: ZSelection.optional(),
  /** Which candidate answers (optimise runs), with its chosen setting. */
  candidate: z.object({ kind: ZCandidateKind, lambda: z.number().optional(), epochs: z.number().optional() }).optional(),
});
export type RunMetrics = z.infer<typeof ZRunMetrics>;

/**
 * Which model answers for a run: the optimise step's winner, or (quick and older runs) the MLP
 * head on the features, or the compact CNN trained end to end ("cnn").
 */
export function answeringModel(metrics: Pick<RunMetrics, "candidate" | "modelKind">): CandidateKindName | "cnn" {
  if (metrics.candidate) return metrics.candidate.kind;
  return metrics.modelKind === "full" ? "cnn" : "mlp";
}

export const ZRunDataSizes = z.object({
  total: z.number(),
  used: z.number(),
  train: z.number(),
  validation: z.number(),
  /** Absent on runs from before the test split. */
  test: z.number().optional(),
  unreadable: z.number(),
  /** Embeddings taken from the cache instead of being extracted again. */
  cachedEmbeddings: z.number().optional(),
  perClass: z.array(z.object({ name: z.string(), train: z.number(), validation: z.number(), test: z.number().optional() })),
});
export type RunDataSizes = z.infer<typeof ZRunDataSizes>;

/**
 * A stored column read through its schema. A value that does not fit (written by hand, or by a
 * version that no longer exists) reads as null rather than breaking the page that shows the run.
 */
export function readRunJson<T>(schema: z.ZodType<T>, value: unknown): T | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
