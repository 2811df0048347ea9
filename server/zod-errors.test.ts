import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZExperimentPlan } from "@/server/ideas/experiments";
import { INPUT_REASONS, inputErrorsOf } from "./zod-errors";

const reasonsOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected the value to be refused");
  return inputErrorsOf(parsed.error).reasons;
};

describe("invalid input as translatable reasons", () => {
  it("turns zod's length and range checks into reasons with their bound, not 'Too big: expected string…'", () => {
    const schema = z.object({
      name: z.string().max(80),
      title: z.string().min(2),
      note: z.string().trim().min(1, { error: "Write something first" }),
      epochs: z.number().int().min(1).max(500),
      tags: z.array(z.string()).max(2),
    });
    expect(reasonsOf(schema, { name: "x".repeat(81), title: "a", note: " ", epochs: 501, tags: ["a", "b", "c"] })).toEqual({
      name: { reason: "tooLong", details: { max: 80 } },
      title: { reason: "tooShort", details: { min: 2 } },
      note: { reason: "required" },
      epochs: { reason: "tooLarge", details: { max: 500 } },
      tags: { reason: "tooManyItems", details: { max: 2 } },
    });
  });

  it("names emails, choices and whole numbers", () => {
    const schema = z.object({ email: z.email(), kind: z.enum(["a", "b"]), count: z.number().int() });
    expect(reasonsOf(schema, { email: "nope", kind: "c", count: 1.5 })).toEqual({
      email: { reason: "invalidEmail" },
      kind: { reason: "invalidChoice" },
      count: { reason: "notWhole" },
    });
  });

  it("keeps the English messages for API clients and keys nested fields by their full path", () => {
    const errors = inputErrorsOf(
      z.object({ settings: z.object({ epochs: z.number().max(5) }) }).safeParse({ settings: { epochs: 9 } }).error!,
    );
    expect(Object.keys(errors.fieldErrors)).toEqual(["settings.epochs"]);
    expect(errors.reasons["settings.epochs"]).toEqual({ reason: "tooLarge", details: { max: 5 } });
  });

  it("gives the experiment plan's own checks their reasons (they were English-only sentences)", () => {
    const plan = { assumptionId: "a1", kind: "prototype", threshold: 2, prototypeMetric: "recall" };
    expect(reasonsOf(ZExperimentPlan, plan)).toMatchObject({
      prototypeId: { reason: "choosePrototype" },
      targetClass: { reason: "chooseTargetClass" },
      threshold: { reason: "proportionRange" },
    });
    expect(reasonsOf(ZExperimentPlan, { assumptionId: "a1", kind: "interviews", threshold: 3 })).toMatchObject({
      metric: { reason: "sayWhatYouCount" },
    });
  });

  it("an unnamed custom check reads as 'invalid', never as its English message", () => {
    const schema = z.object({ x: z.string().refine(() => false, { error: "internal words" }) });
    expect(reasonsOf(schema, { x: "a" })).toEqual({ x: { reason: "invalid" } });
  });

  it.each(["en", "zh"])("every reason has a sentence in %s", (locale) => {
    const common = JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, "common.json"), "utf8")) as {
      errors: { input: Record<string, string> };
    };
    expect(INPUT_REASONS.filter((r) => !common.errors.input[r])).toEqual([]);
  });
});
