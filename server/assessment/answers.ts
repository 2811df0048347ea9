import { DomainError } from "@/server/errors";
import { LIKERT_MAX, LIKERT_MIN, type Instrument } from "./instrument-schema";

/** The answer "not applicable yet", accepted only by items that allow it (`notApplicableYet`). */
export const NOT_APPLICABLE = "na";

/**
 * An attempt's answers, keyed by item id: a Likert item takes an integer 1–5 (or NOT_APPLICABLE
 * where the item allows it), a situational item the id of the chosen option. Typed loosely on input because answers arrive from JSON columns
 * and request bodies; `checkAnswers` is the gate.
 */
export type Answers = Readonly<Record<string, unknown>>;

export interface InvalidAnswer {
  itemId: string;
  reason: "likert_out_of_range" | "unknown_option" | "not_applicable_not_offered";
}

export interface AnswerIssues {
  /** Items of the instrument with no answer, in instrument order. */
  missing: string[];
  /** Answers of the wrong type or out of range, in instrument order. */
  invalid: InvalidAnswer[];
  /** Answer keys that are not items of this instrument version, sorted. */
  unknown: string[];
}

/**
 * Thrown instead of scoring an attempt that is incomplete or carries values the instrument
 * cannot score; scoring partial data silently would publish a profile the founder never gave.
 */
export class InvalidAnswersError extends DomainError {
  readonly missing: string[];
  readonly invalid: InvalidAnswer[];
  readonly unknown: string[];

  constructor(instrumentVersion: number, issues: AnswerIssues) {
    const parts = [
      issues.missing.length ? `missing answers for ${issues.missing.join(", ")}` : "",
      issues.invalid.length ? `invalid answers for ${issues.invalid.map((i) => i.itemId).join(", ")}` : "",
      issues.unknown.length ? `unknown items ${issues.unknown.join(", ")}` : "",
    ].filter(Boolean);
    super("BAD_REQUEST", "invalidAnswers", `Cannot score the attempt on instrument v${instrumentVersion}: ${parts.join("; ")}`, {
      instrumentVersion,
      ...issues,
    });
    this.name = "InvalidAnswersError";
    this.missing = issues.missing;
    this.invalid = issues.invalid;
    this.unknown = issues.unknown;
  }
}

function answerOf(answers: Answers, itemId: string): unknown {
  // Own properties only: a key such as "constructor" must not resolve to Object.prototype.
  return Object.hasOwn(answers, itemId) ? answers[itemId] : undefined;
}

/**
 * Lists what is wrong with a set of answers. `complete: false` skips the missing check, for
 * autosaving a partial attempt; anything present must still be valid.
 */
export function checkAnswers(instrument: Instrument, answers: Answers, { complete = true } = {}): AnswerIssues {
  const missing: string[] = [];
  const invalid: InvalidAnswer[] = [];
  const itemIds = new Set<string>();

  for (const item of instrument.items) {
    itemIds.add(item.id);
    const value = answerOf(answers, item.id);
    if (value === undefined || value === null) {
      if (complete) missing.push(item.id);
      continue;
    }
    if (item.kind === "likert" && value === NOT_APPLICABLE) {
      if (!item.notApplicableYet) invalid.push({ itemId: item.id, reason: "not_applicable_not_offered" });
    } else if (item.kind === "likert") {
      if (!(Number.isInteger(value) && (value as number) >= LIKERT_MIN && (value as number) <= LIKERT_MAX)) {
        invalid.push({ itemId: item.id, reason: "likert_out_of_range" });
      }
    } else if (typeof value !== "string" || !item.options.some((o) => o.id === value)) {
      invalid.push({ itemId: item.id, reason: "unknown_option" });
    }
  }

  const unknown = Object.keys(answers)
    .filter((key) => !itemIds.has(key))
    .sort();
  return { missing, invalid, unknown };
}

export function hasIssues(issues: AnswerIssues): boolean {
  return issues.missing.length + issues.invalid.length + issues.unknown.length > 0;
}

/** Throws InvalidAnswersError unless every item has a valid answer and nothing else is present. */
function assertCompleteAnswers(instrument: Instrument, answers: Answers): void {
  const issues = checkAnswers(instrument, answers);
  if (hasIssues(issues)) throw new InvalidAnswersError(instrument.version, issues);
}

/**
 * Each item's scored value on the 1–5 scale: Likert answers with reverse keys applied (6 − x),
 * situational items the chosen option's score. Items answered "not applicable yet" have no value
 * (absent from the map). Validates first, so callers never score bad data.
 */
export function scoredItemValues(instrument: Instrument, answers: Answers): Map<string, number> {
  assertCompleteAnswers(instrument, answers);
  const values = new Map<string, number>();
  for (const item of instrument.items) {
    const value = answerOf(answers, item.id);
    if (item.kind === "likert") {
      if (value === NOT_APPLICABLE) continue;
      const answer = value as number;
      values.set(item.id, item.reverse ? LIKERT_MIN + LIKERT_MAX - answer : answer);
    } else {
      const option = item.options.find((o) => o.id === value);
      if (!option) throw new Error(`unreachable: option ${String(value)} validated for ${item.id}`);
      values.set(item.id, option.score);
    }
  }
  return values;
}
