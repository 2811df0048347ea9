import type { FacetId } from "@/server/assessment/facets";
import { bundledInstrument } from "@/server/assessment/instruments";
import { LOCALE_INFO, type Locale } from "@/server/i18n/locale";
import type { Translate } from "@/server/i18n/messages";
import type { Contribution, FacetBand, FitContribution, FitResult, OpportunityScores } from "./scoring";

/**
 * Turns score contributions into message keys with parameters, and those into sentences through
 * the "explain" messages of messages/<locale>/opportunities.json (`t` comes from
 * `translatorFor(locale, "opportunities")`). The UI may render the keys itself (`messageFor`) or
 * take the finished sentences (`describe`, `summarizeFit`, `explainScores`).
 */

/** Fit sentences come in a founder and a team wording, because the fit can be computed for either. */
export type Subject = "founder" | "team";
type Direction = "up" | "down";
/** A key under "explain" in the opportunities messages. */
export type MessageKey =
  | `fit.${"required" | "factor"}.${FacetBand}`
  | "fit.missing"
  | `value.${"marketSize" | "growth" | "estimate" | "stage"}.${Direction}`
  | `feasibility.${"burden" | "data"}.${Direction}`;

const direction = (d: "+" | "-"): Direction => (d === "+" ? "up" : "down");

export type FacetNamer = (facet: FacetId, locale: Locale) => string;

/** Facet names from the latest bundled instrument, which owns them. */
export const instrumentFacetName: FacetNamer = (facet, locale) => {
  for (const dimension of bundledInstrument().dimensions) {
    const found = dimension.facets.find((f) => f.id === facet);
    if (found) return found.name[locale];
  }
  return facet;
};

export interface MessageRef {
  key: MessageKey;
  /** Locale-independent parameters; `facet` and `factor` hold ids, `usdBillions` a number, that `describe` words per language. */
  params: Record<string, string | number>;
}

const round = (x: number) => Math.round(x);

export function messageFor(c: Contribution): MessageRef {
  switch (c.score) {
    case "value":
      if (c.kind === "factor") return { key: `value.${c.factor}.${direction(c.direction)}`, params: { level: c.level } };
      if (c.kind === "estimate") {
        return {
          key: `value.estimate.${direction(c.direction)}`,
          params: { usdBillions: c.usdBillions },
        };
      }
      return { key: `value.stage.${direction(c.direction)}`, params: { stage: c.stage } };
    case "feasibility":
      return {
        key:
          c.factor === "dataAvailability" ? `feasibility.data.${direction(c.direction)}` : `feasibility.burden.${direction(c.direction)}`,
        params: { factor: c.factor, level: c.level },
      };
    case "fit": {
      // A strong facet only "fits" when it raises the score; below-average ones only as concerns.
      const params = { facet: c.facet, score: round(c.facetScore), ...(c.via === "required" ? {} : { factor: c.via }) };
      return { key: `fit.${c.via === "required" ? "required" : "factor"}.${c.band}`, params };
    }
  }
}

export interface DescribeOptions {
  locale: Locale;
  /** The opportunities messages in `locale`. */
  t: Translate;
  subject?: Subject;
  facetName?: FacetNamer;
}

/** "Risk and financial discipline" reads "risk and …" mid-sentence; "AI and data literacy" keeps its acronym. */
function lowerFirst(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** Scripts without case (Chinese) are left as they are. */
function capitalise(sentence: string, locale: Locale): string {
  return sentence.charAt(0).toLocaleUpperCase(locale) + sentence.slice(1);
}

/** One clause, without final punctuation, starting in lower case in English (for joining). */
export function describe(c: Contribution, { locale, t, subject = "founder", facetName = instrumentFacetName }: DescribeOptions): string {
  const { key, params } = messageFor(c);
  // Strings, not numbers: ICU would group digits ("1,500"), and the sentences print them as computed.
  const filled: Record<string, string> = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  if (typeof params.facet === "string") filled.facet = lowerFirst(facetName(params.facet as FacetId, locale));
  if (c.score === "fit" && c.via !== "required") {
    filled.factorPhrase = t(`explain.factorPhrase.${c.via}`);
    filled.factorState = t(`explain.factorState.${c.via}`);
  }
  if (c.score === "feasibility") filled.factorName = t(`factor.${c.factor}`);
  if (c.score === "value" && c.kind === "estimate") filled.amount = LOCALE_INFO[locale].usdBillions(c.usdBillions);
  if (c.score === "value" && c.kind === "stage") filled.stage = t(`explain.stageName.${c.stage}`);
  return t(`explain.${key}`, { ...filled, subject });
}

/** Joins clauses into one sentence. */
export function sentence(clauses: string[], { locale, t }: Pick<DescribeOptions, "locale" | "t">): string {
  if (clauses.length === 0) return "";
  return capitalise(clauses.join(t("explain.joiner.between")), locale) + t("explain.joiner.end");
}

/**
 * Per facet, the total effect on fit and the clause that best says why: the demanding factor
 * with the largest share when there is one (it names the reason), otherwise the required profile.
 */
export function fitByFacet(fit: FitResult): { facet: FacetId; points: number; representative: FitContribution }[] {
  const groups = new Map<FacetId, FitContribution[]>();
  for (const c of fit.contributions) groups.set(c.facet, [...(groups.get(c.facet) ?? []), c]);
  return [...groups.entries()]
    .map(([facet, cs]) => {
      const points = cs.reduce((s, c) => s + (c.direction === "+" ? c.size : -c.size), 0);
      const viaFactor = cs.filter((c) => c.via !== "required").sort((a, b) => b.size - a.size)[0];
      return { facet, points, representative: viaFactor ?? cs[0]! };
    })
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
}

/**
 * The fit explanation in one sentence: the strongest reasons it is high, then the strongest
 * reasons it is low, e.g. "Strong market sensing fits this opportunity's crowded market;
 * regulatory burden is high and your risk and financial discipline is your blind spot."
 */
export function summarizeFit(fit: FitResult, options: DescribeOptions & { maxPerSide?: number }): string {
  const perSide = options.maxPerSide ?? 1;
  const groups = fitByFacet(fit);
  const ups = groups.filter((g) => g.points > 0).slice(0, perSide);
  const downs = groups.filter((g) => g.points < 0).slice(0, perSide);
  return sentence(
    [...ups, ...downs].map((g) => describe(g.representative, options)),
    options,
  );
}

export interface ExplainedScores {
  value: string[];
  feasibility: string[];
  /** Null without a profile: `fitMissing` then says how to get one. */
  fit: string[] | null;
  fitSummary: string | null;
  fitMissing: string | null;
}

/** The top reasons behind each score, as finished sentences. */
export function explainScores(scores: OpportunityScores, options: DescribeOptions & { top?: number }): ExplainedScores {
  const top = options.top ?? 3;
  const lines = (cs: Contribution[]) => cs.slice(0, top).map((c) => sentence([describe(c, options)], options));
  return {
    value: lines(scores.value.contributions),
    feasibility: lines(scores.feasibility.contributions),
    fit: scores.fit
      ? fitByFacet(scores.fit)
          .slice(0, top)
          .map((g) => sentence([describe(g.representative, options)], options))
      : null,
    fitSummary: scores.fit ? summarizeFit(scores.fit, options) : null,
    fitMissing: scores.fit
      ? null
      : options.t("explain.fit.missing", { subject: options.subject ?? "founder" }) + options.t("explain.joiner.end"),
  };
}
