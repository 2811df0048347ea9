import { FACTORS, type FactorKey } from "./dataset-schema";
import type { CustomOpportunityFields } from "./custom";

/** Valid custom-opportunity fields for tests and fixtures; override what a test is about. */
export function customOpportunityFields(overrides: Partial<CustomOpportunityFields> = {}): CustomOpportunityFields {
  return {
    industry: "education",
    title: "Tutoring for vocational schools",
    description: "An AI tutor for apprentices' theory lessons",
    useCases: ["Explain wiring diagrams step by step", "Quiz apprentices before their exams"],
    customers: "Vocational schools and chambers of commerce",
    stage: "emerging",
    value: null,
    factors: Object.fromEntries(FACTORS.map((f) => [f, { score: 3, rationale: `Our view of ${f}` }])) as Record<
      FactorKey,
      { score: number; rationale: string }
    >,
    requiredProfile: { customer_insight: 2, market_sensing: 1, resilience: 1 },
    ...overrides,
  };
}
