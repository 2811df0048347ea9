import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createUser, seedPrototype } from "@/server/test/factories";
import { fieldRunMetrics } from "./field-metrics";

// A run's figures on field images: only held-out ones count, against the answers kept when they were predicted.
describe("fieldRunMetrics", () => {
  it("scores this run and the answering runs on the same held-out field images", async () => {
    const owner = await createUser({ name: "Metrics" });
    const workspaceId = owner.workspace.id;
    const prototype = await seedPrototype(workspaceId, { name: "Field metrics", classes: ["ok", "bad"] });
    const kept = (imageId: string, predictedLabel: string, runVersion: number, i: number) => ({
      workspaceId,
      prototypeId: prototype.id,
      runId: `r${runVersion}`,
      runVersion,
      source: "api",
      contentHash: `fm-${i}-${prototype.id}`,
      storagePath: `${workspaceId}/${prototype.id}/kept-fm-${i}.jpg`,
      format: "jpeg",
      width: 1,
      height: 1,
      bytes: 1,
      predictedLabel,
      confidence: 0.6,
      margin: 0.2,
      status: "CORRECTED" as const,
      imageId,
    });
    // Field images f1 (truly "bad", v1 said "ok"), f2 ("ok", v1 said "ok"), f3 ("bad", trained on, not held out).
    await getDb().keptPrediction.createMany({ data: [kept("f1", "ok", 1, 1), kept("f2", "ok", 1, 2), kept("f3", "ok", 1, 3)] });
    const samples = [
      { imageId: "lab0", fieldSource: null },
      { imageId: "f1", fieldSource: "api" },
      { imageId: "f2", fieldSource: "tryIt" },
      { imageId: "f3", fieldSource: "batch" },
      { imageId: "lab1", fieldSource: null },
    ];
    // Held out: lab0 (ok→ok), f1 (bad→bad), f2 (ok→bad), lab1 (bad→bad). f3 is in no cell (trained on).
    const cells = [
      [[0], [2]],
      [[], [1, 4]],
    ];
    const field = await fieldRunMetrics(getDb(), { workspaceId, samples, classes: ["ok", "bad"], cells });
    expect(field).toEqual({ images: 3, heldOut: 2, correct: 1, previous: { versions: [1], correct: 1, n: 2 } });
    expect(
      await fieldRunMetrics(getDb(), { workspaceId, samples: [samples[0]!, samples[4]!], classes: ["ok", "bad"], cells }),
    ).toBeUndefined();
  });
});
