import { describe, expect, it } from "vitest";
import { fromFloat16, toFloat16 } from "./float16";

describe("half precision", () => {
  it("rounds to the nearest half-precision value, with IEEE 754's edge cases", () => {
    const input = Float32Array.from([1, -2, 0.1, 65504, 1e6, 1e-8, 0, 6.1e-5, Infinity]);
    expect(Array.from(toFloat16(input))).toEqual([0x3c00, 0xc000, 0x2e66, 0x7bff, 0x7c00, 0, 0, 0x03ff, 0x7c00]);
  });

  it("reads every half-precision value back exactly (all 65,536 bit patterns but NaN's)", () => {
    const all = Uint16Array.from({ length: 0x10000 }, (_, i) => i);
    const values = fromFloat16(all);
    const back = toFloat16(values);
    for (let i = 0; i < all.length; i++) {
      if (Number.isNaN(values[i])) expect((i & 0x7c00) === 0x7c00 && (i & 0x3ff) !== 0).toBe(true);
      else expect(back[i]).toBe(i);
    }
    expect(Array.from(fromFloat16(Uint16Array.from([0x3c00, 0xc000, 0x7bff, 0x0001])))).toEqual([1, -2, 65504, 2 ** -24]);
  });
});
