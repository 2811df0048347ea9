/**
 * What the float16 download costs in answers, as measured on the benchmark sets (docs/BENCHMARKS.md,
 * "Float16 export on the new features": Twemoji and digits, block-10 features): the product's model
 * exported as usual and with float16 weights, both run with the server's preprocessing on the test images.
 * Shown next to the download option. Update with the benchmark.
 */
export const FLOAT16_MEASURED = {
  measuredOn: "2026-11-30",
  /** Test images over all benchmark sets. */
  images: 754,
  /** Of those, answered with the same most likely class as the full export. */
  sameTop1: 749,
  maxProbabilityDifference: 0.13,
  /** float16 zip size / full zip size, the largest over the sets (0.4 MB of 1.0 MB, sizes rounded to 0.1 MB). */
  sizeShare: 0.4,
} as const;
