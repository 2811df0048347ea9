import { describe, expect, it } from "vitest";
import { groupOpportunities, type OpportunityOption } from "./opportunity-groups";

const opt = (ref: string, industry: string, en: string, shortlisted = false): OpportunityOption => ({
  ref,
  industry,
  title: { en, zh: en },
  shortlisted,
});

describe("the idea form's opportunity groups", () => {
  const options = [
    opt("finance.b", "finance", "Zeta scoring"),
    opt("healthcare.a", "healthcare", "Triage", true),
    opt("finance.a", "finance", "Audit assistant", true),
    opt("healthcare.b", "healthcare", "Imaging"),
  ];

  it("puts the shortlist first, then each industry in the map's order, titles sorted", () => {
    const groups = groupOpportunities(options, ["healthcare", "finance"], "en");
    expect(groups.map((g) => (g.kind === "shortlist" ? "shortlist" : g.industry))).toEqual(["shortlist", "healthcare", "finance"]);
    expect(groups[0]!.options.map((o) => o.ref)).toEqual(["finance.a", "healthcare.a"]);
    expect(groups[1]!.options.map((o) => o.ref)).toEqual(["healthcare.b", "healthcare.a"]);
    expect(groups[2]!.options.map((o) => o.ref)).toEqual(["finance.a", "finance.b"]);
  });

  it("has no shortlist group when nothing is shortlisted, and keeps an unknown industry at the end", () => {
    const groups = groupOpportunities([opt("x.a", "space", "Orbit"), opt("finance.a", "finance", "Audit")], ["finance"], "en");
    expect(groups.map((g) => (g.kind === "shortlist" ? "shortlist" : g.industry))).toEqual(["finance", "space"]);
  });
});
