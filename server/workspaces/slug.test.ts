import { describe, expect, it } from "vitest";
import { slugify } from "./slug";

describe("slugify", () => {
  it("makes readable URL slugs", () => {
    expect(slugify("Vision Robotics")).toBe("vision-robotics");
    expect(slugify("  Ünïcode & Co.  ")).toBe("unicode-co");
  });
  it("falls back to a random slug for names without Latin letters", () => {
    expect(slugify("智能医疗")).toMatch(/^ws-[0-9a-f]{6}$/);
  });
});
