import type { ZodError } from "zod";

/** Why one field was refused, as a key the UI translates (`common.errors.input.<reason>`) and its ICU arguments. */
export interface InputIssue {
  reason: InputReason;
  details?: Record<string, number>;
}

/** What the error formatter sends for invalid input: messages keyed by the field's full path. */
export interface InputErrors {
  /** Messages about the input as a whole (no path). English: for API clients and logs, not for pages. */
  formErrors: string[];
  /** Messages per field, keyed by dotted path: `"name"`, `"settings.epochs"`, `"images.3"`. English, as above. */
  fieldErrors: Record<string, string[]>;
  /** The first issue per field (`""` for the input as a whole) as a translatable reason: what pages show. */
  reasons: Record<string, InputIssue>;
}

/**
 * Every reason a refused input can carry. Generic ones come from zod's issue codes; custom checks
 * (`ctx.addIssue` / `.refine`) name theirs with `params: { reason }`, which must be listed here so
 * that a test can hold every one to an en and a zh sentence.
 */
export const INPUT_REASONS = [
  "required",
  "tooShort",
  "tooLong",
  "tooSmall",
  "tooLarge",
  "tooFewItems",
  "tooManyItems",
  "notWhole",
  "invalidEmail",
  "invalidChoice",
  "invalid",
  // custom checks
  "lowAboveHigh",
  "estimateNote",
  "chooseFacets",
  "choosePrototype",
  "chooseMetric",
  "chooseTargetClass",
  "proportionRange",
  "sayWhatYouCount",
  "classNamesDiffer",
] as const;
export type InputReason = (typeof INPUT_REASONS)[number];

const isReason = (value: unknown): value is InputReason => INPUT_REASONS.includes(value as InputReason);

type Issue = ZodError["issues"][number];

/** The translatable reason of one zod issue; unknown shapes fall back to "invalid" (never the validator's English). */
function issueReason(issue: Issue): InputIssue {
  const num = (v: unknown) => Number(v);
  switch (issue.code) {
    case "too_small": {
      const min = num(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? { reason: "required" } : { reason: "tooShort", details: { min } };
      if (issue.origin === "array" || issue.origin === "set") return { reason: "tooFewItems", details: { min } };
      return { reason: "tooSmall", details: { min } };
    }
    case "too_big": {
      const max = num(issue.maximum);
      if (issue.origin === "string") return { reason: "tooLong", details: { max } };
      if (issue.origin === "array" || issue.origin === "set") return { reason: "tooManyItems", details: { max } };
      return { reason: "tooLarge", details: { max } };
    }
    case "invalid_format":
      return { reason: issue.format === "email" ? "invalidEmail" : "invalid" };
    case "invalid_value":
      return { reason: "invalidChoice" };
    case "invalid_type":
      return { reason: issue.expected === "int" ? "notWhole" : "invalid" };
    case "custom": {
      const reason = (issue.params as { reason?: unknown } | undefined)?.reason;
      return { reason: isReason(reason) ? reason : "invalid" };
    }
    default:
      return { reason: "invalid" };
  }
}

/**
 * Like `z.flattenError`, but keyed by the whole path: flattening by the first key alone would
 * file an error in `settings.epochs` under `settings`, where no form field can show it.
 */
export function inputErrorsOf(error: ZodError): InputErrors {
  const out: InputErrors = { formErrors: [], fieldErrors: {}, reasons: {} };
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (issue.path.length === 0) out.formErrors.push(issue.message);
    else (out.fieldErrors[key] ??= []).push(issue.message);
    out.reasons[key] ??= issueReason(issue);
  }
  return out;
}
