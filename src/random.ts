/**
 * A seeded source of uniform numbers in [0, 1): mulberry32, 32 bits of
 * state, period 2^32. Each call to `createRandom` owns its state, so two
 * analyses never share a stream.
 *
 * @example
 * const random = createRandom(7);
 * random(); // 0.... (the same value for seed 7 on every platform)
 */
export type RandomSource = () => number;

export function createRandom(seed: number): RandomSource {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns a uniform integer in [0, bound). */
export function randomInt(random: RandomSource, bound: number): number {
  return Math.floor(random() * bound);
}

/** Returns a new array with the items in a seeded random order. */
export function shuffled<T>(random: RandomSource, items: readonly T[]): T[] {
  const result = items.slice();
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const swap = result[i] as T;
    result[i] = result[j] as T;
    result[j] = swap;
  }
  return result;
}
