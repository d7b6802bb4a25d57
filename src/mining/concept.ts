import { bitIndices, setBit } from "./bitset.js";
import type { MergedMatrix } from "./merged-matrix.js";

/**
 * A role of the merged matrix: every row of `rows` holds every column of
 * `columns` (a biclique). Both lists are ascending merged numbers.
 */
export interface Biclique {
  readonly rows: readonly number[];
  readonly columns: readonly number[];
}

/**
 * Returns the formal concept (maximal biclique) around a set of rows: its
 * columns are all those held by every row of `rows`, its rows all those
 * holding every one of these columns. Returns no rows and no columns
 * when `rows` is empty or its rows share no column.
 * Runs in O(|rows| · columnWords + |columns| · rowWords).
 */
export function conceptOfRows(
  merged: MergedMatrix,
  rows: readonly number[],
): Biclique {
  const intent = commonBits(merged.rowBits, merged.rowWords, rows);
  const columns = bitIndices(intent, 0, merged.rowWords);
  const extent = commonBits(merged.columnBits, merged.columnWords, columns);
  return { rows: bitIndices(extent, 0, merged.columnWords), columns };
}

/** Returns the concept whose rows are exactly the holders of `column`. */
export function conceptOfColumn(
  merged: MergedMatrix,
  column: number,
): Biclique {
  return conceptOfRows(merged, Array.from(merged.columnRows[column]!));
}

/** Returns the concept whose columns are exactly the grants of `row`. */
export function conceptOfRow(merged: MergedMatrix, row: number): Biclique {
  return conceptOfRows(merged, [row]);
}

/** Intersection of the sets `indices` of a packed array of bit sets. */
function commonBits(
  packed: Uint32Array,
  words: number,
  indices: readonly number[],
): Uint32Array {
  const result = new Uint32Array(words);
  if (indices.length === 0) return result;
  result.set(packed.subarray(indices[0]! * words, (indices[0]! + 1) * words));
  for (const index of indices) {
    const offset = index * words;
    for (let w = 0; w < words; w++) result[w]! &= packed[offset + w]!;
  }
  return result;
}

/** Builds a bit set over `size` positions with `positions` set. */
export function bitsOf(size: number, positions: readonly number[]) {
  const bits = new Uint32Array((size + 31) >>> 5);
  for (const position of positions) setBit(bits, 0, position);
  return bits;
}
