import { performance } from "node:perf_hooks";
import type { Db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { predictImages } from "@/server/prototypes/predict";
import { readStoredFile } from "@/server/prototypes/storage";
import { storage } from "@/server/storage";
import { getIdea } from "./ideas";
import { recordVerdictChange } from "./history";
import { readRunEvidence } from "./run-evidence";

/** Images timed per measurement: enough to average out one slow call, few enough to answer in seconds. */
export const LATENCY_SAMPLE = 16;

/**
 * Milliseconds per prediction: one warm-up call (loading the model is not serving cost), then
 * one timed batch of all images. Pure apart from the clock; `predict` is injected for tests.
 */
export async function timePredictions(predict: (images: Buffer[]) => Promise<unknown>, images: Buffer[]): Promise<number> {
  if (!images.length) throw new Error("no images to time");
  await predict(images.slice(0, 1));
  const started = performance.now();
  await predict(images);
  return (performance.now() - started) / images.length;
}

/**
 * Measures the model's latency on this server: the latest finished run of the first prototype
 * the idea's experiments test, on up to LATENCY_SAMPLE of that prototype's own images. Stored on
 * the idea's economics with a note saying what was measured, so the cost per 1,000 predictions
 * has a source.
 */
export async function measureIdeaLatency(db: Db, { workspaceId, userId, ideaId }: { workspaceId: string; userId: string; ideaId: string }) {
  await getIdea(db, { workspaceId, ideaId });
  const economics = await db.ideaEconomics.findFirst({ where: { ideaId, workspaceId }, select: { id: true } });
  if (!economics) throw new DomainError("PRECONDITION_FAILED", "economicsFirst", "Save the unit economics first");
  const experiment = await db.ideaExperiment.findFirst({
    where: { ideaId, workspaceId, kind: "prototype", prototypeId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { prototypeId: true, runId: true },
  });
  const run = experiment?.prototypeId
    ? await readRunEvidence(db, { workspaceId, prototypeId: experiment.prototypeId, runId: experiment.runId })
    : null;
  if (!run) throw new DomainError("PRECONDITION_FAILED", "noRunToMeasure", "Link a trained prototype through an experiment first");
  const stored = await db.prototypeImage.findMany({
    where: { workspaceId, prototypeId: run.prototypeId },
    orderBy: { createdAt: "asc" },
    take: LATENCY_SAMPLE,
    select: { storagePath: true },
  });
  const images = await Promise.all(stored.map((s) => readStoredFile(storage(), s.storagePath)));
  if (!images.length) throw new DomainError("PRECONDITION_FAILED", "noRunToMeasure", "The prototype has no images to measure with");
  const ms = await timePredictions(
    (batch) => predictImages(db, { workspaceId, prototypeId: run.prototypeId, runId: run.runId, images: batch }),
    images,
  );
  const note = `${run.prototypeName} v${run.version}, ${images.length} images in one batch, ${new Date().toISOString().slice(0, 10)}`;
  await db.ideaEconomics.updateMany({ where: { ideaId, workspaceId }, data: { measuredLatencyMs: ms, measuredLatencyNote: note } });
  await recordVerdictChange(db, { workspaceId, userId, ideaId, cause: "economics", detail: note });
  return { ms, note };
}
