import instrumentV1 from "@/prisma/seed/data/assessment/instrument-v1.json";
import instrumentV2 from "@/prisma/seed/data/assessment/instrument-v2.json";
import { parseInstrument, type Instrument } from "./instrument-schema";

/**
 * The instrument versions shipped in the repository. The seed loads them into the database;
 * an attempt records the version it was taken on and is always scored with that version, so a
 * published version is never edited: wording changes make a new version.
 */
const BUNDLED: Readonly<Record<number, unknown>> = { 1: instrumentV1, 2: instrumentV2 };

export const LATEST_INSTRUMENT_VERSION = 2;
export const BUNDLED_INSTRUMENT_VERSIONS: readonly number[] = Object.keys(BUNDLED).map(Number);

const parsed = new Map<number, Instrument>();

export function bundledInstrument(version: number = LATEST_INSTRUMENT_VERSION): Instrument {
  const cached = parsed.get(version);
  if (cached) return cached;
  const data = BUNDLED[version];
  if (data === undefined) throw new Error(`No bundled instrument version ${version}`);
  const instrument = parseInstrument(data);
  if (instrument.version !== version) {
    throw new Error(`instrument-v${version}.json declares version ${instrument.version}`);
  }
  parsed.set(version, instrument);
  return instrument;
}
