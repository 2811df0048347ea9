import { z } from "zod";
import { DIMENSIONS, FACETS, FACETS_BY_DIMENSION, type DimensionId, type FacetId } from "./facets";

/**
 * The shape of a versioned instrument (prisma/seed/data/assessment/instrument-v<N>.json).
 * Beyond shape, the schema checks what scoring relies on: the dimensions and facets are exactly
 * those of facets.ts (other domains refer to them), item ids are unique and follow the stable
 * convention, every facet has at least one scored item, and a situational item informs only
 * facets of its own dimension (so a dimension's reliability is computed from its own items).
 */

/**
 * Every facet keeps at least this many items that cannot be answered "not applicable yet", so
 * a facet score never rests on fewer (see scoring.ts).
 */
export const MIN_SCORED_ITEMS_PER_FACET = 3;

export const LIKERT_MIN = 1;
export const LIKERT_MAX = 5;

/** Item id prefixes; part of the stable item ids, e.g. `tv.ai_data_literacy.1`, `ld.sjt.2`. */
export const DIMENSION_PREFIX = {
  technical_vision: "tv",
  business_acumen: "ba",
  leadership: "ld",
} as const satisfies Record<DimensionId, string>;

const text = z.string().trim().min(1);
export const ZLocalizedText = z.strictObject({ en: text, zh: text });
export type LocalizedText = z.output<typeof ZLocalizedText>;

const ZFacetId = z.enum(FACETS);
const ZDimensionId = z.enum(DIMENSIONS);

const ZFacet = z.strictObject({
  id: ZFacetId,
  name: ZLocalizedText,
  description: ZLocalizedText,
  /** Development actions shown when the facet is one of the founder's blind spots. */
  tips: z.array(ZLocalizedText).min(2),
});

const ZDimension = z.strictObject({
  id: ZDimensionId,
  name: ZLocalizedText,
  description: ZLocalizedText,
  facets: z.array(ZFacet).min(1),
});

const ZLikertItem = z.strictObject({
  id: z.string(),
  kind: z.literal("likert"),
  facet: ZFacetId,
  /** Reverse-keyed: agreement indicates less of the facet; scored as 6 − answer. */
  reverse: z.boolean(),
  /**
   * The item assumes staff, customers or revenue, so a founder at the idea stage may answer
   * "not applicable yet"; the facet is then scored from its other items.
   */
  notApplicableYet: z.boolean().optional(),
  text: ZLocalizedText,
  /**
   * The same statement as a rater answers it about the founder ("She/He …"); same facet and
   * keying. Added to v2 after publication without touching the self form (docs/ASSESSMENT.md).
   */
  observerText: ZLocalizedText.optional(),
});

const ZSituationalOption = z.strictObject({
  id: z.string().regex(/^[a-z]$/),
  text: ZLocalizedText,
  /** What choosing this option contributes, on the same 1–5 scale as a Likert answer. */
  score: z.number().int().min(LIKERT_MIN).max(LIKERT_MAX),
  /** Why the option scores as it does; documentation for reviewers, not shown while answering. */
  rationale: ZLocalizedText,
});

const ZSituationalItem = z.strictObject({
  id: z.string(),
  kind: z.literal("situational"),
  dimension: ZDimensionId,
  /** The facets every option of this item informs; the chosen option's score counts on each. */
  facets: z.array(ZFacetId).min(1),
  scenario: ZLocalizedText,
  /** The scenario told about the founder, for the observer form; the options are shared. */
  observerScenario: ZLocalizedText.optional(),
  options: z.array(ZSituationalOption).min(3).max(4),
});

const ZItem = z.discriminatedUnion("kind", [ZLikertItem, ZSituationalItem]);

