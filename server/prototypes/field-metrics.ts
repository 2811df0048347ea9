import type { Db } from "@/server/db";
import type { RunMetrics } from "./run-json";

/**
 * A run's figures on field images (reviewed predictions that joined the training set), apart
 * from the lab data: this run's answers on the held-out field images, against the answers the
 * earlier runs gave on the same images in the field (kept with each prediction). Only held-out
 * images count: the run trained or chose its epoch on the others.
 */
export async function fieldRunMetrics(
  db: Db,
  args: {
    workspaceId: string;
    /** Rows of the run's data, in the order the report's confusion cells refer to. */
    samples: Array<{ imageId: string; fieldSource: string | null }>;
    classes: string[];
    /** cells[truth][predicted] = sample rows evaluated there (the held-out part). */
    cells: number[][][];
  },
): Promise<RunMetrics["field"]> {
  const fieldCount = args.samples.filter((s) => s.fieldSource !== null).length;
  if (fieldCount === 0) return undefined;
  const heldOut: Array<{ imageId: string; truth: number; predicted: number }> = [];
  args.cells.forEach((row, truth) =>
    row.forEach((cell, predicted) => {
      for (const index of cell) {
        const sample = args.samples[index];
        if (sample?.fieldSource) heldOut.push({ imageId: sample.imageId, truth, predicted });
      }
    }),
  );
  const kept = await db.keptPrediction.findMany({
    where: { workspaceId: args.workspaceId, imageId: { in: heldOut.map((h) => h.imageId) } },
    select: { imageId: true, predictedLabel: true, runVersion: true },
  });
  const byImage = new Map(kept.map((k) => [k.imageId, k]));
  let previousCorrect = 0;
  let previousN = 0;
  const versions = new Set<number>();
  for (const item of heldOut) {
    const answer = byImage.get(item.imageId);
    if (!answer) continue;
    previousN++;
    versions.add(answer.runVersion);
    if (answer.predictedLabel === args.classes[item.truth]) previousCorrect++;
  }
  return {
    images: fieldCount,
    heldOut: heldOut.length,
    correct: heldOut.filter((h) => h.truth === h.predicted).length,
    previous: { versions: [...versions].sort((a, b) => a - b), correct: previousCorrect, n: previousN },
  };
}
