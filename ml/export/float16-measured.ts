/**
 * What the float16 download costs in answers, as measured on the benchmark sets (docs/BENCHMARKS.md,
 * "Float16 export on the grid features": Twemoji and digits, the default 2 × 2 grid features, both the
 * default optimise step and quick mode): the product's model exported as usual and with float16
 * weights, both run with the server's preprocessing on the test images.
 * Shown next to the download option. Update with the benchmark.
 */
export const FLOAT16_MEASURED = {
  measuredOn: "2026-11-30",
  /** Test images over all benchmark sets. */
  images: 754,
  /** Of those, answered with the same most likely class as the full export. */
  sameTop1: 753,
  maxProbabilityDifference: 0.033,
  /** float16 zip size / full zip size, the largest over the sets (0.4 MB of 1.2 MB, sizes rounded to 0.1 MB). */
  sizeShare: 0.33,
} as const;
