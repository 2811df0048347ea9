/**
 * What the float16 download costs in answers, as measured by `npm run bench:quality`
 * (docs/BENCHMARKS.md, "Float16 export"): the product's model exported as usual and with
 * float16 weights, both run with the server's preprocessing on the benchmark sets' test images.
 * Shown next to the download option. Update with the benchmark.
 */
export const FLOAT16_MEASURED = {
  measuredOn: "2026-11-30",
  /** Test images over all benchmark sets. */
  images: 557,
  /** Of those, answered with the same most likely class as the full export. */
  sameTop1: 554,
  maxProbabilityDifference: 0.056,
  /** float16 zip size / full zip size, the largest over the sets. */
  sizeShare: 0.34,
} as const;
