import { describe, expect, it } from "vitest";
import { FACETS, type FacetProfile } from "./facets";
import { compareSelfWithOthers, developmentFocus, GAP_THRESHOLD, gapKind, MIN_RATERS } from "./self-vs-others";

const self = Object.fromEntries(FACETS.map((f) => [f, 50])) as FacetProfile;

describe("self vs others", () => {
  it("shows no raters' mean with two raters, only that one more is needed", () => {
    const two = compareSelfWithOthers(self, [{ resilience: 80 }, { resilience: 90 }]);
    expect(two.resilience).toEqual({ status: "needs_one_more", self: 50, raters: 2 });
    expect("othersMean" in two.resilience).toBe(false);
    expect(compareSelfWithOthers(self, [{ resilience: 80 }]).resilience).toEqual({ status: "too_few", self: 50, raters: 1 });
    expect(compareSelfWithOthers(self, []).delegation).toEqual({ status: "too_few", self: 50, raters: 0 });
  });

  it("counts per facet only the raters who scored that facet", () => {
    const raters = [{ resilience: 80, delegation: 40 }, { resilience: 70, delegation: 30 }, { resilience: 60 }];
    const c = compareSelfWithOthers(self, raters);
    expect(c.resilience.status).toBe("shown");
    expect(c.delegation).toEqual({ status: "needs_one_more", self: 50, raters: 2 });
  });

  it("computes the mean, the spread and the gap (others − self) from three raters", () => {
    const c = compareSelfWithOthers({ ...self, resilience: 55, delegation: 80, vision_communication: 62.5 }, [
      { resilience: 80, delegation: 40, vision_communication: 60 },
      { resilience: 70, delegation: 50, vision_communication: 65 },
      { resilience: 60, delegation: 75, vision_communication: 70 },
    ]);
    // resilience: mean 70, SD 10, gap 70 − 55 = +15 → others see more than the founder does.
    expect(c.resilience).toEqual({
      status: "shown",
      self: 55,
      raters: 3,
      othersMean: 70,
      spread: { sd: 10, min: 60, max: 80 },
      gap: 15,
      kind: "hidden_strength",
    });
    // delegation: mean 55, gap 55 − 80 = −25 → a blind spot; SD of 40, 50, 75 = 18.0.
    expect(c.delegation).toMatchObject({ othersMean: 55, gap: -25, kind: "blind_spot", spread: { sd: 18, min: 40, max: 75 } });
    // vision: mean 65, gap +2.5 → aligned.
    expect(c.vision_communication).toMatchObject({ othersMean: 65, gap: 2.5, kind: "aligned" });
  });

  it("classifies gaps at the threshold", () => {
    expect(gapKind(GAP_THRESHOLD)).toBe("hidden_strength");
    expect(gapKind(GAP_THRESHOLD - 0.1)).toBe("aligned");
    expect(gapKind(-GAP_THRESHOLD)).toBe("blind_spot");
    expect(MIN_RATERS).toBe(3);
  });

  it("shows others' mean without a self result, with no gap", () => {
    const c = compareSelfWithOthers(null, [{ resilience: 60 }, { resilience: 60 }, { resilience: 90 }]);
    expect(c.resilience).toMatchObject({ status: "shown", self: null, othersMean: 70, gap: null, kind: null });
  });

  it("ranks the development focus by others' view where it is shown", () => {
    // The founder rates delegation highest (90) but raters put it lowest (20): it comes first.
    const mine = { ...self, delegation: 90, resilience: 30, monetisation: 35, market_sensing: 40 };
    const c = compareSelfWithOthers(mine, [{ delegation: 20 }, { delegation: 20 }, { delegation: 20 }]);
    const focus = developmentFocus(c, (f) => [{ en: `${f} tip`, zh: `${f} 建议` }]);
    expect(focus.map((f) => [f.facet, f.score, f.source])).toEqual([
      ["delegation", 20, "others"],
      ["resilience", 30, "self"],
      ["monetisation", 35, "self"],
    ]);
    expect(focus[0]!.tips[0]!.en).toBe("delegation tip");
  });
});
