import { describe, expect, it } from "vitest";
import { balancedClassWeights } from "./class-weights";
import { DEFAULT_TRAIN_SETTINGS, resolveTrainSettings } from "./settings";
import { stratifiedSplit } from "./split";

// 60 of class 0, 30 of class 1, 10 of class 2, interleaved.
const labels = Array.from({ length: 100 }, (_, i) => (i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2));
const count = (indices: number[], label: number) => indices.filter((i) => labels[i] === label).length;

describe("stratifiedSplit", () => {
  it("holds out the same share of every class", () => {
    const { train, validation } = stratifiedSplit(labels, { validationShare: 0.2, seed: 7 });
    expect([count(validation, 0), count(validation, 1), count(validation, 2)]).toEqual([12, 6, 2]);
    expect([count(train, 0), count(train, 1), count(train, 2)]).toEqual([48, 24, 8]);
    expect(new Set([...train, ...validation]).size).toBe(100);
    expect(train.some((i) => validation.includes(i))).toBe(false);
  });

  it("is reproducible from the seed and changes with it", () => {
    const a = stratifiedSplit(labels, { validationShare: 0.2, seed: 7 });
    const b = stratifiedSplit(labels, { validationShare: 0.2, seed: 7 });
    const c = stratifiedSplit(labels, { validationShare: 0.2, seed: 8 });
    expect(b).toEqual(a);
    expect(c.validation).not.toEqual(a.validation);
  });

  it("does not move other classes when one class gains an image", () => {
    const before = stratifiedSplit(labels, { validationShare: 0.2, seed: 3 });
    const after = stratifiedSplit([...labels, 2], { validationShare: 0.2, seed: 3 });
    const ofClass = (indices: number[], label: number) => indices.filter((i) => labels[i] === label);
    expect(ofClass(after.validation, 0)).toEqual(ofClass(before.validation, 0));
    expect(ofClass(after.validation, 1)).toEqual(ofClass(before.validation, 1));
  });

  it("keeps at least one image on each side of a small class and warns about singletons", () => {
    const small = [0, 0, 1, 1, 1, 2];
    const { train, validation, warnings } = stratifiedSplit(small, { validationShare: 0.1, seed: 1 });
    expect(validation.filter((i) => small[i] === 0)).toHaveLength(1);
    expect(train.filter((i) => small[i] === 0)).toHaveLength(1);
    expect(train).toContain(5);
    expect(warnings).toEqual([expect.stringContaining("class 2 has 1 image")]);
  });

  it("puts everything in training when nothing is to be held out", () => {
    const { train, validation } = stratifiedSplit(labels, { validationShare: 0, seed: 1 });
    expect(validation).toEqual([]);
    expect(train).toHaveLength(100);
    expect(() => stratifiedSplit(labels, { validationShare: 1, seed: 1 })).toThrow();
  });
});

describe("balancedClassWeights", () => {
  it("weighs each class inversely to its size so every class counts the same in total", () => {
    const weights = balancedClassWeights(labels, 3);
    expect(weights[0]).toBeCloseTo(100 / (3 * 60));
    expect(weights[1]).toBeCloseTo(100 / (3 * 30));
    expect(weights[2]).toBeCloseTo(100 / (3 * 10));
    const totals = [60, 30, 10].map((n, c) => n * weights[c]!);
    expect(totals[0]).toBeCloseTo(totals[1]!);
    expect(totals[1]).toBeCloseTo(totals[2]!);
  });

  it("gives weight 1 to balanced classes and 0 to a class without training images", () => {
    expect(balancedClassWeights([0, 1, 0, 1], 3)).toEqual([1, 1, 0]);
    expect(() => balancedClassWeights([0, 3], 3)).toThrow(/label 3/);
  });
});

