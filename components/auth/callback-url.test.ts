import { describe, expect, it } from "vitest";
import { safeCallback } from "./callback-url";

const ORIGIN = "http://localhost:3000";

describe("safeCallback", () => {
  it("keeps pages of this site, with their query and fragment", () => {
    expect(safeCallback("/w/acme", ORIGIN)).toBe("/w/acme");
    expect(safeCallback("/invite/abc?x=1#top", ORIGIN)).toBe("/invite/abc?x=1#top");
    expect(safeCallback("http://localhost:3000/w", ORIGIN)).toBe("/w");
  });

  it("refuses the payloads that passed the old string check", () => {
    // As URLSearchParams decodes them from ?callbackUrl=/%5Cevil.example/ and ?callbackUrl=/%09/evil.example/
    expect(safeCallback("/\\evil.example/", ORIGIN)).toBe("/w");
    expect(safeCallback("/\t/evil.example/", ORIGIN)).toBe("/w");
    expect(safeCallback("/\n/evil.example/", ORIGIN)).toBe("/w");
  });

  it("refuses other origins, schemes and ports", () => {
    for (const bad of ["//evil.example", "https://evil.example/w", "javascript:alert(1)", "http://localhost:3001/w", "\\\\evil.example"])
      expect(safeCallback(bad, ORIGIN), bad).toBe("/w");
  });

  it("falls back when there is nothing to follow", () => {
    expect(safeCallback(null, ORIGIN)).toBe("/w");
    expect(safeCallback("", ORIGIN, "/w/mine")).toBe("/w/mine");
  });
});
