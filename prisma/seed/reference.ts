import type { Db } from "@/server/db";
import { syncBundledInstruments } from "@/server/assessment/instrument-store";
import { syncBundledOpportunities } from "@/server/opportunities/store";

/** Loaders of versioned reference data; each domain appends its own (idempotent) loader. */
export const REFERENCE_DATA: ((db: Db) => Promise<void>)[] = [syncBundledInstruments, syncBundledOpportunities];
