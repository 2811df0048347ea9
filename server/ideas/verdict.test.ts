import { describe, expect, it } from "vitest";
import { evaluateIdea, liftOverChance, THRESHOLDS, type VerdictInput } from "./verdict";

const strong: VerdictInput = {
  team: { fit: 80, gaps: [], membersAssessed: 2 },
  opportunity: { title: "Triage", value: 80, feasibility: 70 },
  prototype: { name: "X-ray", version: 2, accuracy: 0.92, macroF1: 0.9, classes: 3, validationImages: 60 },
};

describe("idea verdict", () => {
  it("says go only when team, opportunity and a trusted prototype are all strong", () => {
    const r = evaluateIdea(strong);
    expect(r.verdict).toBe("go");
    expect(r.confidence).toBe(1);
    expect(
      r.reasons
        .filter((x) => x.tone === "strength")
        .map((x) => x.pillar)
        .sort(),
    ).toEqual(["opportunity", "proof", "team"]);
  });

  it("never says go with missing evidence, and says what is missing", () => {
    for (const pillar of ["team", "opportunity", "proof"] as const) {
      const r = evaluateIdea({ ...strong, [pillar === "proof" ? "prototype" : pillar]: null });
      expect(r.verdict).toBe("validate");
      expect(r.scores[pillar]).toBeNull();
      expect(r.reasons).toContainEqual(expect.objectContaining({ pillar, tone: "missing" }));
      expect(r.confidence).toBeCloseTo(2 / 3);
    }
  });

  it("parks an idea whose trusted prototype is no better than chance", () => {
    const r = evaluateIdea({ ...strong, prototype: { ...strong.prototype!, accuracy: 0.34, macroF1: 0.3 } });
    expect(r.verdict).toBe("park");
    expect(r.nextSteps[0]!.key).toBe("step_park");
  });

  it("does not park on a weak prototype measured on too few images, but asks for more data", () => {
    const r = evaluateIdea({ ...strong, prototype: { ...strong.prototype!, accuracy: 0.34, macroF1: 0.3, validationImages: 9 } });
    expect(r.verdict).toBe("validate");
    expect(r.reasons).toContainEqual(
      expect.objectContaining({ key: "proof_small", params: { n: 9, min: THRESHOLDS.minValidationImages } }),
    );
    expect(r.nextSteps.map((s) => s.key)).toContain("step_more_data");
  });

  it("holds back a go while the team has a gap on a facet the opportunity needs", () => {
    const r = evaluateIdea({ ...strong, team: { fit: 85, gaps: ["financial_discipline"], membersAssessed: 3 } });
    expect(r.verdict).toBe("validate");
    expect(r.reasons).toContainEqual(expect.objectContaining({ key: "team_gap", params: { facet: "financial_discipline" } }));
  });

  it("parks an opportunity that is both small and infeasible, but only questions a valuable hard one", () => {
    expect(evaluateIdea({ ...strong, opportunity: { title: "Dead end", value: 40, feasibility: 10 } }).verdict).toBe("park");
    const hard = evaluateIdea({ ...strong, opportunity: { title: "Moonshot", value: 78, feasibility: 13 } });
    expect(hard.verdict).toBe("validate");
    expect(hard.nextSteps.map((s) => s.key)).toContain("step_feasibility");
  });

  it("never gets more optimistic when any evidence gets worse", () => {
    const rank = { park: 0, validate: 1, go: 2 } as const;
    const base = evaluateIdea(strong);
    for (let fit = 0; fit <= 100; fit += 10) {
      expect(rank[evaluateIdea({ ...strong, team: { ...strong.team!, fit } }).verdict]).toBeLessThanOrEqual(rank[base.verdict]);
    }
    let prev = -1;
    for (let acc = 0.3; acc <= 1; acc += 0.05) {
      const v = rank[evaluateIdea({ ...strong, prototype: { ...strong.prototype!, accuracy: acc, macroF1: acc } }).verdict];
      expect(v).toBeGreaterThanOrEqual(prev);
      prev = v;
    }
  });

  it("measures a prototype against chance, not against zero", () => {
    expect(liftOverChance(0.5, 2)).toBe(0);
    expect(liftOverChance(0.5, 4)).toBeCloseTo(33.3, 1);
    expect(liftOverChance(1, 10)).toBe(100);
  });
});
