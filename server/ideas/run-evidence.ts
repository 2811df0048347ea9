import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { fieldAccuracy } from "@/server/prototypes/field-accuracy";

/**
 * The one reader of training-run results for ideas. Everything the idea pages and the verdict
 * know about a run — classes, confusion matrix, held-out size, inference latency — comes
 * through here, so a change to how runs store their evaluation is absorbed in one place.
 */
const ZRunMetrics = z.object({
  accuracy: z.number(),
  macroF1: z.number(),
  classes: z.array(z.string()).min(2),
  // confusion[true][predicted] = number of held-out images.
  confusion: z.array(z.array(z.number().int().nonnegative())).optional(),
  // Milliseconds per prediction measured on this server, when the run recorded it.
  inferenceMsPerImage: z.number().positive().optional(),
});
// Runs since the held-out test split report on `test`; older runs on `validation`.
const ZRunSizes = z.object({ validation: z.number().int().nonnegative(), test: z.number().int().nonnegative().optional() });

export interface RunEvidence {
  runId: string;
  version: number;
  prototypeId: string;
  prototypeName: string;
  classes: string[];
  /** confusion[true][predicted]; null when the run predates stored confusion matrices. */
  confusion: number[][] | null;
  accuracy: number;
  macroF1: number;
  /** Held-out images the metrics were measured on. */
  heldOut: number;
  latencyMs: number | null;
  device: string | null;
  finishedAt: Date | null;
}

/**
 * The prototype's latest finished run (or the given one), scoped to the workspace; null when
 * the prototype is not in this workspace, has no finished run, or the run's metrics are unreadable.
 */
export async function readRunEvidence(
  db: Db,
  { workspaceId, prototypeId, runId }: { workspaceId: string; prototypeId: string; runId?: string | null },
): Promise<RunEvidence | null> {
  // One statement: a Prisma relation select for the prototype's name costs a second round trip,
  // even when no run is found, and every idea evaluation reads its runs through here.
  const rows = await db.$queryRaw<
    {
      id: string;
      version: number;
      metrics: unknown;
      dataSizes: unknown;
      device: string | null;
      finishedAt: Date | null;
      prototypeName: string;
    }[]
  >`
    SELECT r."id", r."version", r."metrics", r."dataSizes", r."device", r."finishedAt", p."name" AS "prototypeName"
      FROM "TrainingRun" r JOIN "Prototype" p ON p."id" = r."prototypeId"
     WHERE r."workspaceId" = ${workspaceId} AND p."workspaceId" = ${workspaceId} AND r."prototypeId" = ${prototypeId}
       AND r."status" = 'SUCCEEDED' ${runId ? Prisma.sql`AND r."id" = ${runId}` : Prisma.empty}
     ORDER BY r."version" DESC
     LIMIT 1`;
  const run = rows[0];
  if (!run) return null;
  const metrics = ZRunMetrics.safeParse(run.metrics);
  const sizes = ZRunSizes.safeParse(run.dataSizes);
  if (!metrics.success || !sizes.success) return null;
  const m = metrics.data;
  const confusion = m.confusion && m.confusion.length === m.classes.length ? m.confusion : null;
  return {
    runId: run.id,
    version: run.version,
    prototypeId,
    prototypeName: run.prototypeName,
    classes: m.classes,
    confusion,
    accuracy: m.accuracy,
    macroF1: m.macroF1,
    heldOut: confusion ? confusion.flat().reduce((a, b) => a + b, 0) : (sizes.data.test ?? sizes.data.validation),
    latencyMs: m.inferenceMsPerImage ?? null,
    device: run.device,
    finishedAt: run.finishedAt,
  };
}

/**
 * A flag beside the verdict (the verdict itself does not change): a linked prototype whose
 * accuracy in the field, from reviewed random samples, lies entirely below its lab range.
 */
export interface FieldDropFlag {
  prototypeId: string;
  prototypeName: string;
  version: number;
  field: { estimate: number | null; high: number | null; n: number };
  lab: { low: number | null; high: number | null; n: number };
}

export async function readFieldDrops(
  db: Db,
  { workspaceId, runs }: { workspaceId: string; runs: RunEvidence[] },
): Promise<FieldDropFlag[]> {
  const flags: FieldDropFlag[] = [];
  for (const prototypeId of new Set(runs.map((r) => r.prototypeId))) {
    const field = await fieldAccuracy(db, { workspaceId, prototypeId });
    if (!field.drop) continue;
    flags.push({
      prototypeId,
      prototypeName: runs.find((r) => r.prototypeId === prototypeId)!.prototypeName,
      version: field.drop.version,
      field: { estimate: field.drop.field.estimate, high: field.drop.field.high, n: field.drop.field.n },
      lab: { low: field.drop.lab.low, high: field.drop.lab.high, n: field.drop.lab.n },
    });
  }
  return flags;
}
