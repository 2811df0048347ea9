import type { Db } from "@/server/db";
import { bundledDataset } from "@/server/opportunities/dataset";
import { listCustom } from "@/server/opportunities/custom";

/**
 * What an idea can point at: the curated opportunities, the workspace's own (their titles are
 * plain strings, written in one language) and the workspace's prototypes. Each opportunity says
 * whether the workspace shortlisted it, so the form can offer the shortlist first.
 */
export async function ideaOptions(db: Db, workspaceId: string) {
  const prototypes = await db.prototype.findMany({
    where: { workspaceId, archivedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true },
  });
  const [custom, marks] = await Promise.all([
    listCustom(db, { workspaceId }),
    db.opportunityMark.findMany({ where: { workspaceId, starred: true }, select: { ref: true } }),
  ]);
  const shortlisted = new Set(marks.map((m) => m.ref));
  const opportunities = [
    ...custom.map((o) => ({
      ref: o.ref,
      industry: o.industry,
      title: typeof o.title === "string" ? { en: o.title, zh: o.title } : o.title,
      custom: true,
      shortlisted: shortlisted.has(o.ref),
    })),
    ...bundledDataset().opportunities.map((o) => ({
      ref: o.key,
      industry: o.industry,
      title: o.title,
      custom: false,
      shortlisted: shortlisted.has(o.key),
    })),
  ];
  return { prototypes, opportunities };
}
