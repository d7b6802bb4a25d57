/**
 * Fixed-size bit sets packed 32 to a `Uint32Array` word, the working
 * representation of rows and columns inside the miner. Several sets of the
 * same size share one array: set `i` occupies words `i * words` to
 * `(i + 1) * words - 1`, so the helpers take an array and a word offset.
 */

/** Number of 32-bit words that hold `size` bits. */
export function wordCount(size: number): number {
  return (size + 31) >>> 5;
}

export function setBit(bits: Uint32Array, offset: number, index: number) {
  bits[offset + (index >>> 5)]! |= 1 << (index & 31);
}

export function clearBit(bits: Uint32Array, offset: number, index: number) {
  bits[offset + (index >>> 5)]! &= ~(1 << (index & 31));
}

export function hasBit(
  bits: Uint32Array,
  offset: number,
  index: number,
): boolean {
  return ((bits[offset + (index >>> 5)]! >>> (index & 31)) & 1) === 1;
}

/** Whether every bit of set `a` is also set in `b`. */
export function isSubset(
  a: Uint32Array,
  aOffset: number,
  b: Uint32Array,
  bOffset: number,
  words: number,
): boolean {
  for (let w = 0; w < words; w++) {
    if ((a[aOffset + w]! & ~b[bOffset + w]!) !== 0) return false;
  }
  return true;
}

/** Whether sets `a` and `b` share at least one bit. */
export function intersects(
  a: Uint32Array,
  aOffset: number,
  b: Uint32Array,
  bOffset: number,
  words: number,
): boolean {
  for (let w = 0; w < words; w++) {
    if ((a[aOffset + w]! & b[bOffset + w]!) !== 0) return true;
  }
  return false;
}

/** Number of set bits in one 32-bit word. */
export function popcount32(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of set bits of one set. */
export function popcount(
  bits: Uint32Array,
  offset: number,
  words: number,
): number {
  let count = 0;
  for (let w = 0; w < words; w++) count += popcount32(bits[offset + w]!);
  return count;
}

/** Indices of the set bits of one set, ascending. */
export function bitIndices(
  bits: Uint32Array,
  offset: number,
  words: number,
): number[] {
  const result: number[] = [];
  for (let w = 0; w < words; w++) {
    let word = bits[offset + w]!;
    while (word !== 0) {
      const low = word & -word;
      result.push((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
  return result;
}
