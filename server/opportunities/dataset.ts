import education from "@/prisma/seed/data/opportunities/v1/education.json";
import finance from "@/prisma/seed/data/opportunities/v1/finance.json";
import healthcare from "@/prisma/seed/data/opportunities/v1/healthcare.json";
import manufacturing from "@/prisma/seed/data/opportunities/v1/manufacturing.json";
import meta from "@/prisma/seed/data/opportunities/v1/meta.json";
import transportation from "@/prisma/seed/data/opportunities/v1/transportation.json";
import { parseDataset, type Dataset, type IndustryId, type Opportunity } from "./dataset-schema";

/**
 * The curated dataset versions shipped in the repository; the seed loads them into the
 * database. A published version is not edited in place: corrections make a new version, so
 * what a workspace starred and scored can always be traced to the figures it saw.
 */
const BUNDLED: Readonly<Record<number, unknown>> = {
  1: { ...meta, opportunities: [...healthcare, ...finance, ...manufacturing, ...transportation, ...education] },
};

export const LATEST_DATASET_VERSION = 1;

const parsed = new Map<number, Dataset>();

export function bundledDataset(version: number = LATEST_DATASET_VERSION): Dataset {
  const cached = parsed.get(version);
  if (cached) return cached;
  const data = BUNDLED[version];
  if (data === undefined) throw new Error(`No bundled opportunity dataset version ${version}`);
  const dataset = parseDataset(data);
  if (dataset.version !== version) throw new Error(`opportunity dataset v${version} declares version ${dataset.version}`);
  parsed.set(version, dataset);
  return dataset;
}

export function opportunitiesOf(dataset: Dataset, industry: IndustryId): Opportunity[] {
  return dataset.opportunities.filter((o) => o.industry === industry);
}