describe("resolveTrainSettings", () => {
  it("fills in defaults and keeps what was given", () => {
    expect(resolveTrainSettings()).toEqual(DEFAULT_TRAIN_SETTINGS);
    expect(resolveTrainSettings({ epochs: 12, augment: true, seed: undefined })).toMatchObject({
      epochs: 12,
      augment: true,
      seed: DEFAULT_TRAIN_SETTINGS.seed,
    });
  });

  it("refuses values outside the bounds, naming the setting", () => {
    expect(() => resolveTrainSettings({ learningRate: 0 })).toThrow(/learningRate/);
    expect(() => resolveTrainSettings({ validationShare: 0.9 })).toThrow(/validationShare/);
    expect(() => resolveTrainSettings({ batchSize: 8.5 })).toThrow(/whole number/);
    expect(() => resolveTrainSettings({ epochs: Number.NaN })).toThrow(/epochs/);
  });
});

describe("stratifiedSplit with a test share", () => {
  it("sets aside a test part per class that is disjoint from training and validation", () => {
    const { train, validation, test } = stratifiedSplit(labels, { validationShare: 0.2, testShare: 0.2, seed: 7 });
    expect([count(test, 0), count(test, 1), count(test, 2)]).toEqual([12, 6, 2]);
    expect([count(validation, 0), count(validation, 1), count(validation, 2)]).toEqual([10, 5, 2]);
    expect(new Set([...train, ...validation, ...test]).size).toBe(100);
    expect(test.some((i) => train.includes(i) || validation.includes(i))).toBe(false);
  });

  it("keeps the test part when only the validation share changes, so runs stay comparable", () => {
    const a = stratifiedSplit(labels, { validationShare: 0.1, testShare: 0.2, seed: 7 });
    const b = stratifiedSplit(labels, { validationShare: 0.3, testShare: 0.2, seed: 7 });
    expect(b.test).toEqual(a.test);
  });

  it("gives nothing to the test from a class too small for three parts, and says so", () => {
    const small = [0, 0, 1, 1, 1];
    const { train, validation, test, warnings } = stratifiedSplit(small, { validationShare: 0.2, testShare: 0.2, seed: 1 });
    expect(test.filter((i) => small[i] === 0)).toEqual([]);
    expect(test.filter((i) => small[i] === 1)).toHaveLength(1);
    expect(train.filter((i) => small[i] === 1)).toHaveLength(1);
    expect(validation.filter((i) => small[i] === 1)).toHaveLength(1);
    expect(warnings).toEqual([expect.stringContaining("class 0 has 2 image(s): none set aside for testing")]);
  });

  it("is the two-way split when the test share is 0", () => {
    const two = stratifiedSplit(labels, { validationShare: 0.2, seed: 9 });
    expect(stratifiedSplit(labels, { validationShare: 0.2, testShare: 0, seed: 9 })).toEqual(two);
    expect(two.test).toEqual([]);
  });
});

describe("stratifiedSplit with preferred test samples (field images)", () => {
  it("holds the preferred samples out for testing first, within each class's test share", () => {
    // Two classes of 10; the last sample of each is a field image.
    const labels = Array.from({ length: 20 }, (_, i) => (i < 10 ? 0 : 1));
    const prefer = labels.map((_, i) => i === 9 || i === 19);
    for (const seed of [1, 2, 3, 4, 5]) {
      const split = stratifiedSplit(labels, { validationShare: 0.2, testShare: 0.2, seed, preferTest: prefer });
      expect(split.test).toContain(9);
      expect(split.test).toContain(19);
      expect(split.test).toHaveLength(4);
      const plain = stratifiedSplit(labels, { validationShare: 0.2, testShare: 0.2, seed });
      expect(plain.test).toHaveLength(4);
    }
    // Without a preference some seed leaves a field image out of the test part: the option is what puts it there.
    const misses = [1, 2, 3, 4, 5, 6, 7, 8].filter(
      (seed) => !stratifiedSplit(labels, { validationShare: 0.2, testShare: 0.2, seed }).test.includes(9),
    );
    expect(misses.length).toBeGreaterThan(0);
  });
});
