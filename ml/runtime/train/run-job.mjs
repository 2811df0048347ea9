// @ts-check
// One training job from plain data to plain data: what the training worker (and
// the in-process path for libtensorflow backends) runs. Plain JavaScript.
import { trainHeadOnEmbeddings } from "./embeddings-trainer.mjs";
import { trainOnImages } from "./image-trainer.mjs";
import { runOptimiseJob } from "./optimise-job.mjs";
import { serializedJobResult } from "./job-result.mjs";

/**
 * @typedef {import("../../types").BackboneSpec} BackboneSpec
 * @typedef {import("../../types").EpochLog} EpochLog
 * @typedef {import("../../types").SerializedModel} SerializedModel
 * @typedef {import("../../types").TrainSettings} TrainSettings
 * @typedef {import("./select.mjs").CandidateKind} CandidateKind
 * @typedef {import("./select.mjs").CandidateResult} CandidateResult
 * @typedef {import("./select.mjs").PixelMatrix} PixelMatrix
 */

/**
 * The optimise step (embeddings only): choose by cross-validation, or train a candidate already chosen.
 * @typedef {object} OptimiseJob
 * @property {number} folds
 * @property {PixelMatrix} [pixels] Thumbnails of the same samples (rows aligned with the embeddings); absent: no pixel candidate.
 * @property {{ kind: CandidateKind, lambda?: number, epochs?: number }} [fixed] Skip the selection and train this candidate with these settings (the learning curve's extra points).
 */

/**
 * @typedef {object} Selection
 * @property {number} folds
 * @property {CandidateResult[]} candidates
 * @property {CandidateKind} winner
 * @property {number} trainImages How many training images the folds were drawn from.
 */

/**
 * What a run trains on. "embeddings": cached embeddings from a frozen pretrained backbone, row-major
 * n × dim. "images": the image files (the stored, normalised copies), read batch by batch; with
 * `trainBackbone` the backbone (a layers model) is trained too, end to end.
 * @typedef {{ kind: "embeddings", embeddings: Float32Array, dim: number }
 *   | { kind: "images", paths: string[], backbone: { spec: BackboneSpec, model: SerializedModel }, trainBackbone: boolean, validationCacheBytes?: number }} TrainingData
 */

/**
 * @typedef {object} TrainingJob
 * @property {TrainingData} data
 * @property {Int32Array} labels
 * @property {number} classCount
 * @property {number[]} train
 * @property {number[]} validation
 * @property {number[]} [test] Scored once, with the final weights; never trained on, never used to choose.
 * @property {number[]} classWeights
 * @property {TrainSettings} settings
 * @property {OptimiseJob} [optimise]
 */

/**
 * @typedef {object} TrainingHooks
 * @property {(log: EpochLog) => void} [onEpoch]
 * @property {(done: number, total: number) => void} [onBatch]
 * @property {(step: { candidate: CandidateKind, fold: number, folds: number }) => void} [onSelectStep] Optimise step: which candidate and fold is being cross-validated.
 * @property {() => boolean} [isCancelled]
 */

/**
 * @typedef {object} TrainingJobResult
 * @property {SerializedModel} model
 * @property {"head" | "full"} modelKind "head": takes embeddings (the backbone is unchanged); "full": takes images.
 * @property {EpochLog[]} history
 * @property {number} bestEpoch
 * @property {boolean} stoppedEarly
 * @property {"valLoss" | "loss"} monitored
 * @property {number[]} validationRows Sample indices evaluated, in the order of validationProbabilities' rows.
 * @property {Float32Array} validationProbabilities
 * @property {number[]} testRows Sample indices of the test part that could be scored, in the order of testProbabilities' rows.
 * @property {Float32Array} testProbabilities
 * @property {Array<{ index: number, error: string }>} skipped Images that could not be decoded during training.
 * @property {Selection} [selection] The optimise step's candidates and winner; absent in quick mode and on the image paths.
 * @property {{ kind: CandidateKind, lambda?: number, epochs?: number }} [candidate] Which candidate the model is (optimise mode); absent: the MLP head or the image trainers' model.
 */

/**
 * @param {TrainingJob} job
 * @param {TrainingHooks} hooks
 * @returns {Promise<TrainingJobResult>}
 */
export async function runTrainingJob(job, hooks = {}) {
  const common = {
    labels: job.labels,
    classCount: job.classCount,
    train: job.train,
    validation: job.validation,
    test: job.test ?? [],
    classWeights: job.classWeights,
    settings: job.settings,
    onEpoch: hooks.onEpoch,
    onBatch: hooks.onBatch,
    isCancelled: hooks.isCancelled,
  };
  if (job.data.kind === "embeddings" && job.optimise) {
    return runOptimiseJob({
      ...common,
      embeddings: job.data.embeddings,
      dim: job.data.dim,
      optimise: job.optimise,
      onSelectStep: hooks.onSelectStep,
    });
  }
  if (job.data.kind === "embeddings") {
    const result = await trainHeadOnEmbeddings({ ...common, embeddings: job.data.embeddings, dim: job.data.dim });
    return serializedJobResult(result.head, {
      modelKind: "head",
      history: result.history,
      bestEpoch: result.bestEpoch,
      stoppedEarly: result.stoppedEarly,
      monitored: result.monitored,
      validationRows: job.validation,
      validationProbabilities: result.validationProbabilities,
      testRows: job.test ?? [],
      testProbabilities: result.testProbabilities,
      skipped: [],
    });
  }
  const result = await trainOnImages({
    ...common,
    paths: job.data.paths,
    backbone: job.data.backbone,
    trainBackbone: job.data.trainBackbone,
    ...(job.data.validationCacheBytes !== undefined ? { validationCacheBytes: job.data.validationCacheBytes } : {}),
  });
  return serializedJobResult(result.model, {
    modelKind: /** @type {"head" | "full"} */ (result.modelKind),
    history: result.history,
    bestEpoch: result.bestEpoch,
    stoppedEarly: result.stoppedEarly,
    monitored: result.monitored,
    validationRows: result.validationRows,
    validationProbabilities: result.validationProbabilities,
    testRows: result.testRows,
    testProbabilities: result.testProbabilities,
    skipped: result.skipped,
  });
}
