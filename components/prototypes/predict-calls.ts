/**
 * Packs items into consecutive groups whose sizes add up to at most `max` (an item larger than
 * `max` goes alone: the server then refuses that call with a clear reason). Keeps the order, so
 * the answers line up with the pictures when the groups' results are concatenated.
 */
export function packBySize(sizes: number[], max: number): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let total = 0;
  sizes.forEach((size, i) => {
    if (current.length > 0 && total + size > max) {
      groups.push(current);
      current = [];
      total = 0;
    }
    current.push(i);
    total += size;
  });
  if (current.length > 0) groups.push(current);
  return groups;
}
