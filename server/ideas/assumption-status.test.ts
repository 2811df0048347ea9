import { describe, expect, it } from "vitest";
import { assumptionStatus, quadrant, riskiestOpen, validationStage } from "./assumption-status";
import { proposeAssumptions } from "./proposals";

describe("assumption status", () => {
  it("follows from the experiments: a failure invalidates, a pass without failure validates", () => {
    expect(assumptionStatus([])).toBe("untested");
    expect(assumptionStatus(["pending"])).toBe("testing");
    expect(assumptionStatus(["pending", "passed"])).toBe("validated");
    expect(assumptionStatus(["passed", "failed"])).toBe("invalidated");
  });

  it("places assumptions on the important × unproven grid", () => {
    expect(quadrant({ importance: "critical", evidence: "none", status: "untested" })).toEqual({ important: true, unproven: true });
    expect(quadrant({ importance: "low", evidence: "strong", status: "untested" })).toEqual({ important: false, unproven: false });
    expect(quadrant({ importance: "high", evidence: "weak", status: "validated" }).unproven).toBe(false);
  });

  it("picks the riskiest untested assumption, then the riskiest being tested", () => {
    const a = [
      { id: 1, importance: "high" as const, evidence: "none" as const, status: "untested" as const },
      { id: 2, importance: "critical" as const, evidence: "moderate" as const, status: "untested" as const },
      { id: 3, importance: "critical" as const, evidence: "none" as const, status: "untested" as const },
      { id: 4, importance: "critical" as const, evidence: "none" as const, status: "testing" as const },
    ];
    expect(riskiestOpen(a)?.id).toBe(3);
    expect(riskiestOpen(a.filter((x) => x.status === "testing"))?.id).toBe(4);
    expect(riskiestOpen([{ ...a[0]!, status: "validated" as const }])).toBeNull();
  });
});

describe("validation stage", () => {
  it("moves from framing to testing to evidence in as critical assumptions settle", () => {
    expect(validationStage([])).toBe("framing");
    expect(validationStage([{ importance: "low", status: "validated" }])).toBe("testing");
    expect(validationStage([{ importance: "critical", status: "testing" }])).toBe("testing");
    expect(
      validationStage([
        { importance: "critical", status: "invalidated" },
        { importance: "critical", status: "validated" },
        { importance: "high", status: "untested" },
      ]),
    ).toBe("decided");
  });
});

describe("proposed assumptions", () => {
  it("come from demanding factors and the team's gaps, each with a stable origin", () => {
    const factors = {
      marketSize: 4,
      growth: 4,
      competitionIntensity: 2,
      regulatoryBurden: 5,
      dataAvailability: 2,
      technicalDifficulty: 3,
      capitalIntensity: 2,
      timeToFirstRevenue: 3,
    };
    const origins = proposeAssumptions({ factors, gaps: ["resilience"], title: "X" }).map((p) => p.origin);
    expect(origins).toEqual([
      "base:pain",
      "base:accuracy",
      "base:margin",
      "factor:regulatoryBurden",
      "factor:dataAvailability",
      "gap:resilience",
    ]);
    expect(new Set(origins).size).toBe(origins.length);
  });
});
