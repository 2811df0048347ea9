import { z } from "zod";
import { FACETS, type FacetId } from "@/server/assessment/facets";

/**
 * The shape of the curated opportunity dataset (prisma/seed/data/opportunities/v<N>/*.json).
 * Beyond shape, the schema checks what the opportunity map promises its users: every number
 * has a source with a year and a URL, an estimate says how it was made, every factor score has
 * a rationale, every text exists in English and Simplified Chinese, keys are unique and stable,
 * and required profiles only name facets that the assessment measures.
 */

export const INDUSTRIES = ["healthcare", "finance", "manufacturing", "transportation", "education"] as const;
export type IndustryId = (typeof INDUSTRIES)[number];

export const STAGES = ["emerging", "growing", "mainstream"] as const;
export type Stage = (typeof STAGES)[number];

/**
 * The eight factors, each scored 1–5. Direction matters: for marketSize, growth and
 * dataAvailability higher is better; for the other five higher means more burden
 * (a more crowded market, heavier regulation, a harder problem, more capital, a longer wait).
 */
export const FACTORS = [
  "marketSize",
  "growth",
  "competitionIntensity",
  "regulatoryBurden",
  "dataAvailability",
  "technicalDifficulty",
  "capitalIntensity",
  "timeToFirstRevenue",
] as const;
export type FactorKey = (typeof FACTORS)[number];
export type FactorScores = Record<FactorKey, number>;

export const FACTOR_MIN = 1;
export const FACTOR_MAX = 5;
export const MIN_PER_INDUSTRY = 8;

const text = z.string().trim().min(1);
/** Simplified Chinese text must contain at least one CJK character, so an untranslated copy of the English fails. */
const zhText = text.regex(/[\u4e00-\u9fff]/, "zh text must contain Chinese characters");
export const ZLocalizedText = z.strictObject({ en: text, zh: zhText });
export type LocalizedText = z.output<typeof ZLocalizedText>;

const ZYear = z.number().int().min(2000).max(2100);

export const ZSource = z.strictObject({
  /** The organisation that published the figure (e.g. "McKinsey Global Institute"). */
  name: text,
  /** The publication's own title, in its language. */
  title: text,
  /** The page the figure was checked against; when only a page quoting the original could be read, `name` says "as reported by …". */
  url: z.url({ protocol: /^https$/ }),
  year: ZYear,
});
export type Source = z.output<typeof ZSource>;

/**
 * A value estimate in USD billions. `published`: the range is the source's own figure.
 * `estimate`: our derivation from the source's figure; `note` says how (the anchor, the share
 * assumed, the rounding), so a reader can redo the arithmetic.
 */
export const ZValueEstimate = z
  .strictObject({
    low: z.number().positive(),
    high: z.number().positive(),
    currency: z.literal("USD"),
    scale: z.literal("billion"),
    /** What the numbers measure: market revenue or annual value, where, and for which years. */
    basis: ZLocalizedText,
    kind: z.enum(["published", "estimate"]),
    source: ZSource,
    note: ZLocalizedText.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.low > v.high) ctx.addIssue({ code: "custom", message: "low must not exceed high", path: ["low"] });
    if (v.kind === "estimate" && !v.note) {
      ctx.addIssue({ code: "custom", message: "an estimate must say how it was made (note)", path: ["note"] });
    }
  });

const ZFactorScore = z.strictObject({
  score: z.number().int().min(FACTOR_MIN).max(FACTOR_MAX),
  rationale: ZLocalizedText,
});

const ZFacetId = z.enum(FACETS);

/** Weights over 3–5 facets; positive, summing to 1 (±0.01) so data reviewers see the real mix. */
export const ZRequiredProfile = z.partialRecord(ZFacetId, z.number().positive().max(1)).superRefine((profile, ctx) => {
  const entries = Object.entries(profile);
  if (entries.length < 3 || entries.length > 5) {
    ctx.addIssue({ code: "custom", message: `a required profile names 3–5 facets, not ${entries.length}` });
  }
  const sum = entries.reduce((s, [, w]) => s + (w ?? 0), 0);
  if (Math.abs(sum - 1) > 0.01) ctx.addIssue({ code: "custom", message: `weights must sum to 1, not ${sum.toFixed(3)}` });
});
export type RequiredProfile = Partial<Record<FacetId, number>>;

export const ZOpportunity = z
  .strictObject({
    /** Stable id `<industry>.<slug>`: workspaces star and annotate opportunities by key. */
    key: z.string().regex(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/, "key must look like industry.slug-words"),
    industry: z.enum(INDUSTRIES),
    title: ZLocalizedText,
    description: ZLocalizedText,
    useCases: z.array(ZLocalizedText).min(2),
    /** Who pays: the buyer, not the user. */
    customers: ZLocalizedText,
    stage: z.enum(STAGES),
    value: ZValueEstimate,
    factors: z.strictObject(Object.fromEntries(FACTORS.map((f) => [f, ZFactorScore])) as Record<FactorKey, typeof ZFactorScore>),
    requiredProfile: ZRequiredProfile,
  })
  .superRefine((o, ctx) => {
    if (!o.key.startsWith(`${o.industry}.`)) {
      ctx.addIssue({ code: "custom", message: `key must start with "${o.industry}."`, path: ["key"] });
    }
  });
export type Opportunity = z.output<typeof ZOpportunity>;

/** A headline figure for an industry's overview card; always shown with its source and year. */
export const ZFigure = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]+$/),
  label: ZLocalizedText,
  /** The figure as displayed, e.g. "$200–340 bn a year" / "每年 2000–3400 亿美元". */
  display: ZLocalizedText,
  kind: z.enum(["published", "estimate"]),
  source: ZSource,
  note: ZLocalizedText.optional(),
});
export type Figure = z.output<typeof ZFigure>;

export const ZIndustry = z.strictObject({
  id: z.enum(INDUSTRIES),
  name: ZLocalizedText,
  summary: ZLocalizedText,
  figures: z.array(ZFigure).min(2),
});
export type Industry = z.output<typeof ZIndustry>;

export const ZDataset = z
  .strictObject({
    version: z.number().int().min(1),
    /** Figures that span all five industries (e.g. overall AI adoption). */
    crossIndustryFigures: z.array(ZFigure).min(1),
    industries: z.array(ZIndustry),
    opportunities: z.array(ZOpportunity),
  })
  .superRefine((d, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path });

    if (d.industries.map((i) => i.id).join() !== INDUSTRIES.join()) {
      issue(`industries must be exactly ${INDUSTRIES.join(", ")} in that order`, ["industries"]);
    }
    const seen = new Set<string>();
    d.opportunities.forEach((o, i) => {
      if (seen.has(o.key)) issue(`duplicate opportunity key ${o.key}`, ["opportunities", i, "key"]);
      seen.add(o.key);
    });
    for (const industry of INDUSTRIES) {
      const n = d.opportunities.filter((o) => o.industry === industry).length;
      if (n < MIN_PER_INDUSTRY) issue(`${industry} has ${n} opportunities; at least ${MIN_PER_INDUSTRY} are needed`, ["opportunities"]);
    }
    const figureKeys = new Set<string>();
    [...d.crossIndustryFigures, ...d.industries.flatMap((i) => i.figures)].forEach((f) => {
      if (figureKeys.has(f.key)) issue(`duplicate figure key ${f.key}`, ["industries"]);
      figureKeys.add(f.key);
    });
  });
export type Dataset = z.output<typeof ZDataset>;

export function parseDataset(data: unknown): Dataset {
  return ZDataset.parse(data);
}
