import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { readFieldDrops, readRunEvidence } from "@/server/ideas/run-evidence";
import { createUser, RUN_METRICS_49_OF_50, seedPrototype } from "@/server/test/factories";
import { fieldAccuracy } from "./field-accuracy";

// Field accuracy counts reviewed random samples only, and flags a drop when its interval lies below the lab's.
async function setup(confirmed: number, corrected: number) {
  const owner = await createUser({ name: "Field" });
  const workspaceId = owner.workspace.id;
  const prototype = await seedPrototype(workspaceId, { name: "Field accuracy", classes: ["ok", "bad"] });
  const run = await getDb().trainingRun.create({
    data: {
      workspaceId,
      prototypeId: prototype.id,
      version: 1,
      status: "SUCCEEDED",
      settings: {},
      dataSizes: { total: 100, used: 100, train: 60, validation: 20, test: 50, unreadable: 0, perClass: [] },
      metrics: RUN_METRICS_49_OF_50,
    },
    select: { id: true },
  });
  const row = (status: "CONFIRMED" | "CORRECTED" | "DISCARDED" | "PENDING", sampled: boolean, i: number) => ({
    workspaceId,
    prototypeId: prototype.id,
    runId: run.id,
    runVersion: 1,
    source: "api",
    contentHash: `h-${status}-${sampled}-${i}`,
    storagePath: `${workspaceId}/${prototype.id}/kept-${status}-${i}.jpg`,
    format: "jpeg",
    width: 1,
    height: 1,
    bytes: 1,
    predictedLabel: "ok",
    confidence: 0.9,
    margin: 0.8,
    sampled,
    status,
    reviewedLabel: status === "CORRECTED" ? "bad" : status === "CONFIRMED" ? "ok" : null,
  });
  await getDb().keptPrediction.createMany({
    data: [
      ...Array.from({ length: confirmed }, (_, i) => row("CONFIRMED", true, i)),
      ...Array.from({ length: corrected }, (_, i) => row("CORRECTED", true, i)),
      // Not counted: unsampled reviews (picked for being unsure), discarded and pending samples.
      ...Array.from({ length: 5 }, (_, i) => row("CORRECTED", false, 100 + i)),
      row("DISCARDED", true, 200),
      row("PENDING", true, 201),
    ],
  });
  return { workspaceId, prototypeId: prototype.id };
}

describe("field accuracy", () => {
  it("counts reviewed random samples only and flags a drop below the lab range, on the prototype and for ideas", async () => {
    const { workspaceId, prototypeId } = await setup(5, 15);
    const field = await fieldAccuracy(getDb(), { workspaceId, prototypeId });
    expect(field.overall).toMatchObject({ successes: 5, n: 20 });
    expect(field.perClass.map((c) => [c.label, c.accuracy.n])).toEqual([
      ["bad", 15],
      ["ok", 5],
    ]);
    expect(field.drop).toMatchObject({ version: 1, field: { n: 20 }, lab: { n: 50 } });
    const run = (await readRunEvidence(getDb(), { workspaceId, prototypeId }))!;
    expect(await readFieldDrops(getDb(), { workspaceId, runs: [run] })).toEqual([
      expect.objectContaining({ prototypeId, version: 1, field: expect.objectContaining({ n: 20 }) }),
    ]);
  });

  it("does not flag a field interval that overlaps the lab range", async () => {
    const { workspaceId, prototypeId } = await setup(18, 2);
    const field = await fieldAccuracy(getDb(), { workspaceId, prototypeId });
    expect(field.overall).toMatchObject({ successes: 18, n: 20 });
    expect(field.drop).toBeNull();
    const run = (await readRunEvidence(getDb(), { workspaceId, prototypeId }))!;
    expect(await readFieldDrops(getDb(), { workspaceId, runs: [run] })).toEqual([]);
  });
});
