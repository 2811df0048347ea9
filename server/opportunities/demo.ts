import type { Db } from "@/server/db";

/**
 * Demo workspace content: a short shortlist with statuses, a vote and a note, so the overview,
 * the shortlist export and the detail page have something to show at once. Curated keys only.
 */
export async function seedDemoOpportunities(db: Db, { userId, workspaceId }: { userId: string; workspaceId: string }) {
  const marks = [
    { ref: "manufacturing.visual-inspection", status: "validating" as const },
    { ref: "healthcare.ambient-scribe", status: "exploring" as const },
  ];
  for (const m of marks) {
    await db.opportunityMark.upsert({
      where: { workspaceId_ref: { workspaceId, ref: m.ref } },
      create: { workspaceId, ref: m.ref, starred: true, status: m.status, updatedById: userId },
      update: {},
    });
  }
  await db.opportunityVote.upsert({
    where: { workspaceId_ref_userId: { workspaceId, ref: "manufacturing.visual-inspection", userId } },
    create: { workspaceId, ref: "manufacturing.visual-inspection", userId, value: 1 },
    update: {},
  });
  await db.opportunityNote.create({
    data: {
      workspaceId,
      ref: "manufacturing.visual-inspection",
      authorId: userId,
      body: "Two PCB makers in our network lose about 2% of boards to solder defects found late. Ask for 500 labelled images of good and bad joints for a prototype.",
    },
  });
}
