import { describe, expect, it } from "vitest";
import rawV1 from "@/prisma/seed/data/assessment/instrument-v1.json";
import rawV2 from "@/prisma/seed/data/assessment/instrument-v2.json";
import { DIMENSIONS, FACETS, FACETS_BY_DIMENSION } from "./facets";
import { ZInstrument, parseInstrument } from "./instrument-schema";
import { bundledInstrument } from "./instruments";
import { assessmentPages, estimatedSecondsLeft, facetsOfItem } from "./items";

const v1 = bundledInstrument(1);
const v2 = bundledInstrument(2);

/** Every { en, zh } object anywhere in the raw data, with its JSON path. */
function localizedTexts(node: unknown, path = "$"): { path: string; value: Record<string, unknown> }[] {
  if (Array.isArray(node)) return node.flatMap((child, i) => localizedTexts(child, `${path}[${i}]`));
  if (node === null || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  if ("en" in record || "zh" in record) return [{ path, value: record }];
  return Object.entries(record).flatMap(([key, child]) => localizedTexts(child, `${path}.${key}`));
}

describe.each([
  { instrument: v1, raw: rawV1 as unknown },
  { instrument: v2, raw: rawV2 as unknown },
])("instrument v$instrument.version content", ({ instrument: v1, raw: rawV1 }) => {
  const likert = v1.items.filter((i) => i.kind === "likert");
  const situational = v1.items.filter((i) => i.kind === "situational");

  it("has exactly the dimensions and facets of facets.ts", () => {
    expect(v1.dimensions.map((d) => d.id)).toEqual([...DIMENSIONS]);
    for (const d of v1.dimensions) expect(d.facets.map((f) => f.id)).toEqual([...FACETS_BY_DIMENSION[d.id]]);
  });

  it("has at least three Likert items per facet", () => {
    for (const facet of FACETS) expect(likert.filter((i) => i.facet === facet).length, facet).toBeGreaterThanOrEqual(3);
  });

  it("reverse-keys at least a quarter of the Likert items, and at least one per facet", () => {
    expect(likert.filter((i) => i.reverse).length / likert.length).toBeGreaterThanOrEqual(0.25);
    for (const facet of FACETS)
      expect(
        likert.some((i) => i.facet === facet && i.reverse),
        facet,
      ).toBe(true);
  });

  it("has a situational item in every dimension, whose options carry distinct information", () => {
    for (const dimension of DIMENSIONS) {
      expect(
        situational.some((i) => i.dimension === dimension),
        dimension,
      ).toBe(true);
    }
    for (const item of situational) {
      const scores = item.options.map((o) => o.score);
      expect(item.options.length).toBeGreaterThanOrEqual(3);
      expect(item.options.length).toBeLessThanOrEqual(4);
      expect(Math.max(...scores) - Math.min(...scores), item.id).toBeGreaterThanOrEqual(3);
      expect(item.facets.every((f) => (FACETS_BY_DIMENSION[item.dimension] as readonly string[]).includes(f))).toBe(true);
    }
  });

  it("gives every facet at least two tips", () => {
    for (const d of v1.dimensions) for (const f of d.facets) expect(f.tips.length, f.id).toBeGreaterThanOrEqual(2);
  });

  it("has every text in English and Simplified Chinese", () => {
    const texts = localizedTexts(rawV1);
    // title, instructions, 5 labels, prompt; 3 × (name, description); per facet name, description,
    // tips; per item its text, or scenario plus text and rationale per option.
    expect(texts.length).toBeGreaterThan(8 + 6 + 14 * 4 + likert.length + situational.length * 7);
    for (const { path, value } of texts) {
      expect(Object.keys(value).sort(), path).toEqual(["en", "zh"]);
      expect(String(value.en).trim(), path).not.toBe("");
      expect(String(value.zh), path).toMatch(/[\u4e00-\u9fff]/);
      expect(String(value.en), path).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("has unique item ids in the stable format and unique option ids", () => {
    const ids = v1.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of v1.items) expect(item.id).toMatch(/^(tv|ba|ld)\.[a-z_]+\.[1-9][0-9]*$/);
    for (const item of situational) expect(new Set(item.options.map((o) => o.id)).size).toBe(item.options.length);
  });

  it("informs every facet through at least four scored items", () => {
    for (const facet of FACETS) {
      expect(v1.items.filter((i) => facetsOfItem(i).includes(facet)).length, facet).toBeGreaterThanOrEqual(4);
    }
  });
});

describe("instrument v2 changes", () => {
  const kept = v2.items.filter((item) => v1.items.some((old) => old.id === item.id));

  it("scores every facet from at least five items, at least three of which are never 'not applicable yet'", () => {
    for (const facet of FACETS) {
      const items = v2.items.filter((i) => facetsOfItem(i).includes(facet));
      expect(items.length, facet).toBeGreaterThanOrEqual(5);
      expect(items.filter((i) => !(i.kind === "likert" && i.notApplicableYet)).length, facet).toBeGreaterThanOrEqual(3);
    }
  });

  it("offers 'not applicable yet' only on statements, for the items that assume a team, customers or revenue", () => {
    const offered = v2.items.filter((i) => i.kind === "likert" && i.notApplicableYet).map((i) => i.id);
    expect(offered).toContain("ld.delegation.3");
    expect(offered).toContain("ba.monetisation.1");
    expect(offered.length).toBeGreaterThanOrEqual(12);
  });

  it("keeps an item's id only when the item is unchanged, and retires the double-barrelled ones", () => {
    for (const item of kept) {
      const old = v1.items.find((o) => o.id === item.id)!;
      // The observer wording (rater form) sits beside the self text and does not change the item.
      const {
        notApplicableYet: _,
        observerText: _o,
        observerScenario: _s,
        ...same
      } = item as typeof item & { notApplicableYet?: boolean; observerText?: unknown; observerScenario?: unknown };
      expect(same, item.id).toEqual(old);
    }
    const retired = v1.items.filter((old) => !v2.items.some((i) => i.id === old.id)).map((i) => i.id);
    expect(retired.sort()).toEqual([
      "ba.financial_discipline.1",
      "ld.delegation.1",
      "ld.talent_building.4",
      "ld.vision_communication.2",
      "tv.ai_data_literacy.4",
      "tv.learning_agility.3",
    ]);
  });

  it("words every new item afresh (no text reused from another item)", () => {
    const texts = [...v1.items, ...v2.items.filter((i) => !kept.includes(i))].map((i) => (i.kind === "likert" ? i.text.en : i.scenario.en));
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe("instrument schema", () => {
  interface Draft {
    dimensions: { facets: { id: string }[] }[];
    items: { id: string; text?: { zh: string }; facets?: string[]; options?: { score: number }[] }[];
  }
  const mutate = (change: (draft: Draft) => void) => {
    const draft = structuredClone(rawV1) as Draft;
    change(draft);
    return ZInstrument.safeParse(draft);
  };
  const messages = (result: ReturnType<typeof mutate>) => result.error?.issues.map((i) => i.message).join(" | ") ?? "";

  it("accepts the shipped instrument", () => {
    expect(() => parseInstrument(rawV1)).not.toThrow();
  });

  it("rejects duplicate item ids", () => {
    const result = mutate((d) => d.items.push(structuredClone(d.items[0]!)));
    expect(messages(result)).toContain("duplicate item id tv.ai_data_literacy.1");
  });

  it("rejects a missing or renamed facet", () => {
    const result = mutate((d) => {
      d.dimensions[2]!.facets[4]!.id = "grit";
    });
    expect(result.success).toBe(false);
    const dropped = mutate((d) => {
      d.dimensions[2]!.facets.pop();
      d.items = d.items.filter((i) => !i.id.startsWith("ld.resilience"));
    });
    expect(messages(dropped)).toContain("facets of leadership must be exactly");
  });

  it("rejects a situational item that informs a facet of another dimension", () => {
    const result = mutate((d) => {
      const sjt = d.items.find((i) => i.id === "tv.sjt.1");
      if (sjt) sjt.facets = ["technical_judgement", "monetisation"];
    });
    expect(messages(result)).toContain("facet monetisation is not part of technical_vision");
  });

  it("rejects an empty translation and an option score outside 1–5", () => {
    expect(mutate((d) => (d.items[3]!.text!.zh = "  ")).success).toBe(false);
    const result = mutate((d) => {
      const sjt = d.items.find((i) => i.id === "ba.sjt.1");
      sjt!.options![0]!.score = 6;
    });
    expect(result.success).toBe(false);
  });

  it("rejects item ids that break the stable convention", () => {
    const result = mutate((d) => (d.items[0]!.id = "ba.ai_data_literacy.1"));
    expect(messages(result)).toContain("likert item id must look like tv.ai_data_literacy.<n>");
  });
});

describe("assessmentPages", () => {
  const pages = assessmentPages(v1);

  it("gives one page per dimension holding every item once, situational items last", () => {
    expect(pages.map((p) => p.dimension)).toEqual([...DIMENSIONS]);
    expect(pages.flatMap((p) => p.items.map((i) => i.id)).sort()).toEqual(v1.items.map((i) => i.id).sort());
    for (const page of pages) {
      const firstSjt = page.items.findIndex((i) => i.kind === "situational");
      expect(page.items.slice(firstSjt).every((i) => i.kind === "situational")).toBe(true);
    }
  });

  it("never shows two Likert items of the same facet back to back", () => {
    for (const page of pages) {
      const facets = page.items.flatMap((i) => (i.kind === "likert" ? [i.facet] : []));
      facets.slice(1).forEach((facet, i) => expect(facet).not.toBe(facets[i]));
    }
  });

  it("never shows two Likert items of the same facet back to back in v2 either, though facets differ in length", () => {
    for (const page of assessmentPages(v2)) {
      const facets = page.items.flatMap((i) => (i.kind === "likert" ? [i.facet] : []));
      facets.slice(1).forEach((facet, i) => expect(facet).not.toBe(facets[i]));
    }
  });

  it("estimates the time left from the unanswered items", () => {
    const likert = v1.items.filter((i) => i.kind === "likert");
    const situational = v1.items.filter((i) => i.kind === "situational");
    const all = estimatedSecondsLeft(v1, new Set());
    expect(all).toBe(likert.length * v1.timing.likertSeconds + situational.length * v1.timing.situationalSeconds);
    expect(estimatedSecondsLeft(v1, new Set(v1.items.map((i) => i.id)))).toBe(0);
    expect(estimatedSecondsLeft(v1, new Set([likert[0]!.id]))).toBe(all - v1.timing.likertSeconds);
  });
});
