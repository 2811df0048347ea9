import type { Db } from "@/server/db";
import { bundledDataset } from "@/server/opportunities/dataset";
import { listCustom } from "@/server/opportunities/custom";

/**
 * What an idea can point at: the curated opportunities, the workspace's own (their titles are
 * plain strings, written in one language) and the workspace's prototypes.
 */
export async function ideaOptions(db: Db, workspaceId: string) {
  const prototypes = await db.prototype.findMany({
    where: { workspaceId, archivedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true },
  });
  const custom = await listCustom(db, { workspaceId });
  const opportunities = [
    ...custom.map((o) => ({
      ref: o.ref,
      industry: o.industry,
      title: typeof o.title === "string" ? { en: o.title, zh: o.title } : o.title,
      custom: true,
    })),
    ...bundledDataset().opportunities.map((o) => ({ ref: o.key, industry: o.industry, title: o.title, custom: false })),
  ];
  return { prototypes, opportunities };
}
