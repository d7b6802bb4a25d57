import { hasBit } from "./bitset.js";
import type { MergedMatrix } from "./merged-matrix.js";

/**
 * Whether no role can contain both cells: two grants (u1, p1) and
 * (u2, p2) fit one role only if u1 also holds p2 and u2 holds p1.
 */
export function areIncompatible(
  merged: MergedMatrix,
  cellA: number,
  cellB: number,
): boolean {
  const rowA = merged.cellRows[cellA]!;
  const rowB = merged.cellRows[cellB]!;
  const words = merged.rowWords;
  return (
    !hasBit(merged.rowBits, rowA * words, merged.cellColumns[cellB]!) ||
    !hasBit(merged.rowBits, rowB * words, merged.cellColumns[cellA]!)
  );
}

/**
 * Grows a set of pairwise incompatible cells greedily, trying `seeds`
 * first and then every other cell in order of ascending
 * |holders of its column| · |grants of its row|, a cheap estimate of how
 * many cells it is compatible with. Its size is a lower bound on the
 * number of roles of any complete cover. Runs in O(cells · result).
 */
export function greedyIncompatibleCells(
  merged: MergedMatrix,
  seeds: readonly number[] = [],
): number[] {
  const order = Array.from({ length: merged.cellCount }, (_, cell) => cell);
  const estimate = order.map(
    (cell) =>
      merged.columnRows[merged.cellColumns[cell]!]!.length *
      merged.rowColumns[merged.cellRows[cell]!]!.length,
  );
  order.sort((a, b) => estimate[a]! - estimate[b]! || a - b);

  const chosen: number[] = [];
  const tryAdd = (cell: number) => {
    for (const other of chosen) {
      if (!areIncompatible(merged, cell, other)) return;
    }
    chosen.push(cell);
  };
  for (const cell of seeds) tryAdd(cell);
  for (const cell of order) tryAdd(cell);
  return chosen;
}
