import { SURFACE_CLASSES, renderSurface } from "@/ml/data/surfaces";
import type { Db } from "@/server/db";
import type { ObjectStorage } from "@/server/storage";
import { createPrototype } from "./prototypes";
import { startRun } from "./runs";
import { uploadFilesToClass } from "./uploads";

export const DEMO_PROTOTYPE_NAME = "Surface defect check (generated images)";
const IMAGES_PER_CLASS = 24;

/**
 * Demo workspace content: a visual-inspection prototype (the demo's shortlisted
 * opportunity) with generated images of clean, scratched and pitted metal, and
 * one queued training run, which the job worker trains right after start-up.
 * The images go through the same upload path as a user's (checks, storage,
 * duplicates), and the name says they are generated.
 */
export async function seedDemoPrototype(
  db: Db,
  { userId, workspaceId, storage }: { userId: string; workspaceId: string; storage: ObjectStorage },
) {
  const prototype = await createPrototype(db, {
    workspaceId,
    userId,
    name: DEMO_PROTOTYPE_NAME,
    question: "Can a camera on the line tell clean parts from scratched or pitted ones?",
    classes: [...SURFACE_CLASSES],
  });
  const classes = await db.prototypeClass.findMany({ where: { prototypeId: prototype.id, workspaceId }, select: { id: true, name: true } });
  for (const [label, kind] of SURFACE_CLASSES.entries()) {
    const files = await Promise.all(
      Array.from({ length: IMAGES_PER_CLASS }, async (_, i) => ({
        name: `${kind}-${i + 1}.png`,
        bytes: await renderSurface(kind, 1000 * (label + 1) + i),
      })),
    );
    const classId = classes.find((c) => c.name === kind)!.id;
    await uploadFilesToClass(db, { workspaceId, prototypeId: prototype.id, classId, files }, { image: {}, zip: {}, storage });
  }
  await startRun(db, { workspaceId, prototypeId: prototype.id, userId, settings: {} });
  return prototype;
}
