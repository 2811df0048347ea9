export interface Prediction {
  label: string;
  index: number;
  probability: number;
}

/** The k most probable classes, highest first; equal probabilities keep class order. */
export function topK(probabilities: ArrayLike<number>, classes: string[], k = 3): Prediction[] {
  if (probabilities.length !== classes.length) {
    throw new Error(`${probabilities.length} probabilities for ${classes.length} classes`);
  }
  return classes
    .map((label, index) => ({ label, index, probability: probabilities[index]! }))
    .sort((a, b) => b.probability - a.probability || a.index - b.index)
    .slice(0, Math.max(0, k));
}
