import { describe, expect, it } from "vitest";
import { marginCell, marginOverBest, pValueCell, verdictOf } from "./margin";

/** `right` answers followed by `wrong` ones. */
const run = (right: number, wrong: number) => [...Array<boolean>(right).fill(true), ...Array<boolean>(wrong).fill(false)];

describe("marginOverBest", () => {
  it("compares the product with the most accurate baseline on the same images", () => {
    const product = run(150, 50);
    const weak = { model: "nearest centroid", right: run(60, 140) };
    const strong = { model: "5-NN", right: [...run(100, 50), ...run(0, 50)] };
    const m = marginOverBest(product, [weak, strong]);
    expect(m.baseline).toBe("5-NN");
    expect(m).toMatchObject({ n: 200, bothRight: 100, onlyFirstRight: 50, onlySecondRight: 0, bothWrong: 50 });
    expect(m.estimate).toBeCloseTo(0.25, 12);
    expect(m.verdict).toBe("clearly above");
  });

  it("between equally accurate baselines, takes the one the product leads least", () => {
    // Both baselines get 100 of 200; one agrees with the product, the other disagrees with it.
    const product = run(120, 80);
    const agreeing = { model: "agrees", right: run(100, 100) };
    const disagreeing = { model: "disagrees", right: [...run(0, 100), ...run(100, 0)] };
    expect(marginOverBest(product, [agreeing, disagreeing]).baseline).toBe("disagrees");
    expect(marginOverBest(product, [disagreeing, agreeing]).baseline).toBe("disagrees");
  });

  it("does not call equal models different, and refuses an empty list", () => {
    const m = marginOverBest(run(90, 10), [{ model: "same", right: run(90, 10) }]);
    expect(m.verdict).toBe("not established");
    expect(m.mcnemarP).toBe(1);
    expect(() => marginOverBest(run(1, 1), [])).toThrow();
  });
});

describe("cells", () => {
  it("writes the margin in points with its interval, and the verdict from the interval alone", () => {
    expect(marginCell({ estimate: 0.1073, low: 0.0401, high: 0.1746 })).toBe("+10.7 points [+4.0, +17.5]");
    expect(marginCell({ estimate: 0.02, low: -0.0012, high: 0.05 })).toBe("+2.0 points [−0.1, +5.0]");
    expect(verdictOf({ low: -0.001, high: 0.2 })).toBe("not established");
    expect(verdictOf({ low: -0.3, high: -0.01 })).toBe("clearly below");
    expect(pValueCell(0.012939)).toBe("0.013");
    expect(pValueCell(0.00002)).toBe("< 0.0001");
    expect(pValueCell(1)).toBe("1");
  });
});
