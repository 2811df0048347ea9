/** Geometry of the priority matrix: pure functions, unit-tested, no React. */

export type Range = readonly [number, number];

/** Midpoint of the 0–100 scores: the line between "high" and "low" value or feasibility. */
export const SCORE_MID = 50;

/**
 * The axis range for some scores: their min and max with `pad` on each side, always including the
 * midpoint (so the four quadrants stay visible), rounded out to multiples of 5 and kept inside 0–100.
 */
export function zoomedDomain(values: readonly number[], pad = 5): Range {
  const lo = Math.min(SCORE_MID, ...values) - pad;
  const hi = Math.max(SCORE_MID, ...values) + pad;
  return [Math.max(0, Math.floor(lo / 5) * 5), Math.min(100, Math.ceil(hi / 5) * 5)];
}

/** About five round ticks (steps of 5, 10, 20 or 25) inside the range. */
export function ticksFor([lo, hi]: Range): number[] {
  const step = [5, 10, 20, 25].find((s) => (hi - lo) / s <= 6) ?? 25;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
  return out;
}

/** Maps a value in `domain` linearly onto `range` (pixels). */
export function linear([d0, d1]: Range, [r0, r1]: Range) {
  return (v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0));
}

/** The fit range the colour scale spans: the visible fits, at least 10 points wide. */
export function fitRange(fits: readonly (number | null)[]): Range | null {
  const known = fits.filter((f): f is number => f !== null);
  if (known.length === 0) return null;
  let lo = Math.floor(Math.min(...known));
  let hi = Math.ceil(Math.max(...known));
  if (hi - lo < 10) {
    const mid = (lo + hi) / 2;
    lo = Math.max(0, Math.round(mid - 5));
    hi = Math.min(100, lo + 10);
    lo = hi - 10;
  }
  return [lo, hi];
}

/** Where a fit sits inside the colour range, 0–1. */
export function fitShare(fit: number, [lo, hi]: Range): number {
  return Math.max(0, Math.min(1, (fit - lo) / (hi - lo)));
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A label's width in pixels, roughly: CJK characters are about twice as wide as Latin ones. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? fontSize : fontSize * 0.58;
  return w;
}

/** Shortens a label to at most `max` characters, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

export interface Bubble {
  id: string;
  cx: number;
  cy: number;
  r: number;
  text: string;
}

export interface PlacedLabel {
  id: string;
  x: number;
  y: number;
  anchor: "start" | "end" | "middle";
  text: string;
}

/**
 * Greedy label placement: bubbles in the given order (most important first) try right, left, above
 * and below; a label goes where it overlaps no placed label and no other bubble and stays inside
 * `bounds`, clear of the `reserved` boxes (quadrant names). A label that fits nowhere is left out (the bubble keeps its tooltip and table row).
 */
export function placeLabels(bubbles: readonly Bubble[], bounds: Box, fontSize = 11, reserved: readonly Box[] = []): PlacedLabel[] {
  const taken: Box[] = [...reserved];
  const discs = bubbles.map((b) => ({ id: b.id, box: { x: b.cx - b.r, y: b.cy - b.r, w: 2 * b.r, h: 2 * b.r } }));
  const out: PlacedLabel[] = [];
  const h = fontSize + 2;
  for (const b of bubbles) {
    const w = textWidth(b.text, fontSize);
    const gap = 3;
    const candidates: { box: Box; label: Omit<PlacedLabel, "id" | "text"> }[] = [
      { box: { x: b.cx + b.r + gap, y: b.cy - h / 2, w, h }, label: { x: b.cx + b.r + gap, y: b.cy, anchor: "start" } },
      { box: { x: b.cx - b.r - gap - w, y: b.cy - h / 2, w, h }, label: { x: b.cx - b.r - gap, y: b.cy, anchor: "end" } },
      { box: { x: b.cx - w / 2, y: b.cy - b.r - gap - h, w, h }, label: { x: b.cx, y: b.cy - b.r - gap - h / 2, anchor: "middle" } },
      { box: { x: b.cx - w / 2, y: b.cy + b.r + gap, w, h }, label: { x: b.cx, y: b.cy + b.r + gap + h / 2, anchor: "middle" } },
    ];
    const inside = (c: Box) => c.x >= bounds.x && c.y >= bounds.y && c.x + c.w <= bounds.x + bounds.w && c.y + c.h <= bounds.y + bounds.h;
    const spot = candidates.find(
      ({ box }) => inside(box) && !taken.some((t) => overlaps(t, box)) && !discs.some((d) => d.id !== b.id && overlaps(d.box, box)),
    );
    if (!spot) continue;
    taken.push(spot.box);
    out.push({ id: b.id, text: b.text, ...spot.label });
  }
  return out;
}
