// One training job from plain data to plain data: what the training worker (and
// the in-process path for libtensorflow backends) runs. Plain JavaScript.
import { trainHeadOnEmbeddings } from "./embeddings-trainer.mjs";
import { trainOnImages } from "./image-trainer.mjs";
import { runOptimiseJob } from "./optimise-job.mjs";
import { serializeModel } from "./serialize.mjs";

/**
 * @param {import("./run-job.d.mts").TrainingJob} job
 * @param {import("./run-job.d.mts").TrainingHooks} hooks
 * @returns {Promise<import("./run-job.d.mts").TrainingJobResult>}
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
    try {
      return {
        model: await serializeModel(result.head),
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
      };
    } finally {
      result.head.dispose();
    }
  }
  const result = await trainOnImages({
    ...common,
    paths: job.data.paths,
    backbone: job.data.backbone,
    trainBackbone: job.data.trainBackbone,
    ...(job.data.validationCacheBytes !== undefined ? { validationCacheBytes: job.data.validationCacheBytes } : {}),
  });
  try {
    return {
      model: await serializeModel(result.model),
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
    };
  } finally {
    result.model.dispose();
  }
}