export const ZInstrument = z
  .strictObject({
    version: z.number().int().min(1),
    title: ZLocalizedText,
    instructions: ZLocalizedText,
    scale: z.strictObject({
      labels: z.tuple([ZLocalizedText, ZLocalizedText, ZLocalizedText, ZLocalizedText, ZLocalizedText]),
    }),
    situationalPrompt: ZLocalizedText,
    /** Texts of the observer (rater) form; a version without them offers no rater form. */
    observer: z.strictObject({ instructions: ZLocalizedText, situationalPrompt: ZLocalizedText }).optional(),
    /** Seconds per item, for the "time left" estimate. */
    timing: z.strictObject({
      likertSeconds: z.number().positive(),
      situationalSeconds: z.number().positive(),
    }),
    dimensions: z.array(ZDimension),
    items: z.array(ZItem).min(1),
  })
  .superRefine((instrument, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path });

    const dimensionIds = instrument.dimensions.map((d) => d.id);
    if (dimensionIds.join() !== DIMENSIONS.join()) {
      issue(`dimensions must be exactly ${DIMENSIONS.join(", ")} in that order`, ["dimensions"]);
    }
    instrument.dimensions.forEach((dimension, i) => {
      const expected = FACETS_BY_DIMENSION[dimension.id];
      if (dimension.facets.map((f) => f.id).join() !== expected.join()) {
        issue(`facets of ${dimension.id} must be exactly ${expected.join(", ")} in that order`, ["dimensions", i, "facets"]);
      }
    });

    const seen = new Set<string>();
    const scoredItemsPerFacet = new Map<FacetId, number>();
    const alwaysScored = new Map<FacetId, number>();
    const count = (facet: FacetId, optional = false) => {
      scoredItemsPerFacet.set(facet, (scoredItemsPerFacet.get(facet) ?? 0) + 1);
      if (!optional) alwaysScored.set(facet, (alwaysScored.get(facet) ?? 0) + 1);
    };

    instrument.items.forEach((item, i) => {
      if (seen.has(item.id)) issue(`duplicate item id ${item.id}`, ["items", i, "id"]);
      seen.add(item.id);

      if (item.kind === "likert") {
        const prefix = DIMENSION_PREFIX[dimensionOf(item.facet)];
        if (!new RegExp(`^${prefix}\\.${item.facet}\\.[1-9][0-9]*$`).test(item.id)) {
          issue(`likert item id must look like ${prefix}.${item.facet}.<n>`, ["items", i, "id"]);
        }
        count(item.facet, item.notApplicableYet === true);
        return;
      }

      const prefix = DIMENSION_PREFIX[item.dimension];
      if (!new RegExp(`^${prefix}\\.sjt\\.[1-9][0-9]*$`).test(item.id)) {
        issue(`situational item id must look like ${prefix}.sjt.<n>`, ["items", i, "id"]);
      }
      if (new Set(item.facets).size !== item.facets.length) issue("facets must be unique", ["items", i, "facets"]);
      for (const facet of item.facets) {
        if (dimensionOf(facet) !== item.dimension) {
          issue(`facet ${facet} is not part of ${item.dimension}`, ["items", i, "facets"]);
        }
        count(facet);
      }
      const optionIds = item.options.map((o) => o.id);
      if (new Set(optionIds).size !== optionIds.length) issue("option ids must be unique", ["items", i, "options"]);
    });

    for (const facet of FACETS) {
      if (!scoredItemsPerFacet.get(facet)) issue(`facet ${facet} has no items`, ["items"]);
      else if ((alwaysScored.get(facet) ?? 0) < Math.min(MIN_SCORED_ITEMS_PER_FACET, scoredItemsPerFacet.get(facet) ?? 0)) {
        issue(`facet ${facet} needs ${MIN_SCORED_ITEMS_PER_FACET} items that cannot be "not applicable yet"`, ["items"]);
      }
    }
  });

export type Instrument = z.output<typeof ZInstrument>;
export type InstrumentItem = Instrument["items"][number];
export type LikertItem = Extract<InstrumentItem, { kind: "likert" }>;
export type SituationalItem = Extract<InstrumentItem, { kind: "situational" }>;
export type InstrumentFacet = Instrument["dimensions"][number]["facets"][number];

/** Parses instrument data (a bundled JSON file or a row from the database); throws a ZodError. */
export function parseInstrument(data: unknown): Instrument {
  return ZInstrument.parse(data);
}

const DIMENSION_OF_FACET = new Map<FacetId, DimensionId>(DIMENSIONS.flatMap((d) => FACETS_BY_DIMENSION[d].map((f) => [f, d] as const)));

export function dimensionOf(facet: FacetId): DimensionId {
  const dimension = DIMENSION_OF_FACET.get(facet);
  if (!dimension) throw new Error(`Unknown facet ${facet}`);
  return dimension;
}
