/**
 * "Balanced" class weights, n / (k · n_c): a class with half the average number
 * of images counts twice per image, so every class weighs the same in the loss.
 * Classes absent from the training labels get weight 0 (they cannot be learnt).
 */
export function balancedClassWeights(labels: ArrayLike<number>, classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= classCount)
      throw new Error(`label ${label} is not a class index 0..${classCount - 1}`);
    counts[label]! += 1;
  }
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? labels.length / (present * c) : 0));
}
