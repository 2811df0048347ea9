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
