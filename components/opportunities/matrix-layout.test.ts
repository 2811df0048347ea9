import { describe, expect, it } from "vitest";
import { fitRange, fitShare, placeLabels, shorten, ticksFor, zoomedDomain, type Bubble } from "./matrix-layout";

describe("zoomedDomain", () => {
  it("zooms to the data with padding, keeping the midpoint in view", () => {
    expect(zoomedDomain([27, 61, 84])).toEqual([20, 90]);
    expect(zoomedDomain([70, 80])).toEqual([45, 85]);
  });
  it("stays inside 0–100", () => {
    expect(zoomedDomain([0, 100])).toEqual([0, 100]);
  });
});

describe("ticksFor", () => {
  it("gives round, evenly spaced ticks", () => {
    expect(ticksFor([20, 90])).toEqual([20, 40, 60, 80]);
    expect(ticksFor([45, 70])).toEqual([45, 50, 55, 60, 65, 70]);
  });
});

describe("fitRange", () => {
  it("spans the fits shown, ignoring missing ones", () => {
    expect(fitRange([45.2, null, 59.7])).toEqual([45, 60]);
    expect(fitRange([null])).toBeNull();
  });
  it("is at least ten points wide so nearly equal fits do not look far apart", () => {
    expect(fitRange([52, 54])).toEqual([48, 58]);
    expect(fitRange([99, 100])).toEqual([90, 100]);
  });
  it("puts the lowest fit shown at one end of the colour scale and the highest at the other", () => {
    expect(fitShare(45, [45, 60])).toBe(0);
    expect(fitShare(60, [45, 60])).toBe(1);
  });
});

describe("shorten", () => {
  it("keeps short titles and cuts long ones with an ellipsis", () => {
    expect(shorten("AI tutor", 10)).toBe("AI tutor");
    expect(shorten("Automated invoice reconciliation", 12)).toBe("Automated i…");
  });
});

describe("placeLabels", () => {
  const bounds = { x: 0, y: 0, w: 400, h: 300 };
  const bubble = (id: string, cx: number, cy: number): Bubble => ({ id, cx, cy, r: 6, text: `Label ${id}` });

  it("puts a lone label to the right of its bubble", () => {
    const [l] = placeLabels([bubble("a", 100, 100)], bounds);
    expect(l).toMatchObject({ id: "a", anchor: "start" });
    expect(l!.x).toBeGreaterThan(106);
  });

  it("moves a label to the left when the right edge would cut it", () => {
    const [l] = placeLabels([bubble("a", 390, 100)], bounds);
    expect(l).toMatchObject({ anchor: "end" });
  });

  it("never lets two labels overlap, leaving out one that fits nowhere", () => {
    const crowd = Array.from({ length: 12 }, (_, i) => bubble(String(i), 200 + (i % 3), 150 + (i % 2)));
    const placed = placeLabels(crowd, bounds);
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.length).toBeLessThan(crowd.length);
    const boxes = placed.map((l) => {
      const w = 7 * 0.58 * 11;
      const x = l.anchor === "start" ? l.x : l.anchor === "end" ? l.x - w : l.x - w / 2;
      return { x, y: l.y - 6.5, w, h: 13 };
    });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, `${i} and ${j} overlap`).toBe(false);
      }
  });

  it("labels the first (most important) bubble first", () => {
    const placed = placeLabels([bubble("top", 200, 150), bubble("next", 201, 151)], bounds);
    expect(placed[0]!.id).toBe("top");
  });

  it("keeps labels off reserved boxes such as the quadrant names", () => {
    const [free] = placeLabels([bubble("a", 100, 100)], bounds);
    expect(free!.anchor).toBe("start");
    const [moved] = placeLabels([bubble("a", 100, 100)], bounds, 11, [{ x: 106, y: 90, w: 80, h: 20 }]);
    expect(moved!.anchor).toBe("end");
  });
});
