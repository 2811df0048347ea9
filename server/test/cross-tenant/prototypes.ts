import { getDb } from "@/server/db";
import type { CrossTenantDomain } from "./types";

export const prototypesCases: CrossTenantDomain = {
  fixture: async (victim) => {
    const db = getDb();
    const workspaceId = victim.workspace.id;
    const prototype = await db.prototype.create({
      data: {
        workspaceId,
        name: "Victim data",
        classes: {
          create: [
            { workspaceId, name: "a", position: 0 },
            { workspaceId, name: "b", position: 1 },
            { workspaceId, name: "c", position: 2 },
          ],
        },
      },
      select: { id: true, classes: { select: { id: true }, orderBy: { position: "asc" } } },
    });
    const [a, b] = prototype.classes;
    const image = await db.prototypeImage.create({
      data: {
        workspaceId,
        prototypeId: prototype.id,
        classId: a!.id,
        contentHash: `x-${prototype.id}`,
        storagePath: `${workspaceId}/${prototype.id}/x.jpg`,
        originalName: "x.jpg",
        format: "jpeg",
        width: 1,
        height: 1,
        bytes: 1,
      },
      select: { id: true },
    });
    return { dataPrototypeId: prototype.id, classA: a!.id, classB: b!.id, imageId: image.id };
  },
  cases: {
    "prototypes.list": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "prototypes.uploadLimits": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId }) },
    "prototypes.get": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.dataPrototypeId }),
    },
    "prototypes.create": { kind: "workspace", input: ({ workspaceId }) => ({ workspaceId, name: "x", classes: ["a", "b"] }) },
    "prototypes.update": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.dataPrototypeId, name: "pwned" }),
    },
    "prototypes.archive": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.dataPrototypeId, archived: true }),
    },
    "prototypes.addClass": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.dataPrototypeId, name: "z" }),
    },
    "prototypes.renameClass": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.dataPrototypeId, classId: ids.classA, name: "renamed" }),
    },
    "prototypes.mergeClasses": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.dataPrototypeId, sourceId: ids.classA, targetId: ids.classB }),
    },
    "prototypes.deleteClass": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.dataPrototypeId, classId: ids.classA }),
    },
    "prototypes.images": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.dataPrototypeId }),
    },
    "prototypes.relabelImages": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.dataPrototypeId, imageIds: [ids.imageId], classId: ids.classB }),
    },
    "prototypes.deleteImages": {
      kind: "workspace",
      objects: true,
      input: ({ workspaceId, ids }) => ({ workspaceId, prototypeId: ids.dataPrototypeId, imageIds: [ids.imageId] }),
    },
  },
};
