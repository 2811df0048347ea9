import { getDb } from "@/server/db";
import { seedPrototype } from "@/server/test/factories";
import type { CrossTenantDomain } from "./types";

/** A tiny valid PNG (1×1) in base64: enough for the predict input to pass validation. */
const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

export const runsCases: CrossTenantDomain = {
  fixture: async (victim) => {
    const db = getDb();
    const workspaceId = victim.workspace.id;
    const prototype = await seedPrototype(workspaceId, { name: "Victim classifier", classes: ["cats", "dogs"] });
    const run = await db.trainingRun.create({
      data: {
        workspaceId,
        prototypeId: prototype.id,
        version: 1,
        status: "SUCCEEDED",
        settings: {},
        metrics: {
          accuracy: 1,
          macroF1: 1,
          classes: ["cats", "dogs"],
          cellImageIds: [
            [[], []],
            [[], []],
          ],
        },
      },
      select: { id: true },
    });
    return { runsPrototypeId: prototype.id, runId: run.id };
  },
  cases: {
    "runs.start": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.runsPrototypeId, settings: {} }),
    },
    "runs.list": { kind: "workspace", objects: true, input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.runsPrototypeId }) },
    "runs.get": { kind: "workspace", objects: true, input: ({ workspaceId, ids }) => ({ workspaceId, runId: ids.runId }) },
    "runs.cancel": { kind: "workspace", objects: true, input: ({ workspaceId, ids }) => ({ workspaceId, runId: ids.runId }) },
    "runs.cellImages": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, runId: ids.runId, truth: 0, predicted: 0 }),
    },
    "runs.predict": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.runsPrototypeId, runId: ids.runId, images: [PNG_1X1] }),
    },
    "runs.mlStatus": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
  },
};
