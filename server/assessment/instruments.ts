import instrumentV1 from "@/prisma/seed/data/assessment/instrument-v1.json";
import type { DimensionId, FacetId } from "./facets";
import { DIMENSIONS } from "./facets";
import { dimensionOf, parseInstrument, type Instrument, type InstrumentItem } from "./instrument-schema";

/**
 * The instrument versions shipped in the repository. The seed loads them into the database;
 * an attempt records the version it was taken on and is always scored with that version, so a
 * published version is never edited: wording changes make a new version.
 */
const BUNDLED: Readonly<Record<number, unknown>> = { 1: instrumentV1 };

export const LATEST_INSTRUMENT_VERSION = 1;
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

export function dimensionOfItem(item: InstrumentItem): DimensionId {
  return item.kind === "likert" ? dimensionOf(item.facet) : item.dimension;
}

/** The facets an item's score counts towards. */
export function facetsOfItem(item: InstrumentItem): readonly FacetId[] {
  return item.kind === "likert" ? [item.facet] : item.facets;
}

export interface AssessmentPage {
  dimension: DimensionId;
  items: InstrumentItem[];
}

/**
 * One page per dimension. Likert items are interleaved across facets (first item of each facet,
 * then the second, …) so that a facet's items are not answered back to back, which would inflate
 * their apparent consistency; the situational items close the page.
 */
export function assessmentPages(instrument: Instrument): AssessmentPage[] {
  return DIMENSIONS.map((dimension) => {
    const inDimension = instrument.items.filter((item) => dimensionOfItem(item) === dimension);
    const byFacet = new Map<FacetId, InstrumentItem[]>();
    for (const item of inDimension) {
      if (item.kind !== "likert") continue;
      byFacet.set(item.facet, [...(byFacet.get(item.facet) ?? []), item]);
    }
    const longest = Math.max(0, ...[...byFacet.values()].map((items) => items.length));
    const interleaved: InstrumentItem[] = [];
    for (let round = 0; round < longest; round++) {
      for (const items of byFacet.values()) {
        const item = items[round];
        if (item) interleaved.push(item);
      }
    }
    return { dimension, items: [...interleaved, ...inDimension.filter((item) => item.kind === "situational")] };
  });
}

/** Seconds left for the unanswered items, for the progress bar's estimate. */
export function estimatedSecondsLeft(instrument: Instrument, answeredItemIds: ReadonlySet<string>): number {
  return instrument.items
    .filter((item) => !answeredItemIds.has(item.id))
    .reduce(
      (sum, item) => sum + (item.kind === "likert" ? instrument.timing.likertSeconds : instrument.timing.situationalSeconds),
      0,
    );
}

/**
 * The instrument as the questionnaire needs it: situational options without their scores and
 * rationales, so the key is not one network-tab away while answering (docs/ASSESSMENT.md
 * publishes the rationale for anyone who wants it).
 */
export function questionnaireView(instrument: Instrument) {
  return {
    ...instrument,
    items: instrument.items.map((item) =>
      item.kind === "likert" ? item : { ...item, options: item.options.map(({ id, text }) => ({ id, text })) },
    ),
  };
}
export type QuestionnaireInstrument = ReturnType<typeof questionnaireView>;
