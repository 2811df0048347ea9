import { describe, expect, it } from "vitest";
import { parsePerClass } from "./sets";

describe("parsePerClass", () => {
  it("gives every set the same count, or per set with a default for the rest", () => {
    expect(parsePerClass("100", ["shapes", "emoji"])).toEqual(
      new Map([
        ["shapes", 100],
        ["emoji", 100],
      ]),
    );
    expect(parsePerClass("100,emoji=all,digits=300", ["shapes", "digits", "emoji"])).toEqual(
      new Map([
        ["shapes", 100],
        ["digits", 300],
        ["emoji", Number.POSITIVE_INFINITY],
      ]),
    );
    expect(parsePerClass("all", ["digits", "emoji"]).get("digits")).toBe(Number.POSITIVE_INFINITY);
  });

  it("refuses what it cannot honour, naming the problem", () => {
    expect(() => parsePerClass("all", ["shapes"])).toThrow(/generated sets need a number/);
    expect(() => parsePerClass("emoji=all", ["digits", "emoji"])).toThrow(/no count for digits/);
    expect(() => parsePerClass("100,emojis=all", ["emoji"])).toThrow(/unknown set "emojis"/);
    expect(() => parsePerClass("ten", ["emoji"])).toThrow(/neither "all" nor a whole number/);
    expect(() => parsePerClass("2", ["emoji"])).toThrow(/at least 3/);
    expect(() => parsePerClass("100,200", ["emoji"])).toThrow(/two counts/);
  });
});
