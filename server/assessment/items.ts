import { DIMENSIONS, type DimensionId, type FacetId } from "./facets";
import { dimensionOf, type Instrument } from "./instrument-schema";

/**
 * Pure helpers over an instrument's items, shared by the server and the questionnaire in the
 * browser (which gets the instrument without situational scores, hence the structural types).
 */

type ItemShape =
  { id: string; kind: "likert"; facet: FacetId } | { id: string; kind: "situational"; dimension: DimensionId; facets: readonly FacetId[] };

export function dimensionOfItem(item: ItemShape): DimensionId {
  return item.kind === "likert" ? dimensionOf(item.facet) : item.dimension;
}

/** The facets an item's score counts towards. */
export function facetsOfItem(item: ItemShape): readonly FacetId[] {
  return item.kind === "likert" ? [item.facet] : item.facets;
}

export interface AssessmentPage<I> {
  dimension: DimensionId;
  items: I[];
}

/**
 * One page per dimension. Likert items are interleaved across facets (first item of each facet,
 * then the second, …) so that a facet's items are not answered back to back, which would inflate
 * their apparent consistency; the situational items close the page.
 */
export function assessmentPages<I extends ItemShape>(instrument: { items: readonly I[] }): AssessmentPage<I>[] {
  return DIMENSIONS.map((dimension) => {
    const inDimension = instrument.items.filter((item) => dimensionOfItem(item) === dimension);
    const byFacet = new Map<FacetId, I[]>();
    for (const item of inDimension) {
      if (item.kind !== "likert") continue;
      byFacet.set(item.facet, [...(byFacet.get(item.facet) ?? []), item]);
    }
    // Each step takes the facet with the most items left (ties: facet order) other than the one
    // just shown: plain round-robin for facets of equal length, and no back-to-back pair when
    // one facet has more items than the others.
    const queues = [...byFacet.values()].map((items) => [...items]);
    const interleaved: I[] = [];
    let last: I[] | null = null;
    for (;;) {
      const candidates = queues.filter((q) => q.length > 0 && q !== last);
      if (candidates.length === 0) {
        if (last && last.length > 0) interleaved.push(...last.splice(0)); // unavoidable: only one facet left
        break;
      }
      const next = candidates.reduce((best, q) => (q.length > best.length ? q : best));
      interleaved.push(next.shift()!);
      last = next;
    }
    return { dimension, items: [...interleaved, ...inDimension.filter((item) => item.kind === "situational")] };
  });
}

/** Seconds left for the unanswered items, for the progress bar's estimate. */
export function estimatedSecondsLeft(
  instrument: { items: readonly ItemShape[]; timing: Instrument["timing"] },
  answeredItemIds: ReadonlySet<string>,
): number {
  return instrument.items
    .filter((item) => !answeredItemIds.has(item.id))
    .reduce((sum, item) => sum + (item.kind === "likert" ? instrument.timing.likertSeconds : instrument.timing.situationalSeconds), 0);
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
export type QuestionnaireItem = QuestionnaireInstrument["items"][number];
