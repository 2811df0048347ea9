import type { Db } from "@/server/db";
import { bundledDataset } from "@/server/opportunities/dataset";

/** What an idea can point at: the curated opportunities and the workspace's prototypes. */
export async function ideaOptions(db: Db, workspaceId: string) {
  const prototypes = await db.prototype.findMany({
    where: { workspaceId, archivedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true },
  });
  const opportunities = bundledDataset().opportunities.map((o) => ({ ref: o.key, industry: o.industry, title: o.title }));
  return { prototypes, opportunities };
}
