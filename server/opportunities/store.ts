import type { DbTx } from "@/server/db";
import { bundledDataset, LATEST_DATASET_VERSION } from "./dataset";
import { z } from "zod";
import { ZFigure, ZIndustry, ZOpportunity, type Dataset, type Opportunity } from "./dataset-schema";

/**
 * Reference-data loader and reader for the curated dataset. The loader runs at every start: it
 * inserts each bundled dataset version the database lacks (a loaded version is never changed)
 * and upserts the curated opportunities by key, moving a key to a newer version only when one
 * ships. Opportunities are global, read-only content; nothing here is workspace data.
 */
export async function syncBundledOpportunities(db: DbTx): Promise<void> {
  const dataset = bundledDataset(LATEST_DATASET_VERSION);
  const { opportunities, ...meta } = dataset;
  await db.opportunityDataset.upsert({ where: { version: dataset.version }, create: { version: dataset.version, meta }, update: {} });

  const stored = new Map(
    (await db.curatedOpportunity.findMany({ select: { key: true, datasetVersion: true } })).map((r) => [r.key, r.datasetVersion]),
  );
  const missing = opportunities.filter((o) => !stored.has(o.key));
  if (missing.length) {
    await db.curatedOpportunity.createMany({
      data: missing.map((o) => ({ key: o.key, datasetVersion: dataset.version, industry: o.industry, data: o })),
      skipDuplicates: true,
    });
  }
  for (const o of opportunities) {
    const version = stored.get(o.key);
    if (version !== undefined && version < dataset.version) {
      await db.curatedOpportunity.update({
        where: { key: o.key },
        data: { datasetVersion: dataset.version, industry: o.industry, data: o },
      });
    }
  }
}

export interface CuratedContent {
  version: number;
  meta: Omit<Dataset, "opportunities">;
  opportunities: Opportunity[];
  byKey: Map<string, Opportunity>;
}

// Loaded versions never change, so the parsed content can live for the life of the process.
let cache: CuratedContent | null = null;
const ZMeta = z.object({ version: z.number().int(), crossIndustryFigures: z.array(ZFigure), industries: z.array(ZIndustry) });

/** The curated content as the database holds it (the latest loaded version). */
export async function loadCurated(db: DbTx): Promise<CuratedContent> {
  const latest = await db.opportunityDataset.findFirst({ orderBy: { version: "desc" }, select: { version: true, meta: true } });
  if (cache && latest && cache.version === latest.version) return cache;
  if (!latest) {
    // Not loaded yet (a fresh database before the loader ran): serve the bundled data.
    const { opportunities, ...meta } = bundledDataset();
    return { version: meta.version, meta, opportunities, byKey: new Map(opportunities.map((o) => [o.key, o])) };
  }
  const rows = await db.curatedOpportunity.findMany({ orderBy: { key: "asc" }, select: { data: true } });
  const opportunities = rows.map((r) => ZOpportunity.parse(r.data));
  const order = new Map(bundledDataset().opportunities.map((o, i) => [o.key, i]));
  opportunities.sort((a, b) => (order.get(a.key) ?? Infinity) - (order.get(b.key) ?? Infinity) || a.key.localeCompare(b.key));
  cache = { version: latest.version, meta: ZMeta.parse(latest.meta), opportunities, byKey: new Map(opportunities.map((o) => [o.key, o])) };
  return cache;
}
