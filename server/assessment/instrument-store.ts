import type { DbTx } from "@/server/db";
import { NotFoundError } from "@/server/errors";
import { parseInstrument, type Instrument } from "./instrument-schema";
import { BUNDLED_INSTRUMENT_VERSIONS, bundledInstrument, LATEST_INSTRUMENT_VERSION } from "./instruments";

/**
 * Reference-data loader: inserts each bundled instrument version that the database lacks. A
 * version already there is left untouched, because attempts were scored against it; changed
 * wording ships as a new version file.
 */
export async function syncBundledInstruments(db: DbTx): Promise<void> {
  for (const version of BUNDLED_INSTRUMENT_VERSIONS) {
    const instrument = bundledInstrument(version);
    await db.assessmentInstrument.upsert({
      where: { version },
      create: { version, data: instrument as object },
      update: {},
    });
  }
}

// Published versions never change, so a parsed copy can live for the life of the process.
const cache = new Map<number, Instrument>();

export async function loadInstrument(db: DbTx, version: number): Promise<Instrument> {
  const cached = cache.get(version);
  if (cached) return cached;
  const row = await db.assessmentInstrument.findUnique({ where: { version }, select: { data: true } });
  if (!row) throw new NotFoundError("Instrument");
  const instrument = parseInstrument(row.data);
  cache.set(version, instrument);
  return instrument;
}

/** The version new attempts are taken on. */
export function currentInstrumentVersion(): number {
  return LATEST_INSTRUMENT_VERSION;
}
