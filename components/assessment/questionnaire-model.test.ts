import { describe, expect, it } from "vitest";
import { clampPage, countAnswered, indexItems, missingItemIds, resumeTarget } from "./questionnaire-model";

const pages = [
  { dimension: "technical_vision" as const, items: [{ id: "a" }, { id: "b" }] },
  { dimension: "business_acumen" as const, items: [{ id: "c" }] },
  { dimension: "leadership" as const, items: [{ id: "d" }, { id: "e" }] },
];

describe("questionnaire model", () => {
  it("numbers items across pages in the order shown", () => {
    const index = indexItems(pages);
    expect([...index.numberOf]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
      ["d", 4],
      ["e", 5],
    ]);
    expect(index.pageOf.get("d")).toBe(2);
    expect(index.itemById.get("c")).toEqual({ id: "c" });
  });

  it("lists missing items in order and counts answers, ignoring inherited keys", () => {
    const index = indexItems(pages);
    const answers = { b: 3, d: "opt" };
    expect(missingItemIds(index, answers)).toEqual(["a", "c", "e"]);
    expect(countAnswered(pages[0]!.items, answers)).toBe(1);
    expect(missingItemIds(indexItems([{ dimension: "leadership", items: [{ id: "constructor" }] }]), {})).toEqual(["constructor"]);
  });

  it("resumes at the first unanswered item of the page, and nowhere on a fresh attempt", () => {
    expect(resumeTarget(pages[2], { a: 1, d: 2 })).toEqual({ id: "e" });
    expect(resumeTarget(pages[2], {})).toBeNull();
    expect(resumeTarget(pages[1], { c: 1 })).toBeNull();
    expect(resumeTarget(undefined, { a: 1 })).toBeNull();
  });

  it("clamps a stored page to the pages that exist", () => {
    expect(clampPage(1, 3)).toBe(1);
    expect(clampPage(7, 3)).toBe(2);
    expect(clampPage(-1, 3)).toBe(0);
    expect(clampPage(0, 0)).toBe(0);
  });
});
