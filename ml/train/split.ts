import { deriveSeed, mulberry32, shuffleInPlace } from "./prng.mjs";

export interface SplitResult {
  /** Indices into the labels, ascending. */
  train: number[];
  validation: number[];
  /** Plain sentences about classes too small to split as asked. */
  warnings: string[];
}

/**
 * Holds out `validationShare` of every class separately, so each class is in
 * the validation set in proportion (stratified). The same labels and seed give
 * the same split, whatever order the caller's other random choices take.
 * A class with 2+ images keeps at least one on each side; a class with a single
 * image can only be trained on.
 */
export function stratifiedSplit(labels: ArrayLike<number>, options: { validationShare: number; seed: number }): SplitResult {
  const { validationShare, seed } = options;
  if (!(validationShare >= 0 && validationShare < 1)) throw new Error(`validationShare must be in [0, 1), got ${validationShare}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    let members = byClass.get(label);
    if (!members) byClass.set(label, (members = []));
    members.push(i);
  }
  const train: number[] = [];
  const validation: number[] = [];
  const warnings: string[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label)!;
    shuffleInPlace(members, mulberry32(deriveSeed(seed, "split", label)));
    let held = Math.round(members.length * validationShare);
    if (validationShare > 0 && members.length >= 2) held = Math.min(Math.max(held, 1), members.length - 1);
    if (validationShare > 0 && members.length < 2)
      warnings.push(`class ${label} has ${members.length} image(s): none held out for validation`);
    validation.push(...members.slice(0, held));
    train.push(...members.slice(held));
  }
  return { train: train.sort((a, b) => a - b), validation: validation.sort((a, b) => a - b), warnings };
}
