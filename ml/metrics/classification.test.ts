import { describe, expect, it } from "vitest";
import { argmaxRows, classificationReport } from "./classification";
import { topK } from "./top-k";

describe("classificationReport", () => {
  // Worked by hand: confusion rows (truth) A [2,1,0], B [1,1,0], C [0,1,0].
  const report = classificationReport({ classes: ["A", "B", "C"], truth: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 0, 1] });

  it("computes accuracy, the confusion matrix and the samples behind each cell", () => {
    expect(report.accuracy).toBe(0.5);
    expect(report.majorityBaseline).toBe(0.5);
    expect(report.confusion).toEqual([
      [2, 1, 0],
      [1, 1, 0],
      [0, 1, 0],
    ]);
    expect(report.cells).toEqual([
      [[0, 1], [2], []],
      [[4], [3], []],
      [[], [5], []],
    ]);
  });

  it("computes per-class precision, recall and F1, with a never-predicted class explicit", () => {
    const [a, b, c] = report.perClass;
    expect(a).toMatchObject({ support: 3, predicted: 3, truePositives: 2 });
    expect(a!.precision).toBeCloseTo(2 / 3);
    expect(a!.recall).toBeCloseTo(2 / 3);
    expect(a!.f1).toBeCloseTo(2 / 3);
    expect(b!.precision).toBeCloseTo(1 / 3);
    expect(b!.recall).toBeCloseTo(1 / 2);
    expect(b!.f1).toBeCloseTo(0.4);
    // C was never predicted: precision has no denominator; recall and F1 are honestly 0.
    expect(c).toMatchObject({ support: 1, predicted: 0, precision: null, recall: 0, f1: 0 });
  });

  it("macro-averages over present classes, counting an unpredicted class's precision as 0", () => {
    expect(report.macro.precision).toBeCloseTo((2 / 3 + 1 / 3 + 0) / 3);
    expect(report.macro.recall).toBeCloseTo((2 / 3 + 1 / 2 + 0) / 3);
    expect(report.macro.f1).toBeCloseTo((2 / 3 + 0.4 + 0) / 3);
  });

  it("leaves classes absent from the evaluation set out of the macro averages", () => {
    // D: never seen, never predicted. E: never seen, but predicted once (wrongly).
    const r = classificationReport({ classes: ["A", "B", "D", "E"], truth: [0, 0, 1, 1], predicted: [0, 3, 1, 1] });
    const d = r.perClass[2]!;
    const e = r.perClass[3]!;
    expect(d).toMatchObject({ support: 0, predicted: 0, precision: null, recall: null, f1: null });
    expect(e).toMatchObject({ support: 0, predicted: 1, precision: 0, recall: null, f1: 0 });
    expect(r.macro.recall).toBeCloseTo((1 / 2 + 1) / 2);
    expect(r.macro.precision).toBeCloseTo(1); // A and B were right whenever predicted
  });

  it("answers null, not NaN, for an empty evaluation set", () => {
    const r = classificationReport({ classes: ["A", "B"], truth: [], predicted: [] });
    expect(r.accuracy).toBeNull();
    expect(r.majorityBaseline).toBeNull();
    expect(r.macro).toEqual({ precision: null, recall: null, f1: null });
  });

  it("refuses labels that are not class indices", () => {
    expect(() => classificationReport({ classes: ["A", "B"], truth: [0, 2], predicted: [0, 1] })).toThrow(/truth\[1\]/);
    expect(() => classificationReport({ classes: ["A", "B"], truth: [0], predicted: [0, 1] })).toThrow(/1 labels/);
  });
});

describe("argmaxRows and topK", () => {
  it("picks the most probable class per row, ties to the lower index", () => {
    expect([...argmaxRows([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0, 0.2, 0.8], 3)]).toEqual([1, 0, 2]);
  });

  it("returns the top k labels with their probabilities, highest first", () => {
    expect(topK([0.1, 0.6, 0.3], ["cat", "dog", "fox"], 2)).toEqual([
      { label: "dog", index: 1, probability: 0.6 },
      { label: "fox", index: 2, probability: 0.3 },
    ]);
    expect(topK([0.5, 0.5], ["a", "b"], 5).map((p) => p.label)).toEqual(["a", "b"]);
    expect(() => topK([1], ["a", "b"])).toThrow();
  });
});
