import type { Db } from "@/server/db";
import { DEMO_PROTOTYPE_NAME } from "@/server/prototypes/demo";
import { createIdea } from "./ideas";

/**
 * Demo workspace content: one idea that joins the demo founder's profile, the
 * shortlisted visual-inspection opportunity and the demo prototype, so the
 * go / validate further / park report has all three pillars to explain.
 */
export async function seedDemoIdea(db: Db, { userId, workspaceId }: { userId: string; workspaceId: string }) {
  const prototype = await db.prototype.findFirst({ where: { workspaceId, name: DEMO_PROTOTYPE_NAME }, select: { id: true } });
  await createIdea(db, {
    workspaceId,
    userId,
    fields: {
      title: "Defect spotting for small PCB and metal-parts makers",
      summary:
        "A camera and a classifier at the end of the line flag scratched or pitted parts before they ship. Sold per line per month to makers too small for the big vision vendors.",
      opportunityRef: "manufacturing.visual-inspection",
      prototypeId: prototype?.id ?? null,
    },
  });
}
