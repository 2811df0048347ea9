import { DomainError } from "@/server/errors";
import { MIN_RESPONDENTS_FOR_RELIABILITY, reliabilityFromItemValues, type ReliabilityReport } from "./alpha";
import { InvalidAnswersError, type Answers, type InvalidAnswer } from "./answers";
import { FACETS, type FacetId } from "./facets";
import { LIKERT_MAX, LIKERT_MIN, MIN_SCORED_ITEMS_PER_FACET, type Instrument } from "./instrument-schema";
import { facetsOfItem } from "./items";
import { roundScore, toPercent, type FacetItemCount } from "./scoring";

/**
 * The observer (rater) form: the same items, keying and facets as the self form, worded about
 * the founder ("She/He …"), answered by a co-founder, a member or an outsider. A rater may say
 * "can't judge" on any item; such items are left out, never read as a middle answer, and a facet
 * gets a rater score only when enough of its items were judged. See docs/ASSESSMENT.md.
 */

/** The answer "can't judge"; an item with no answer is treated the same way. */
export const CANT_JUDGE = "cj";

/**
 * A rater's facet score needs this many judged items (or all of the facet's items if it has
 * fewer): the same floor as a self score (MIN_SCORED_ITEMS_PER_FACET), so one lucky item never
 * stands for a facet.
 */
export const MIN_OBSERVER_ITEMS_PER_FACET = MIN_SCORED_ITEMS_PER_FACET;

export interface ObserverScores {
  instrumentVersion: number;
  /** Only the facets this rater judged on enough items. */
  facetScores: Partial<Record<FacetId, number>>;
  facetItems: Record<FacetId, FacetItemCount>;
}

function answerOf(answers: Answers, itemId: string): unknown {
  return Object.hasOwn(answers, itemId) ? answers[itemId] : undefined;
}

/** Whether a version has a complete observer form (every item worded for raters). */
export function hasObserverForm(instrument: Instrument): boolean {
  return (
    instrument.observer !== undefined &&
    instrument.items.every((item) => (item.kind === "likert" ? item.observerText : item.observerScenario) !== undefined)
  );
}

/** Invalid values and unknown keys; a missing answer is "can't judge", never an issue. */
export function checkObserverAnswers(instrument: Instrument, answers: Answers): { invalid: InvalidAnswer[]; unknown: string[] } {
  const invalid: InvalidAnswer[] = [];
  const ids = new Set<string>();
  for (const item of instrument.items) {
    ids.add(item.id);
    const value = answerOf(answers, item.id);
    if (value === undefined || value === null || value === CANT_JUDGE) continue;
    if (item.kind === "likert") {
      if (!(Number.isInteger(value) && (value as number) >= LIKERT_MIN && (value as number) <= LIKERT_MAX)) {
        invalid.push({ itemId: item.id, reason: "likert_out_of_range" });
      }
    } else if (typeof value !== "string" || !item.options.some((o) => o.id === value)) {
      invalid.push({ itemId: item.id, reason: "unknown_option" });
    }
  }
  const unknown = Object.keys(answers)
    .filter((key) => !ids.has(key))
    .sort();
  return { invalid, unknown };
}

/** Judged items' values on 1–5 (reverse keys applied, options' scores); throws on bad values. */
function observerItemValues(instrument: Instrument, answers: Answers): Map<string, number> {
  const issues = checkObserverAnswers(instrument, answers);
  if (issues.invalid.length + issues.unknown.length > 0) {
    throw new InvalidAnswersError(instrument.version, { missing: [], ...issues });
  }
  const values = new Map<string, number>();
  for (const item of instrument.items) {
    const value = answerOf(answers, item.id);
    if (value === undefined || value === null || value === CANT_JUDGE) continue;
    if (item.kind === "likert") {
      values.set(item.id, item.reverse ? LIKERT_MIN + LIKERT_MAX - (value as number) : (value as number));
    } else {
      values.set(item.id, item.options.find((o) => o.id === value)!.score);
    }
  }
  return values;
}

