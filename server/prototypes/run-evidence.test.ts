import { describe, expect, it } from "vitest";
import { runEvidence } from "./run-evidence";

describe("runEvidence", () => {
  it("gives the accuracy and every class's recall with their counts and 95 % intervals", () => {
    const evidence = runEvidence({
      classes: ["ok", "scratch"],
      confusion: [
        [40, 2],
        [3, 15],
      ],
      evaluatedOn: "test",
    });
    expect(evidence.evaluatedOn).toBe("test");
    expect(evidence.accuracy).toMatchObject({ successes: 55, n: 60, rough: false });
    expect(evidence.accuracy.low).toBeLessThan(55 / 60);
    expect(evidence.accuracy.high).toBeGreaterThan(55 / 60);
    expect(evidence.perClass[1]).toMatchObject({ label: "scratch", recall: { successes: 15, n: 18, rough: true } });
  });

  it("labels a perfect score on 12 images rough, with an interval that is far from certain", () => {
    const evidence = runEvidence({
      classes: ["a", "b"],
      confusion: [
        [6, 0],
        [0, 6],
      ],
    });
    expect(evidence.accuracy.estimate).toBe(1);
    expect(evidence.accuracy.rough).toBe(true);
    expect(evidence.accuracy.low).toBeLessThan(0.8);
    // Runs stored before the test split measured on validation images.
    expect(evidence.evaluatedOn).toBe("validation");
  });
});

describe("runEvidence's learning curve", () => {
  const confusion = [
    [27, 3],
    [2, 28],
  ];
  it("gives each point its interval and forecasts the images per class the next target needs", () => {
    // Accuracy 1 − 0.8·n^−0.5 at 10, 20, 30 and 40 images a class, on 60 test images.
    const learningCurve = [10, 20, 30, 40].map((n, i) => ({ fraction: (i + 1) / 4, imagesPerClass: n, correct: 0, n: 60 }));
    learningCurve.forEach((p) => (p.correct = Math.round((1 - 0.8 * p.imagesPerClass ** -0.5) * 60)));
    const evidence = runEvidence({ classes: ["a", "b"], confusion, evaluatedOn: "test", learningCurve });
    const curve = evidence.learningCurve!;
    expect(curve.points).toHaveLength(4);
    expect(curve.points[3]!.accuracy).toMatchObject({ n: 60, successes: learningCurve[3]!.correct });
    // 87.3 % at 40 a class: the next target is 90 %, which the curve puts near 64 a class.
    expect(curve.forecast!.target).toBe(0.9);
    expect(curve.forecast!.morePerClass).toBeGreaterThan(10);
    expect(curve.forecast!.morePerClass).toBeLessThan(60);
  });

  it("makes no forecast when accuracy did not grow with more images", () => {
    const flat = [10, 20, 30].map((n, i) => ({ fraction: (i + 1) / 3, imagesPerClass: n, correct: 50, n: 60 }));
    expect(runEvidence({ classes: ["a", "b"], confusion, learningCurve: flat }).learningCurve!.forecast).toBeNull();
    expect(runEvidence({ classes: ["a", "b"], confusion }).learningCurve).toBeNull();
  });
});
