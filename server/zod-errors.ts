import type { ZodError } from "zod";

/** What the error formatter sends for invalid input: messages keyed by the field's full path. */
export interface InputErrors {
  /** Messages about the input as a whole (no path). */
  formErrors: string[];
  /** Messages per field, keyed by dotted path: `"name"`, `"settings.epochs"`, `"images.3"`. */
  fieldErrors: Record<string, string[]>;
}

/**
 * Like `z.flattenError`, but keyed by the whole path: flattening by the first key alone would
 * file an error in `settings.epochs` under `settings`, where no form field can show it.
 */
export function inputErrorsOf(error: ZodError): InputErrors {
  const out: InputErrors = { formErrors: [], fieldErrors: {} };
  for (const issue of error.issues) {
    if (issue.path.length === 0) out.formErrors.push(issue.message);
    else (out.fieldErrors[issue.path.map(String).join(".")] ??= []).push(issue.message);
  }
  return out;
}
