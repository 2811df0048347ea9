import { DIMENSIONS, FACETS_BY_DIMENSION } from "./facets";
import { DIMENSION_PREFIX, parseInstrument, type Instrument } from "./instrument-schema";

/**
 * A small, regular instrument for hand-computed scoring tests, independent of the wording of the
 * shipped instrument: every facet has three Likert items (.1 and .2 forward, .3 reverse-keyed),
 * and each dimension has one situational item informing its first two facets, with options
 * a/b/c scoring 1/3/5. With `notApplicableItems`, every facet gets a fourth Likert item (.4,
 * forward) that may be answered "not applicable yet".
 */
export function makeTestInstrument(version = 1, { notApplicableItems = false } = {}): Instrument {
  const t = (label: string) => ({ en: label, zh: `中文 ${label}` });
  return parseInstrument({
    version,
    title: t("title"),
    instructions: t("instructions"),
    scale: { labels: [t("1"), t("2"), t("3"), t("4"), t("5")] },
    situationalPrompt: t("prompt"),
    timing: { likertSeconds: 10, situationalSeconds: 30 },
    dimensions: DIMENSIONS.map((d) => ({
      id: d,
      name: t(d),
      description: t(d),
      facets: FACETS_BY_DIMENSION[d].map((f) => ({ id: f, name: t(f), description: t(f), tips: [t(`${f} tip 1`), t(`${f} tip 2`)] })),
    })),
    items: DIMENSIONS.flatMap((d) => {
      const prefix = DIMENSION_PREFIX[d];
      const facets = FACETS_BY_DIMENSION[d];
      return [
        ...facets.flatMap((f) => [
          ...[1, 2, 3].map((n) => ({ id: `${prefix}.${f}.${n}`, kind: "likert", facet: f, reverse: n === 3, text: t(`${f} ${n}`) })),
          ...(notApplicableItems
            ? [{ id: `${prefix}.${f}.4`, kind: "likert", facet: f, reverse: false, notApplicableYet: true, text: t(`${f} 4`) }]
            : []),
        ]),
        {
          id: `${prefix}.sjt.1`,
          kind: "situational",
          dimension: d,
          facets: facets.slice(0, 2),
          scenario: t("scenario"),
          options: [1, 3, 5].map((score, i) => ({ id: "abc"[i], text: t(`option ${score}`), score, rationale: t("why") })),
        },
      ];
    }),
  });
}

/** Answers every Likert item with `likert` and every situational item with option `option`. */
export function uniformAnswers(instrument: Instrument, likert: number, option: string): Record<string, number | string> {
  return Object.fromEntries(instrument.items.map((item) => [item.id, item.kind === "likert" ? likert : option]));
}
