import { deriveSeed, mulberry32, shuffleInPlace } from "../runtime/train/prng.mjs";

export interface SplitResult {
  /** Indices into the labels, ascending. */
  train: number[];
  validation: number[];
  /** Held out from everything that trains or chooses (epochs, candidates): what a run reports. Ascending. */
  test: number[];
  /** Plain sentences about classes too small to split as asked. */
  warnings: string[];
}

/** A class needs this many images before one is set aside for testing (one to train, one to validate, one to test). */
export const MIN_IMAGES_FOR_TEST = 3;

/**
 * Splits every class separately (stratified) into training, validation and test parts.
 * The test part is drawn first, from its own random stream, and never trains or chooses
 * anything; validation (early stopping, model choice) comes out of what is left. The same
 * labels and seed give the same split, and one class gaining images does not reshuffle the
 * others. With `testShare` 0 the split is the two-way one older runs used.
 * A class with 2+ images keeps at least one in training and one in validation; a class with
 * a single image can only be trained on; a class with fewer than three gives none to the test.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  options: {
    validationShare: number;
    testShare?: number;
    seed: number;
    /**
     * Samples to hold out for testing before the others, within each class's test share (still in
     * seeded random order among themselves): images from the field, the data the test should resemble.
     */
    preferTest?: ArrayLike<boolean>;
  },
): SplitResult {
  const { validationShare, seed } = options;
  const testShare = options.testShare ?? 0;
  if (!(validationShare >= 0 && validationShare < 1)) throw new Error(`validationShare must be in [0, 1), got ${validationShare}`);
  if (!(testShare >= 0 && testShare < 1)) throw new Error(`testShare must be in [0, 1), got ${testShare}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    let members = byClass.get(label);
    if (!members) byClass.set(label, (members = []));
    members.push(i);
  }
  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  const warnings: string[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    let members = byClass.get(label)!;
    if (testShare > 0) {
      if (members.length >= MIN_IMAGES_FOR_TEST) {
        let shuffled = shuffleInPlace([...members], mulberry32(deriveSeed(seed, "test", label)));
        const prefer = options.preferTest;
        if (prefer) shuffled = [...shuffled.filter((i) => prefer[i]), ...shuffled.filter((i) => !prefer[i])];
        const held = Math.min(Math.max(Math.round(members.length * testShare), 1), members.length - 2);
        test.push(...shuffled.slice(0, held));
        members = shuffled.slice(held).sort((a, b) => a - b);
      } else {
        warnings.push(`class ${label} has ${members.length} image(s): none set aside for testing`);
      }
    }
    members = [...members];
    shuffleInPlace(members, mulberry32(deriveSeed(seed, "split", label)));
    let held = Math.round(members.length * validationShare);
    if (validationShare > 0 && members.length >= 2) held = Math.min(Math.max(held, 1), members.length - 1);
    if (validationShare > 0 && members.length < 2)
      warnings.push(`class ${label} has ${members.length} image(s): none held out for validation`);
    validation.push(...members.slice(0, held));
    train.push(...members.slice(held));
  }
  const ascending = (a: number, b: number) => a - b;
  return { train: train.sort(ascending), validation: validation.sort(ascending), test: test.sort(ascending), warnings };
}
