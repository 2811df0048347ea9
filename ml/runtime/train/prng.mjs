// @ts-check
// Seeded randomness for everything a run shuffles or samples, so a run can be
// repeated exactly from its seed. Plain JavaScript: the training worker uses it too.

/**
 * mulberry32: a small, fast 32-bit generator, good enough for shuffling and
 * augmentation (not for cryptography).
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed for one purpose derived from the run's seed, so that e.g. the split
 * does not change when the number of epochs (and so of shuffles) changes.
 * @param {number} seed
 * @param {...(string | number)} purpose
 */
export function deriveSeed(seed, ...purpose) {
  // FNV-1a over the seed and the purpose labels.
  let h = 0x811c9dc5;
  for (const ch of `${seed >>> 0}:${purpose.join(":")}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Fisher–Yates shuffle in place.
 * @template T
 * @param {T[]} items
 * @param {() => number} random
 * @returns {T[]}
 */
export function shuffleInPlace(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i];
    items[i] = /** @type {T} */ (items[j]);
    items[j] = /** @type {T} */ (tmp);
  }
  return items;
}
