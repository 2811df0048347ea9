// @ts-check
// The optimise step as a training job: cross-validate the candidates on the training rows,
// train the winner on all of them, score the held-out rows once. Plain JavaScript: runs in
// the training worker (and in-process on libtensorflow backends).
import { gatherRows, trainHeadOnEmbeddings } from "./embeddings-trainer.mjs";
import { logisticProbabilities } from "./logistic.mjs";
import { buildLinearHead, buildPixelModel, fitLinear, scalingFor, selectModel } from "./select.mjs";
import { serializedJobResult } from "./job-result.mjs";

/**
 * @param {{
 *   embeddings: Float32Array,
 *   dim: number,
 *   labels: Int32Array,
 *   classCount: number,
 *   train: number[],
 *   validation: number[],
 *   test: number[],
 *   classWeights: number[],
 *   settings: import("../../types").TrainSettings,
 *   optimise: import("./run-job.mjs").OptimiseJob,
 *   onEpoch?: (log: import("../../types").EpochLog) => void,
 *   onBatch?: (done: number, total: number) => void,
 *   onSelectStep?: (step: { candidate: import("./select.mjs").CandidateKind, fold: number, folds: number }) => void,
 *   isCancelled?: () => boolean,
 * }} job
 * @returns {Promise<import("./run-job.mjs").TrainingJobResult>}
 */
export async function runOptimiseJob(job) {
  const { embeddings, dim, labels, classCount, train, validation, test, settings, optimise } = job;
  const features = { x: embeddings, d: dim };
  /** @type {import("./run-job.mjs").Selection | undefined} */
  let selection;
  /** @type {{ kind: import("./select.mjs").CandidateKind, lambda?: number, epochs?: number }} */
  let chosen;
  if (optimise.fixed) {
    chosen = optimise.fixed;
  } else {
    const selected = await selectModel({
      labels,
      classCount,
      train,
      features,
      ...(optimise.pixels ? { pixels: optimise.pixels } : {}),
      folds: optimise.folds,
      seed: settings.seed,
      settings,
      ...(job.isCancelled ? { isCancelled: job.isCancelled } : {}),
      ...(job.onSelectStep ? { onStep: job.onSelectStep } : {}),
    });
    selection = { ...selected, trainImages: train.length };
    const winner = /** @type {import("./select.mjs").CandidateResult} */ (selected.candidates.find((c) => c.kind === selected.winner));
    chosen = { kind: winner.kind, ...winner.params };
    delete (/** @type {{ inputSize?: number }} */ (chosen).inputSize);
  }

  // What the figures are measured on: the test part, or validation when no test part was set
  // aside (then nothing in optimise mode chose with it either).
  const scored = test.length > 0 ? test : validation;
  const place = (/** @type {Float32Array} */ probabilities) => ({
    validationRows: validation,
    validationProbabilities: test.length > 0 ? new Float32Array(0) : probabilities,
    testRows: test,
    testProbabilities: test.length > 0 ? probabilities : new Float32Array(0),
  });
  const common = { skipped: [], ...(selection ? { selection } : {}), candidate: chosen };

  if (chosen.kind === "mlp") {
    const epochs = chosen.epochs ?? settings.epochs;
    const result = await trainHeadOnEmbeddings({
      embeddings,
      dim,
      labels,
      classCount,
      train,
      validation: [],
      test: scored,
      classWeights: job.classWeights,
      // The epoch count was chosen by the folds: train exactly that long on every training image.
      settings: { ...settings, epochs, patience: epochs },
      ...(job.onEpoch ? { onEpoch: job.onEpoch } : {}),
      ...(job.onBatch ? { onBatch: job.onBatch } : {}),
      ...(job.isCancelled ? { isCancelled: job.isCancelled } : {}),
    });
    return serializedJobResult(result.head, {
      modelKind: "head",
      history: result.history,
      bestEpoch: result.bestEpoch,
      stoppedEarly: false,
      monitored: "loss",
      ...place(result.testProbabilities),
      ...common,
    });
  }

  const matrix = chosen.kind === "pixels" ? optimise.pixels : features;
  if (!matrix) throw new Error("the pixel model was chosen without pixel features");
  const { params } = fitLinear({
    labels,
    classCount,
    train,
    matrix,
    lambda: chosen.lambda ?? 1e-2,
    scaling: scalingFor(chosen.kind),
    ...(job.isCancelled ? { isCancelled: job.isCancelled } : {}),
  });
  const probabilities =
    scored.length > 0 ? logisticProbabilities(gatherRows(matrix.x, matrix.d, scored), matrix.d, params, classCount) : new Float32Array(0);
  const model =
    chosen.kind === "pixels" && optimise.pixels
      ? buildPixelModel(params, optimise.pixels, classCount)
      : buildLinearHead(params, matrix.d, classCount);
  return serializedJobResult(model, {
    // The pixel model takes the preprocessed image itself; the linear head takes embeddings.
    modelKind: chosen.kind === "pixels" ? "full" : "head",
    history: [],
    bestEpoch: 0,
    stoppedEarly: false,
    monitored: "loss",
    ...place(probabilities),
    ...common,
  });
}
