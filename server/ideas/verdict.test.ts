import { describe, expect, it } from "vitest";
import { evaluateIdea, liftOverChance, THRESHOLDS, VERDICT_RANK, type AssumptionEvidence, type VerdictInput } from "./verdict";

const validated = (id: string, importance: AssumptionEvidence["importance"] = "critical"): AssumptionEvidence => ({
  id,
  statement: `assumption ${id}`,
  importance,
  evidence: "none",
  status: "validated",
});
const strong: VerdictInput = {
  team: { fit: 80, gaps: [], membersAssessed: 2 },
  opportunity: { title: "Triage", value: 80, feasibility: 70 },
  prototype: { name: "X-ray", version: 2, accuracy: 0.92, macroF1: 0.9, classes: 3, validationImages: 60 },
  assumptions: [validated("a"), validated("b", "high")],
  economics: { positive: true, grossMarginPct: 0.7, paybackMonths: 6 },
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
    ).toEqual(["assumptions", "assumptions", "economics", "opportunity", "proof", "team"]);
  });

  it("never says go without validated critical assumptions or positive economics", () => {
    expect(evaluateIdea({ ...strong, assumptions: [] }).verdict).toBe("validate");
    expect(evaluateIdea({ ...strong, assumptions: [validated("b", "high")] }).verdict).toBe("validate");
    expect(evaluateIdea({ ...strong, assumptions: [{ ...validated("a"), status: "testing" }] }).verdict).toBe("validate");
    expect(evaluateIdea({ ...strong, economics: null }).verdict).toBe("validate");
    expect(evaluateIdea({ ...strong, economics: { positive: false, grossMarginPct: -0.2, paybackMonths: null } }).verdict).toBe("validate");
  });

  it("parks an idea whose critical assumption an experiment invalidated, and says which", () => {
    const r = evaluateIdea({ ...strong, assumptions: [validated("a"), { ...validated("c"), status: "invalidated" }] });
    expect(r.verdict).toBe("park");
    expect(r.reasons).toContainEqual(expect.objectContaining({ key: "assumption_invalidated", params: { statement: "assumption c" } }));
    // A minor assumption failing is a lesson, not a reason to stop.
    expect(evaluateIdea({ ...strong, assumptions: [validated("a"), { ...validated("d", "low"), status: "invalidated" }] }).verdict).toBe(
      "go",
    );
  });

  it("says 'no evidence yet' when nothing is linked at all, and 'validate' as soon as something is", () => {
    const empty: VerdictInput = { team: null, opportunity: null, prototype: null, assumptions: [], economics: null };
    expect(evaluateIdea(empty).verdict).toBe("noEvidence");
    expect(evaluateIdea({ ...empty, assumptions: [{ ...validated("a"), status: "untested" }] }).verdict).toBe("validate");
    expect(evaluateIdea({ ...empty, opportunity: strong.opportunity }).verdict).toBe("validate");
  });

  it("proposes the riskiest untested assumption as the next experiment, before anything else", () => {
    const r = evaluateIdea({
      ...strong,
      assumptions: [
        { id: "low", statement: "minor", importance: "low", evidence: "none", status: "untested" },
        { id: "crit", statement: "they pay", importance: "critical", evidence: "weak", status: "untested" },
        { id: "testing", statement: "being tested", importance: "critical", evidence: "none", status: "testing" },
      ],
    });
    expect(r.nextAssumptionId).toBe("crit");
    expect(r.nextSteps[0]).toMatchObject({ key: "step_next_experiment", params: { statement: "they pay" } });
  });

  it("lists each next step once", () => {
    const r = evaluateIdea({ team: null, opportunity: null, prototype: null });
    const keys = r.nextSteps.map((s) => `${s.key}${JSON.stringify(s.params)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("reaches every verdict", () => {
    const seen = new Set([
      evaluateIdea(strong).verdict,
      evaluateIdea({ ...strong, economics: null }).verdict,
      evaluateIdea({ ...strong, team: { ...strong.team!, fit: 10 } }).verdict,
      evaluateIdea({ team: null, opportunity: null, prototype: null }).verdict,
    ]);
    expect([...seen].sort()).toEqual(["go", "noEvidence", "park", "validate"]);
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
    const rank = VERDICT_RANK;
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
