import { DIMENSIONS, FACETS_BY_DIMENSION, type FacetId } from "./facets";
import { LIKERT_MAX, LIKERT_MIN, type Instrument } from "./instrument-schema";
import { CANT_JUDGE } from "./observer";

/**
 * Synthetic respondents for tests and demo data. Never used to score or to fill real attempts.
 */

/** mulberry32: a small seeded PRNG, so simulations are reproducible run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draw (Box–Muller). */
export function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1], so the log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const clip = (x: number) => Math.min(LIKERT_MAX, Math.max(LIKERT_MIN, x));

export interface LatentTraitModel {
  /** Scale points per unit of trait; a respondent one SD above average answers ~`loading` higher. */
  loading: number;
  /** SD of the per-answer noise, in scale points. */
  noiseSd: number;
  /** Correlation of each facet's trait with its dimension's trait (0: independent facets). */
  dimensionWeight: number;
  /** Shifts of a facet's trait, in SDs, to give a respondent a recognisable profile (demo data). */
  facetShift?: Partial<Record<FacetId, number>>;
}

/**
 * One respondent from a latent-trait model: each facet has a trait θ (standard normal, correlated
 * within a dimension); a Likert answer is 3 + loading·θ + noise, rounded and clipped to 1–5, and a
 * reverse-keyed item gets the mirrored answer 6 − x. A situational item picks the option whose
 * score is nearest to 3 + loading·(mean θ of its facets) + noise.
 */
export function simulateLatentRespondent(
  instrument: Instrument,
  model: LatentTraitModel,
  random: () => number,
): Record<string, number | string> {
  const trait = new Map<FacetId, number>();
  const unique = Math.sqrt(1 - model.dimensionWeight ** 2);
  for (const dimension of DIMENSIONS) {
    const shared = normal(random);
    for (const facet of FACETS_BY_DIMENSION[dimension]) {
      trait.set(facet, model.dimensionWeight * shared + unique * normal(random) + (model.facetShift?.[facet] ?? 0));
    }
  }

  const answers: Record<string, number | string> = {};
  for (const item of instrument.items) {
    if (item.kind === "likert") {
      const level = clip(Math.round(3 + model.loading * (trait.get(item.facet) ?? 0) + model.noiseSd * normal(random)));
      answers[item.id] = item.reverse ? LIKERT_MIN + LIKERT_MAX - level : level;
    } else {
      const theta = item.facets.reduce((s, f) => s + (trait.get(f) ?? 0), 0) / item.facets.length;
      const target = 3 + model.loading * theta + model.noiseSd * normal(random);
      const nearest = item.options.reduce((best, o) => (Math.abs(o.score - target) < Math.abs(best.score - target) ? o : best));
      answers[item.id] = nearest.id;
    }
  }
  return answers;
}

/** A respondent who answers at random: every Likert level and every option equally likely. */
export function simulateNoiseRespondent(instrument: Instrument, random: () => number): Record<string, number | string> {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const answers: Record<string, number | string> = {};
  for (const item of instrument.items) {
    answers[item.id] = item.kind === "likert" ? pick([1, 2, 3, 4, 5]) : pick(item.options.map((o) => o.id));
  }
  return answers;
}

/**
 * A rater answering the observer form from the same latent-trait model, who cannot judge a whole
 * facet with probability `skipFacet` (its statements become "can't judge") and any other single
 * item with probability `skipItem`.
 */
export function simulateObserver(
  instrument: Instrument,
  model: LatentTraitModel,
  random: () => number,
  { skipFacet = 0.2, skipItem = 0.03 }: { skipFacet?: number; skipItem?: number } = {},
): Record<string, number | string> {
  const answers = simulateLatentRespondent(instrument, model, random);
  const skipped = new Set(DIMENSIONS.flatMap((d) => FACETS_BY_DIMENSION[d]).filter(() => random() < skipFacet));
  for (const item of instrument.items) {
    if ((item.kind === "likert" && skipped.has(item.facet)) || random() < skipItem) answers[item.id] = CANT_JUDGE;
  }
  return answers;
}
