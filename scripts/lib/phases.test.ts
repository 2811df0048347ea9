import { describe, expect, it } from "vitest";
import { parsePhaseResult } from "./phases";

describe("parsePhaseResult", () => {
  it("reads the JSON of the first RESULT line among a phase's other output", () => {
    const stdout = ["loading the model…", 'RESULT {"perSecond":41.5,"threads":2}', 'RESULT {"perSecond":0}', ""].join("\n");
    expect(parsePhaseResult(stdout, "extract")).toEqual({ perSecond: 41.5, threads: 2 });
  });

  it("names the phase and shows its output when it printed no result", () => {
    expect(() => parsePhaseResult("out of memory\n", "extract --workers 2")).toThrow(
      /phase extract --workers 2 printed no result:\nout of memory/,
    );
  });
});
