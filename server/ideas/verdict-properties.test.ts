import { describe, expect, it } from "vitest";
import type { AssumptionStatus, EvidenceStrength, Importance } from "./assumption-status";
import { computeEconomics, type EconomicsInputs } from "./economics-math";
import { evaluateIdea, VERDICT_RANK, type AssumptionEvidence, type VerdictInput } from "./verdict";

/**
 * Property checks over generated cases (a seeded generator, so a failure reproduces): a better
 * experiment result or better economics never worsens the verdict, and missing evidence never
 * yields go.
 */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
const IMPORTANCE: Importance[] = ["critical", "high", "low"];
const EVIDENCE: EvidenceStrength[] = ["none", "weak", "moderate", "strong"];
const STATUS: AssumptionStatus[] = ["untested", "testing", "validated", "invalidated"];
/** Ordered from worst to best outcome of an experiment on an assumption. */
const STATUS_ORDER: AssumptionStatus[] = ["invalidated", "testing", "validated"];

function economicsInputs(r: () => number): EconomicsInputs {
  return {
    pricePerUnit: Math.round(r() * 100),
    unitsPerMonth: Math.round(r() * 2000),
    otherCostPerUnit: Math.round(r() * 60),
    predictionsPerUnit: Math.round(r() * 50),
    machinePricePerHour: Math.round(r() * 40) / 10,
    buildCost: Math.round(r() * 100_000),
  };
}
const summary = (i: EconomicsInputs, latency: number) => {
  const e = computeEconomics(i, latency);
  return { positive: e.positive, grossMarginPct: e.grossMarginPct, paybackMonths: e.paybackMonths };
};

function generate(r: () => number): { input: VerdictInput; econ: EconomicsInputs; latency: number } {
  const assumptions: AssumptionEvidence[] = Array.from({ length: Math.floor(r() * 5) }, (_, i) => ({
    id: `a${i}`,
    statement: `s${i}`,
    importance: pick(r, IMPORTANCE),
    evidence: pick(r, EVIDENCE),
    status: pick(r, STATUS),
  }));
  const econ = economicsInputs(r);
  const latency = 1 + r() * 400;
  return {
    econ,
    latency,
    input: {
      team: r() < 0.8 ? { fit: r() * 100, gaps: r() < 0.7 ? [] : ["resilience"], membersAssessed: 1 } : null,
      opportunity: r() < 0.8 ? { title: "o", value: r() * 100, feasibility: r() * 100 } : null,
      prototype:
        r() < 0.8
          ? {
              name: "p",
              version: 1,
              accuracy: 0.3 + r() * 0.7,
              macroF1: r(),
              classes: 2 + Math.floor(r() * 3),
              validationImages: Math.floor(r() * 120),
            }
          : null,
      assumptions,
      economics: r() < 0.8 ? summary(econ, latency) : null,
    },
  };
}

const CASES = 3000;

describe("verdict properties", () => {
  it("a better experiment result never worsens the verdict", () => {
    const r = rng(12);
    for (let n = 0; n < CASES; n++) {
      const { input } = generate(r);
      const assumptions = input.assumptions!;
      if (!assumptions.length) continue;
      const i = Math.floor(r() * assumptions.length);
      const from = STATUS_ORDER.indexOf(assumptions[i]!.status);
      if (from < 0 || from === STATUS_ORDER.length - 1) continue;
      const better = STATUS_ORDER[from + 1 + Math.floor(r() * (STATUS_ORDER.length - from - 1))]!;
      const improved = assumptions.map((a, j) => (j === i ? { ...a, status: better } : a));
      const before = VERDICT_RANK[evaluateIdea(input).verdict];
      const after = VERDICT_RANK[evaluateIdea({ ...input, assumptions: improved }).verdict];
      expect(after, JSON.stringify({ input, i, better })).toBeGreaterThanOrEqual(before);
    }
  });

  it("a better prototype run never worsens the verdict", () => {
    const r = rng(34);
    for (let n = 0; n < CASES; n++) {
      const { input } = generate(r);
      if (!input.prototype) continue;
      const p = input.prototype;
      const better = {
        ...p,
        accuracy: p.accuracy + (1 - p.accuracy) * r(),
        macroF1: p.macroF1 + (1 - p.macroF1) * r(),
        validationImages: p.validationImages + Math.floor(r() * 50),
      };
      const before = VERDICT_RANK[evaluateIdea(input).verdict];
      const after = VERDICT_RANK[evaluateIdea({ ...input, prototype: better }).verdict];
      // More held-out images can turn an untrusted weak model into a trusted red flag: that is
      // better evidence, not a better result, so it is checked with the size unchanged too.
      const sameSize = VERDICT_RANK[evaluateIdea({ ...input, prototype: { ...better, validationImages: p.validationImages } }).verdict];
      expect(sameSize, JSON.stringify({ input, better })).toBeGreaterThanOrEqual(before);
      if (proofTrusted(p.validationImages)) expect(after).toBeGreaterThanOrEqual(before);
    }
  });

  it("better economics never worsen the verdict", () => {
    const r = rng(56);
    for (let n = 0; n < CASES; n++) {
      const { input, econ, latency } = generate(r);
      const better: EconomicsInputs = {
        ...econ,
        pricePerUnit: econ.pricePerUnit * (1 + r()),
        unitsPerMonth: econ.unitsPerMonth * (1 + r()),
        otherCostPerUnit: econ.otherCostPerUnit * r(),
        buildCost: econ.buildCost * r(),
      };
      const withEcon = { ...input, economics: summary(econ, latency) };
      const before = VERDICT_RANK[evaluateIdea(withEcon).verdict];
      const after = VERDICT_RANK[evaluateIdea({ ...input, economics: summary(better, latency * r()) }).verdict];
      expect(after, JSON.stringify({ econ, better })).toBeGreaterThanOrEqual(before);
    }
  });

  it("missing evidence never yields go", () => {
    const r = rng(78);
    let checked = 0;
    for (let n = 0; n < CASES; n++) {
      const { input } = generate(r);
      const missing =
        !input.team ||
        !input.opportunity ||
        !input.prototype ||
        !input.economics ||
        !input.assumptions!.some((a) => a.importance === "critical") ||
        input.assumptions!.some((a) => a.importance === "critical" && a.status !== "validated");
      if (!missing) continue;
      checked++;
      expect(evaluateIdea(input).verdict, JSON.stringify(input)).not.toBe("go");
    }
    expect(checked).toBeGreaterThan(CASES / 2);
  });
});

function proofTrusted(n: number) {
  return n >= 30;
}
