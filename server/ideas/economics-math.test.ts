import { describe, expect, it } from "vitest";
import { computeEconomics, inferenceCostPer1000, MAX_PAYBACK_MONTHS } from "./economics-math";

const inputs = {
  pricePerUnit: 2,
  unitsPerMonth: 10_000,
  otherCostPerUnit: 0.5,
  predictionsPerUnit: 4,
  machinePricePerHour: 3.6,
  buildCost: 60_000,
};

describe("unit economics", () => {
  it("turns measured latency and the machine's price into a cost per 1,000 predictions", () => {
    // 50 ms × 3.60 per hour: 1,000 predictions take 50 s = 1/72 h → 0.05.
    expect(inferenceCostPer1000(50, 3.6)).toBeCloseTo(0.05, 10);
  });

  it("computes cost to serve, margin and payback", () => {
    const e = computeEconomics(inputs, 50);
    expect(e.costToServePerUnit).toBeCloseTo(0.5 + 4 * 0.00005, 10);
    expect(e.unitMargin).toBeCloseTo(1.4998, 4);
    expect(e.grossMarginPct).toBeCloseTo(0.7499, 4);
    expect(e.paybackMonths).toBeCloseTo(60_000 / 14_998, 4);
    expect(e.positive).toBe(true);
  });

  it("says what needs to be true: the price floor, the volume for payback, the latency ceiling", () => {
    const e = computeEconomics(inputs, 50);
    expect(e.needs.minPrice).toBeCloseTo(e.costToServePerUnit, 10);
    expect(e.needs.minUnitsPerMonth! * MAX_PAYBACK_MONTHS * e.unitMargin).toBeCloseTo(60_000, 4);
    // At the ceiling the margin is zero.
    expect(computeEconomics(inputs, e.needs.maxLatencyMs!).unitMargin).toBeCloseTo(0, 6);
  });

  it("is not positive when each unit loses money or the build never pays back in time", () => {
    expect(computeEconomics({ ...inputs, pricePerUnit: 0.4 }, 50)).toMatchObject({ positive: false, paybackMonths: null });
    expect(computeEconomics({ ...inputs, unitsPerMonth: 10 }, 50).positive).toBe(false);
  });

  it("counts no model cost when no latency is known", () => {
    expect(computeEconomics(inputs, null)).toMatchObject({ inferenceCostPer1000: null, costToServePerUnit: 0.5 });
  });
});
