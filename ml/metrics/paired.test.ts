import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./interval";
import { comparePaired, mcnemarExactP, pairedCounts, pairedDifferenceInterval } from "./paired";

const table = (bothRight: number, onlyFirstRight: number, onlySecondRight: number, bothWrong: number) => ({
  bothRight,
  onlyFirstRight,
  onlySecondRight,
  bothWrong,
});

/** Right/wrong answers of two models on the same images, built from a 2 × 2 table. */
function answers(bothRight: number, onlyFirstRight: number, onlySecondRight: number, bothWrong: number) {
  const first: boolean[] = [];
  const second: boolean[] = [];
  const add = (count: number, a: boolean, b: boolean) => {
    for (let i = 0; i < count; i++) {
      first.push(a);
      second.push(b);
    }
  };
  add(onlySecondRight, false, true);
  add(bothRight, true, true);
  add(bothWrong, false, false);
  add(onlyFirstRight, true, false);
  return { first, second };
}

describe("pairedDifferenceInterval (Newcombe 1998, method 10)", () => {
  it("matches Newcombe's published interval for Armitage & Berry's paired culture media (20, 12, 2, 16)", () => {
    const r = pairedDifferenceInterval(table(20, 12, 2, 16));
    expect(r.estimate).toBeCloseTo(0.2, 10);
    expect(r.low!).toBeCloseTo(0.0562, 4);
    expect(r.high!).toBeCloseTo(0.3292, 4);
  });

  it("matches the method-10 intervals of later textbooks", () => {
    // Fagerland, Lydersen & Laake 2014 (airway responsiveness before/after transplantation): −0.507 to −0.026.
    const bentur = pairedDifferenceInterval(table(1, 1, 7, 12));
    expect(bentur.estimate).toBeCloseTo(-6 / 21, 10);
    expect(bentur.low!).toBeCloseTo(-0.507, 3);
    expect(bentur.high!).toBeCloseTo(-0.026, 3);
    // Tang, Ling, Ling & Tian 2010: −0.1574 to 0.4136.
    const tang = pairedDifferenceInterval(table(8, 3, 1, 2));
    expect(tang.low!).toBeCloseTo(-0.1574, 4);
    expect(tang.high!).toBeCloseTo(0.4136, 4);
  });

  it("mirrors the interval when the two models swap places", () => {
    const forward = pairedDifferenceInterval(table(79, 25, 6, 67));
    const swapped = pairedDifferenceInterval(table(79, 6, 25, 67));
    expect(swapped.estimate).toBeCloseTo(-forward.estimate!, 12);
    expect(swapped.low).toBeCloseTo(-forward.high!, 12);
    expect(swapped.high).toBeCloseTo(-forward.low!, 12);
  });

  it("centres on zero without discordant images, and still admits a difference either way", () => {
    const r = pairedDifferenceInterval(table(10, 0, 0, 10));
    expect(r.estimate).toBe(0);
    expect(r.low!).toBeLessThan(0);
    expect(r.high!).toBeGreaterThan(0);
    expect(r.low).toBeCloseTo(-r.high!, 12);
    // Both perfect: no correlation to estimate; the interval is each accuracy's Wilson width.
    const perfect = pairedDifferenceInterval(table(50, 0, 0, 0));
    expect(perfect.estimate).toBe(0);
    expect(perfect.high).toBeCloseTo(1 - wilsonInterval(50, 50).low!, 12);
    expect(perfect.low).toBeCloseTo(-perfect.high!, 12);
  });

  it("is narrower than an interval that ignores the pairing when the models agree on most images", () => {
    // Same accuracies (104 and 85 of 177), but 146 images answered alike: the pairing carries information.
    const r = pairedDifferenceInterval(table(79, 25, 6, 67));
    const first = wilsonInterval(104, 177);
    const second = wilsonInterval(85, 177);
    const unpairedBelow = Math.hypot(first.estimate! - first.low!, second.high! - second.estimate!);
    expect(r.estimate! - r.low!).toBeLessThan(unpairedBelow);
  });

  it("has no estimate without images and refuses impossible counts", () => {
    expect(pairedDifferenceInterval(table(0, 0, 0, 0))).toEqual({ estimate: null, low: null, high: null });
    expect(() => pairedDifferenceInterval(table(1, -1, 0, 0))).toThrow();
    expect(() => pairedDifferenceInterval(table(1, 0.5, 0, 0))).toThrow();
  });
});

describe("mcnemarExactP", () => {
  it("matches the published exact p for Armitage & Berry's data (12 against 2 discordant: 0.0129)", () => {
    expect(mcnemarExactP(12, 2)).toBeCloseTo(0.0129, 4);
    // Derived by hand: 2 × (1 + 14 + 91) / 2^14.
    expect(mcnemarExactP(12, 2)).toBeCloseTo(106 / 8192, 12);
    expect(mcnemarExactP(2, 12)).toBe(mcnemarExactP(12, 2));
  });

  it("is 1 without discordant images or with as many each way, and small for a lopsided split", () => {
    expect(mcnemarExactP(0, 0)).toBe(1);
    expect(mcnemarExactP(7, 7)).toBe(1);
    expect(mcnemarExactP(1, 7)).toBeCloseTo(18 / 256, 12);
    expect(mcnemarExactP(0, 10)).toBeCloseTo(2 / 1024, 12);
  });

  it("stays finite where the binomial coefficients overflow doubles", () => {
    const p = mcnemarExactP(560, 440);
    expect(p).toBeGreaterThan(0.0001);
    expect(p).toBeLessThan(0.001);
    expect(mcnemarExactP(500, 500)).toBe(1);
    expect(mcnemarExactP(1200, 1210)).toBeGreaterThan(0.8);
  });

  it("refuses impossible counts", () => {
    expect(() => mcnemarExactP(-1, 2)).toThrow();
    expect(() => mcnemarExactP(1.5, 2)).toThrow();
  });
});

describe("comparePaired", () => {
  it("counts the four kinds of image from two models' answers on the same images", () => {
    const { first, second } = answers(3, 2, 1, 4);
    expect(pairedCounts(first, second)).toEqual(table(3, 2, 1, 4));
    expect(() => pairedCounts([true], [true, false])).toThrow(/same images/);
  });

  it("finds a clear margin where the two separate intervals still overlap", () => {
    // Twemoji-sized test part: 58.8 % against 48.0 % on the same 177 images.
    const { first, second } = answers(79, 25, 6, 67);
    const r = comparePaired(first, second);
    expect(r).toMatchObject({ n: 177, bothRight: 79, onlyFirstRight: 25, onlySecondRight: 6, bothWrong: 67 });
    expect(wilsonInterval(104, 177).low!).toBeLessThan(wilsonInterval(85, 177).high!);
    expect(r.estimate).toBeCloseTo(19 / 177, 12);
    expect(r.low!).toBeGreaterThan(0);
    expect(r.mcnemarP).toBeLessThan(0.01);
  });

  it("does not call a margin clear when the discordant images split evenly", () => {
    const { first, second } = answers(80, 15, 12, 70);
    const r = comparePaired(first, second);
    expect(r.low!).toBeLessThan(0);
    expect(r.high!).toBeGreaterThan(0);
    expect(r.mcnemarP).toBeGreaterThan(0.5);
  });
});
