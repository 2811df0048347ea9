// Stratified k-fold assignment for cross-validation. Plain JavaScript: the
// training worker runs the selection.
import { deriveSeed, mulberry32, shuffleInPlace } from "./prng.mjs";

/**
 * Splits `rows` (sample indices) into k folds, each class dealt round-robin after a
 * seeded shuffle, so every fold holds about the same share of every class. Only the
 * rows given take part: pass the training rows and the test share can never reach a fold.
 * @param {ArrayLike<number>} labels class per sample (indexed by row)
 * @param {number[]} rows
 * @param {number} k
 * @param {number} seed
 * @returns {number[][]} k lists of rows, each ascending
 */
export function stratifiedFolds(labels, rows, k, seed) {
  if (!(Number.isInteger(k) && k >= 2)) throw new Error(`k must be a whole number ≥ 2, got ${k}`);
  /** @type {Map<number, number[]>} */
  const byClass = new Map();
  for (const row of rows) {
    const label = labels[row];
    const members = byClass.get(label) ?? [];
    members.push(row);
    byClass.set(label, members);
  }
  /** @type {number[][]} */
  const folds = Array.from({ length: k }, () => []);
  // Continue the deal where the previous class stopped, so small classes do not all land in fold 0.
  let next = 0;
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(
      [...byClass.get(label)].sort((a, b) => a - b),
      mulberry32(deriveSeed(seed, "fold", label)),
    );
    for (const row of members) {
      folds[next].push(row);
      next = (next + 1) % k;
    }
  }
  return folds.map((fold) => fold.sort((a, b) => a - b));
}
