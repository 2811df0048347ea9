import { describe, expect, it } from "vitest";
import { fitLearningCurve, imagesPerClassFor } from "./learning-curve";

describe("fitLearningCurve", () => {
  it("recovers a power law from points on it and forecasts the images a target needs", () => {
    // error = 0.8 · n^−0.5: 20 → 82.1 %, 40 → 87.4 %, 80 → 91.1 %.
    const points = [10, 20, 40, 80].map((n) => ({ imagesPerClass: n, accuracy: 1 - 0.8 * n ** -0.5 }));
    const fit = fitLearningCurve(points)!;
    expect(fit.exponent).toBeCloseTo(0.5, 6);
    expect(fit.scale).toBeCloseTo(0.8, 6);
    // 95 % needs 0.8 / 0.05 = 16, squared: 256 images a class.
    expect(imagesPerClassFor(fit, 0.95, 80)).toBe(256);
    expect(fit.accuracyAt(256)).toBeCloseTo(0.95, 6);
  });

  it("fits noisy points closely enough for a rough forecast", () => {
    const noise = [0.01, -0.012, 0.008, -0.006];
    const points = [25, 50, 75, 100].map((n, i) => ({ imagesPerClass: n, accuracy: 1 - 1.2 * n ** -0.6 + noise[i]! }));
    const fit = fitLearningCurve(points)!;
    expect(fit.exponent).toBeGreaterThan(0.4);
    expect(fit.exponent).toBeLessThan(0.8);
    const needed = imagesPerClassFor(fit, 0.97, 100)!;
    expect(needed).toBeGreaterThan(150);
    expect(needed).toBeLessThan(600);
  });

  it("makes no forecast when accuracy does not rise with more images, or from a single size", () => {
    expect(
      fitLearningCurve([
        { imagesPerClass: 10, accuracy: 0.9 },
        { imagesPerClass: 20, accuracy: 0.85 },
      ]),
    ).toBeNull();
    expect(fitLearningCurve([{ imagesPerClass: 10, accuracy: 0.9 }])).toBeNull();
  });

  it("says nothing is needed for a target already reached, and refuses a forecast far beyond the data", () => {
    const fit = fitLearningCurve([10, 20, 40].map((n) => ({ imagesPerClass: n, accuracy: 1 - 0.8 * n ** -0.5 })))!;
    expect(imagesPerClassFor(fit, 0.8, 40)).toBeNull();
    expect(imagesPerClassFor(fit, 0.999, 40)).toBeNull();
  });
});
