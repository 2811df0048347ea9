import { describe, expect, it } from "vitest";
import { ROUGH_BELOW, wilsonInterval } from "./interval";

describe("wilsonInterval", () => {
  it("matches published values (Newcombe 1998, method 3)", () => {
    // 81/263: 0.2553–0.3662
    const a = wilsonInterval(81, 263);
    expect(a.low).toBeCloseTo(0.2553, 3);
    expect(a.high).toBeCloseTo(0.3662, 3);
    // 15/148: 0.0624–0.1605
    const b = wilsonInterval(15, 148);
    expect(b.low).toBeCloseTo(0.0624, 3);
    expect(b.high).toBeCloseTo(0.1605, 3);
  });

  it("does not claim certainty from a perfect score on few images", () => {
    const r = wilsonInterval(12, 12);
    expect(r.estimate).toBe(1);
    expect(r.high).toBe(1);
    expect(r.low!).toBeLessThan(0.76);
    expect(r.low!).toBeGreaterThan(0.75);
    expect(r.rough).toBe(true);
  });

  it("narrows as the sample grows and stops being rough at the threshold", () => {
    const small = wilsonInterval(9, 10);
    const large = wilsonInterval(900, 1000);
    expect(large.high! - large.low!).toBeLessThan(small.high! - small.low!);
    expect(wilsonInterval(ROUGH_BELOW - 1, ROUGH_BELOW - 1).rough).toBe(true);
    expect(wilsonInterval(ROUGH_BELOW, ROUGH_BELOW).rough).toBe(false);
  });

  it("has no estimate without samples and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ estimate: null, low: null, high: null, rough: true });
    expect(() => wilsonInterval(3, 2)).toThrow();
    expect(() => wilsonInterval(-1, 2)).toThrow();
    expect(() => wilsonInterval(1.5, 2)).toThrow();
  });
});