/**
 * One rater's facet scores, on the self form's 0–100 scale: the mean of the judged items,
 * (mean − 1) / 4 × 100, rounded to 0.1; a facet with fewer than MIN_OBSERVER_ITEMS_PER_FACET
 * judged items has no score from this rater.
 */
export function scoreObserver(instrument: Instrument, answers: Answers): ObserverScores {
  const values = observerItemValues(instrument, answers);
  const byFacet = new Map<FacetId, number[]>();
  const total = new Map<FacetId, number>();
  for (const item of instrument.items) {
    const value = values.get(item.id);
    for (const facet of facetsOfItem(item)) {
      total.set(facet, (total.get(facet) ?? 0) + 1);
      if (value !== undefined) byFacet.set(facet, [...(byFacet.get(facet) ?? []), value]);
    }
  }
  const facetScores: Partial<Record<FacetId, number>> = {};
  const facetItems = {} as Record<FacetId, FacetItemCount>;
  for (const facet of FACETS) {
    const judged = byFacet.get(facet) ?? [];
    const facetTotal = total.get(facet) ?? 0;
    facetItems[facet] = { scored: judged.length, total: facetTotal };
    if (judged.length > 0 && judged.length >= Math.min(MIN_OBSERVER_ITEMS_PER_FACET, facetTotal)) {
      facetScores[facet] = roundScore(toPercent(judged.reduce((s, v) => s + v, 0) / judged.length));
    }
  }
  return { instrumentVersion: instrument.version, facetScores, facetItems };
}

/**
 * Alpha of the observer form, one row per rater form, listwise per scale: a rater who could not
 * judge one of a scale's items does not enter that scale (each result's n says how many did).
 */
export function observerReliabilityReport(
  instrument: Instrument,
  raterAnswers: readonly Answers[],
  { minRespondents = MIN_RESPONDENTS_FOR_RELIABILITY }: { minRespondents?: number } = {},
): ReliabilityReport {
  return reliabilityFromItemValues(
    instrument,
    raterAnswers.map((answers) => observerItemValues(instrument, answers)),
    { minRespondents },
  );
}

/** Scores a rater's submission, refusing one that judged no facet at all (it would add nothing). */
export function scoreObserverSubmission(instrument: Instrument, answers: Answers): ObserverScores {
  const scores = scoreObserver(instrument, answers);
  if (Object.keys(scores.facetScores).length === 0) {
    throw new DomainError("BAD_REQUEST", "nothingJudged", `Judge at least ${MIN_OBSERVER_ITEMS_PER_FACET} statements of one area`, {
      min: MIN_OBSERVER_ITEMS_PER_FACET,
    });
  }
  return scores;
}

/**
 * The observer form as a rater's browser gets it: observer wording only, no option scores or
 * rationales, no self texts, no tips; nothing about the workspace.
 */
export function observerFormView(instrument: Instrument) {
  if (!hasObserverForm(instrument)) throw new Error(`Instrument v${instrument.version} has no observer form`);
  return {
    version: instrument.version,
    instructions: instrument.observer!.instructions,
    situationalPrompt: instrument.observer!.situationalPrompt,
    scale: instrument.scale,
    dimensions: instrument.dimensions.map((d) => ({ id: d.id, name: d.name, facets: d.facets.map((f) => ({ id: f.id, name: f.name })) })),
    items: instrument.items.map((item) =>
      item.kind === "likert"
        ? { id: item.id, kind: item.kind, facet: item.facet, text: item.observerText! }
        : {
            id: item.id,
            kind: item.kind,
            dimension: item.dimension,
            facets: item.facets,
            scenario: item.observerScenario!,
            options: item.options.map(({ id, text }) => ({ id, text })),
          },
    ),
  };
}
export type ObserverForm = ReturnType<typeof observerFormView>;
