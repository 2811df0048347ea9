import { describe, expect, it } from "vitest";
import { toggled } from "./toggled";

describe("toggled", () => {
  it("adds an id that is not selected and takes out one that is, leaving the original set alone", () => {
    const selected = new Set(["a", "b"]);
    expect([...toggled(selected, "c")]).toEqual(["a", "b", "c"]);
    expect([...toggled(selected, "a")]).toEqual(["b"]);
    expect([...selected]).toEqual(["a", "b"]);
  });
});
