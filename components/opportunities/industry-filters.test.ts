import { describe, expect, it } from "vitest";
import { DEFAULT_SORT, filterAndSort, NO_FILTERS, toggleSort, type FilterableRow } from "./industry-filters";

const row = (titleText: string, over: Partial<FilterableRow> = {}): FilterableRow => ({
  titleText,
  stage: "growing",
  factors: { marketSize: 3, regulatoryBurden: 3 },
  scores: { value: 50, feasibility: 50, fit: null },
  priority: 50,
  starred: false,
  ...over,
});

const rows = [
  row("Imaging triage", { priority: 80, stage: "emerging", factors: { marketSize: 5 }, scores: { value: 70, feasibility: 40, fit: 65 } }),
  row("Claims coding", { priority: 60, starred: true, scores: { value: 55, feasibility: 75, fit: null } }),
  row("Bed planning", { priority: 70, stage: "mainstream", factors: { marketSize: 2 }, scores: { value: 40, feasibility: 80, fit: 30 } }),
];
const titles = (rs: FilterableRow[]) => rs.map((r) => r.titleText);

describe("filterAndSort", () => {
  it("sorts by priority, highest first, by default", () => {
    expect(titles(filterAndSort(rows, NO_FILTERS, DEFAULT_SORT, "en"))).toEqual(["Imaging triage", "Bed planning", "Claims coding"]);
  });

  it("combines search (any case), stage, factor minimum, fit minimum and starred", () => {
    expect(titles(filterAndSort(rows, { ...NO_FILTERS, search: " TRIAGE " }, DEFAULT_SORT, "en"))).toEqual(["Imaging triage"]);
    expect(titles(filterAndSort(rows, { ...NO_FILTERS, stage: "mainstream" }, DEFAULT_SORT, "en"))).toEqual(["Bed planning"]);
    expect(titles(filterAndSort(rows, { ...NO_FILTERS, factor: "marketSize", factorMin: 3 }, DEFAULT_SORT, "en"))).toEqual([
      "Imaging triage",
      "Claims coding",
    ]);
    // A fit minimum drops rows that have no fit at all.
    expect(titles(filterAndSort(rows, { ...NO_FILTERS, fitMin: 20 }, DEFAULT_SORT, "en"))).toEqual(["Imaging triage", "Bed planning"]);
    expect(titles(filterAndSort(rows, { ...NO_FILTERS, starredOnly: true }, DEFAULT_SORT, "en"))).toEqual(["Claims coding"]);
  });

  it("sorts text in the reader's language and puts rows without a fit last when sorting by fit", () => {
    expect(titles(filterAndSort(rows, NO_FILTERS, { key: "title", dir: 1 }, "en"))).toEqual([
      "Bed planning",
      "Claims coding",
      "Imaging triage",
    ]);
    expect(titles(filterAndSort(rows, NO_FILTERS, { key: "fit", dir: -1 }, "en")).at(-1)).toBe("Claims coding");
    expect(titles(filterAndSort(rows, NO_FILTERS, { key: "stage", dir: 1 }, "en"))).toEqual([
      "Imaging triage",
      "Claims coding",
      "Bed planning",
    ]);
  });

  it("does not reorder the rows it was given", () => {
    const copy = [...rows];
    filterAndSort(rows, NO_FILTERS, { key: "title", dir: 1 }, "en");
    expect(rows).toEqual(copy);
  });
});

describe("toggleSort", () => {
  it("flips the active column and starts numbers high-to-low, text A–Z", () => {
    expect(toggleSort(DEFAULT_SORT, "priority", true)).toEqual({ key: "priority", dir: 1 });
    expect(toggleSort(DEFAULT_SORT, "value", true)).toEqual({ key: "value", dir: -1 });
    expect(toggleSort(DEFAULT_SORT, "title", false)).toEqual({ key: "title", dir: 1 });
  });
});
