import { describe, expect, it } from "vitest";
import { NOT_APPLICABLE } from "./answers";
import { compareOnSharedItems, sharedItemIds } from "./common-items";
import { compareAttempts } from "./compare";
import { FACETS } from "./facets";
import { bundledInstrument } from "./instruments";
import { scoreAttempt } from "./scoring";
import { uniformAnswers } from "./test-instrument";

const v1 = bundledInstrument(1);
const v2 = bundledInstrument(2);

describe("comparing a v1 attempt with a v2 attempt", () => {
  it("shares the unchanged items: all of v1 except the six retired double-barrelled ones", () => {
    expect(sharedItemIds(v1, v2).size).toBe(v1.items.length - 6);
  });

  it("finds no like-for-like change when the shared items were answered alike, whatever the new items say", () => {
    const before = uniformAnswers(v1, 4, "b");
    // Same answers on every shared item; the new v2 items answered very differently.
    const after = Object.fromEntries(v2.items.map((i) => [i.id, i.id in before ? before[i.id] : i.kind === "likert" ? 1 : "a"]));
    const raw = compareAttempts(scoreAttempt(v1, before), scoreAttempt(v2, after));
    expect(raw.sameInstrument).toBe(false);
    expect(FACETS.some((f) => raw.facets[f].change !== 0)).toBe(true); // the raw scores moved because of the new items
    const like = compareOnSharedItems({ instrument: v1, answers: before }, { instrument: v2, answers: after });
    for (const f of FACETS) expect(like.facets[f]?.change, f).toBe(0);
  });

  it("measures a real change on the shared items, computed by hand for one facet", () => {
    const before = uniformAnswers(v1, 3, "b");
    const after = { ...uniformAnswers(v2, 3, "b"), "tv.ai_data_literacy.1": 5, "tv.ai_data_literacy.2": 5 };
    const like = compareOnSharedItems({ instrument: v1, answers: before }, { instrument: v2, answers: after });
    // Shared ai_data_literacy items: .1, .2, .3 (reverse) and tv.sjt.1 (option b). Before: all 3 → 50.
    // After: 5, 5, 3, and option b's score.
    const optionB = v1.items.find((i) => i.id === "tv.sjt.1");
    const b = optionB?.kind === "situational" ? optionB.options.find((o) => o.id === "b")!.score : NaN;
    const mean = (5 + 5 + 3 + b) / 4;
    const beforeMean = (3 + 3 + 3 + b) / 4;
    expect(like.facets.ai_data_literacy).toEqual({
      before: Math.round(((beforeMean - 1) / 4) * 1000) / 10,
      after: Math.round(((mean - 1) / 4) * 1000) / 10,
      change: Math.round(((mean - beforeMean) / 4) * 1000) / 10,
      items: 4,
    });
  });

  it("leaves a facet without a like-for-like change when 'not applicable yet' leaves too few shared items", () => {
    const before = uniformAnswers(v1, 3, "b");
    const after: Record<string, number | string> = uniformAnswers(v2, 3, "b");
    // delegation shares .2, .3, .4 and ld.sjt.1 with v1; answering the three statements N/A leaves one.
    for (const id of ["ld.delegation.2", "ld.delegation.3", "ld.delegation.4"]) after[id] = NOT_APPLICABLE;
    const like = compareOnSharedItems({ instrument: v1, answers: before }, { instrument: v2, answers: after });
    expect(like.facets.delegation).toBeNull();
    expect(like.facets.resilience).not.toBeNull();
  });
});
