import { describe, expect, it } from "vitest";
import { mulberry32 } from "../runtime/train/prng.mjs";
import { buildOodReference, decodeOodReference, encodeOodReference, judgeOod, quantile } from "./ood";

const DIM = 64;

/** Embeddings like a backbone's: non-negative (after ReLU and pooling), each class around its own prototype. */
function clusters(classes: number, perClass: number, seed: number, prototypeSeed = 1): Float32Array {
  const proto = mulberry32(prototypeSeed);
  const prototypes = Array.from({ length: classes }, () => Array.from({ length: DIM }, () => (proto() < 0.3 ? proto() * 2 : 0)));
  const random = mulberry32(seed);
  const out = new Float32Array(classes * perClass * DIM);
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      for (let j = 0; j < DIM; j++) out[(c * perClass + i) * DIM + j] = Math.max(0, prototypes[c]![j]! + (random() - 0.5) * 0.6);
    }
  }
  return out;
}

/** The reference's rows in float32: the same seeded subsample of `train`, scaled to unit length. */
function unitRowsForTest(train: Float32Array, reference: { vectors: Float32Array }): Float32Array {
  // Every training row is kept here (120 rows, under the 1,000 cap), in order, so the rows match one to one.
  expect(reference.vectors.length).toBe(train.length);
  const out = new Float32Array(train.length);
  for (let i = 0; i < train.length / DIM; i++) {
    const row = train.subarray(i * DIM, (i + 1) * DIM);
    const norm = Math.hypot(...row);
    for (let j = 0; j < DIM; j++) out[i * DIM + j] = row[j]! / norm;
  }
  return out;
}

function flaggedShare(reference: NonNullable<ReturnType<typeof buildOodReference>>, rows: Float32Array): number {
  let flagged = 0;
  const count = rows.length / DIM;
  for (let i = 0; i < count; i++) if (judgeOod(reference, rows.subarray(i * DIM, (i + 1) * DIM)).outOfDistribution) flagged++;
  return flagged / count;
}

describe("the out-of-distribution hint", () => {
  const reference = buildOodReference({
    train: clusters(3, 40, 2),
    heldOut: clusters(3, 15, 3),
    dim: DIM,
    backboneId: "test",
    seed: 7,
  })!;

  it("does not flag new images like the training images (about 1 − percentile of them at most)", () => {
    expect(reference.heldOut).toBe(45);
    expect(flaggedShare(reference, clusters(3, 50, 4))).toBeLessThanOrEqual(0.12);
  });

  it("flags most images of other kinds: another set's classes, and noise", () => {
    expect(flaggedShare(reference, clusters(3, 30, 5, 99))).toBeGreaterThanOrEqual(0.9);
    const random = mulberry32(11);
    const noise = Float32Array.from({ length: 40 * DIM }, () => random());
    expect(flaggedShare(reference, noise)).toBeGreaterThanOrEqual(0.9);
  });

  it("scores relative to the run's threshold, so the score says how far beyond usual an image is", () => {
    const inside = judgeOod(reference, clusters(3, 1, 6).subarray(0, DIM));
    const random = mulberry32(12);
    const outside = judgeOod(
      reference,
      Float32Array.from({ length: DIM }, () => random()),
    );
    expect(inside.score).toBeLessThan(outside.score);
    expect(outside.score).toBeGreaterThan(1);
  });

  it("keeps no statistics when too few images were held out to say what is usual", () => {
    expect(buildOodReference({ train: clusters(2, 5, 2), heldOut: clusters(2, 2, 3), dim: DIM, backboneId: "t", seed: 1 })).toBeNull();
  });

  it("survives its file format unchanged, in half the bytes of float32", () => {
    const bytes = encodeOodReference(reference);
    const back = decodeOodReference(bytes);
    expect(back).toEqual(reference);
    const probes = clusters(3, 20, 8);
    for (let i = 0; i < 60; i++) {
      const probe = probes.subarray(i * DIM, (i + 1) * DIM);
      expect(judgeOod(back, probe)).toEqual(judgeOod(reference, probe));
    }
    const header = bytes.indexOf(10) + 1;
    expect(bytes.byteLength - header).toBe(reference.vectors.length * 2);
    expect(() => decodeOodReference(bytes.subarray(0, 200))).toThrow();
  });

  it("still reads the float32 files runs wrote before", () => {
    const { vectors, ...header } = reference;
    const old = Buffer.concat([
      Buffer.from(JSON.stringify({ ...header, count: vectors.length / DIM }) + "\n"),
      Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength),
    ]);
    expect(decodeOodReference(old)).toEqual(reference);
  });

  it("judges like float32 vectors would: half precision moves a score by far less than the gap between usual and foreign", () => {
    // The same reference with float32 vectors (what runs stored before): scores within 0.005 of the threshold's scale.
    const exact = { ...reference, vectors: unitRowsForTest(clusters(3, 40, 2), reference) };
    const probes = clusters(3, 20, 9);
    for (let i = 0; i < 60; i++) {
      const probe = probes.subarray(i * DIM, (i + 1) * DIM);
      expect(Math.abs(judgeOod(reference, probe).score - judgeOod(exact, probe).score)).toBeLessThan(0.005);
    }
  });

  it("reads percentiles by interpolation", () => {
    expect(quantile([4, 1, 3, 2, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
  });
});
