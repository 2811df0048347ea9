import { getDb } from "@/server/db";
import { seedPrototype } from "@/server/test/factories";
import type { CrossTenantDomain } from "./types";

/** Kept predictions and the review inbox: another workspace's prototype or kept prediction is "not found". */
export const fieldLoopCases: CrossTenantDomain = {
  fixture: async (victim) => {
    const db = getDb();
    const workspaceId = victim.workspace.id;
    const prototype = await seedPrototype(workspaceId, { name: "Victim field loop", classes: ["ok", "bad"] });
    const classes = await db.prototypeClass.findMany({ where: { prototypeId: prototype.id }, orderBy: { position: "asc" } });
    const kept = await db.keptPrediction.create({
      data: {
        workspaceId,
        prototypeId: prototype.id,
        runId: "run-of-victim",
        runVersion: 1,
        source: "api",
        contentHash: `k-${prototype.id}`,
        storagePath: `${workspaceId}/${prototype.id}/kept-x.jpg`,
        format: "jpeg",
        width: 1,
        height: 1,
        bytes: 1,
        predictedLabel: "ok",
        confidence: 0.5,
        margin: 0.1,
        sampled: true,
      },
      select: { id: true },
    });
    return { fieldPrototypeId: prototype.id, keptId: kept.id, fieldClassB: classes[1]!.id };
  },
  cases: {
    "fieldLoop.settings": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.fieldPrototypeId }),
    },
    "fieldLoop.setKeep": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.fieldPrototypeId, keep: true }),
    },
    "fieldLoop.inbox": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.fieldPrototypeId }),
    },
    "fieldLoop.review": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({
        workspaceId,
        prototypeId: ids.fieldPrototypeId,
        ids: [ids.keptId],
        action: "correct",
        classId: ids.fieldClassB,
      }),
    },
    "fieldLoop.accuracy": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.fieldPrototypeId }),
    },
    "prototypes.deletionImpact": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.fieldPrototypeId }),
    },
    "prototypes.delete": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.fieldPrototypeId, confirmName: "Victim field loop" }),
    },
  },
};
