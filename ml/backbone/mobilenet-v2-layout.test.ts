import { describe, expect, it } from "vitest";
import { makeDivisible, mobileNetV2Layout } from "./mobilenet-v2-layout";

describe("mobileNetV2Layout", () => {
  it("lays out the reference network at width 1: 17 blocks, 10 with a residual, 32 → 320 channels, total stride 32", () => {
    const { stemChannels, blocks } = mobileNetV2Layout(1);
    expect(stemChannels).toBe(32);
    expect(blocks).toHaveLength(17);
    expect(blocks.map((b) => b.index)).toEqual([...Array(17).keys()]);
    expect(blocks.filter((b) => b.residual)).toHaveLength(10);
    expect(blocks.at(-1)!.outChannels).toBe(320);
    // The stem halves the input; four blocks halve it again.
    expect(2 * blocks.reduce((s, b) => s * b.stride, 1)).toBe(32);
  });

  it("chains the blocks: each takes the previous block's width and only the first skips the expansion", () => {
    const { stemChannels, blocks } = mobileNetV2Layout(0.5);
    blocks.forEach((b, i) => {
      expect(b.inChannels).toBe(i === 0 ? stemChannels : blocks[i - 1]!.outChannels);
      expect(b.expands).toBe(i !== 0);
      expect(b.expandedChannels).toBe(b.expands ? b.inChannels * 6 : b.inChannels);
      expect(b.residual).toBe(b.stride === 1 && b.inChannels === b.outChannels);
    });
  });

  it("rounds widths to multiples of 8, never below 8", () => {
    expect(makeDivisible(11.2)).toBe(8);
    expect(makeDivisible(3)).toBe(8);
    expect(makeDivisible(56)).toBe(56);
    expect(makeDivisible(60)).toBe(64);
  });
});
