import { describe, expect, it } from "vitest";
import { resultCsv } from "./csv";
import { scoreAttempt } from "./scoring";
import { makeTestInstrument, uniformAnswers } from "./test-instrument";

describe("resultCsv", () => {
  it("defuses tips that a spreadsheet would run as a formula, tab- and CR-led ones included", () => {
    const instrument = makeTestInstrument();
    const result = scoreAttempt(instrument, uniformAnswers(instrument, 3, "b"));
    const [first] = result.blindSpots;
    if (!first) throw new Error("expected a blind spot");
    first.tips = [
      { en: "\t=HYPERLINK(evil)", zh: "\t=HYPERLINK(evil)" },
      { en: "\r=1+1", zh: "\r=1+1" },
    ];
    const csv = resultCsv(result, instrument, { locale: "en", completedAt: new Date("2026-01-02T03:04:05Z") });
    expect(csv).toContain(",'\t=HYPERLINK(evil),");
    expect(csv).toContain(`,"'\r=1+1",`);
    expect(csv).not.toMatch(/,[\t\r]=/);
  });
});
