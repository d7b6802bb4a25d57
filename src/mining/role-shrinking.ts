import { type Biclique, conceptOfRows } from "./concept.js";
import { type MergedMatrix, cellIndex } from "./merged-matrix.js";

/** Orders in which `shrinkRoles` may visit the roles. */
export type ShrinkOrder = "given" | "smallest-first" | "largest-first";

/**
 * Rebuilds a cover so that each role keeps only what it alone provides.
 * Every role is first widened to its concept (all holders of its
 * entitlements, all entitlements its identities share), then each role in
 * turn shrinks to the rows and columns of its essential cells: those no
 * other current role covers. The rows × columns of essential cells lie
 * inside the role, so it stays a biclique, and every cell stays covered.
 * A role with no essential cell is dropped. Roles visited early shrink
 * most, so `order` matters. Runs in O(Σ |rows| · |columns| · log).
 */
export function shrinkRoles(
  merged: MergedMatrix,
  roles: readonly Biclique[],
  order: ShrinkOrder,
): Biclique[] {
  const widened = roles.map((role) => conceptOfRows(merged, role.rows));
  const givers = new Int32Array(merged.cellCount);
  const cellsOf = widened.map((role) => {
    const cells = cellsOfRole(merged, role);
    for (const cell of cells) givers[cell]!++;
    return cells;
  });

  const visit = widened.map((_, index) => index);
  const area = (index: number) =>
    widened[index]!.rows.length * widened[index]!.columns.length;
  if (order === "smallest-first") {
    visit.sort((a, b) => area(a) - area(b) || a - b);
  } else if (order === "largest-first") {
    visit.sort((a, b) => area(b) - area(a) || a - b);
  }

  const shrunk: (Biclique | undefined)[] = widened.slice();
  for (const index of visit) {
    const rows = new Set<number>();
    const columns = new Set<number>();
    for (const cell of cellsOf[index]!) {
      if (givers[cell] !== 1) continue;
      rows.add(merged.cellRows[cell]!);
      columns.add(merged.cellColumns[cell]!);
    }
    const role: Biclique = {
      rows: [...rows].sort((a, b) => a - b),
      columns: [...columns].sort((a, b) => a - b),
    };
    for (const cell of cellsOf[index]!) {
      const kept =
        rows.has(merged.cellRows[cell]!) &&
        columns.has(merged.cellColumns[cell]!);
      if (!kept) givers[cell]!--;
    }
    shrunk[index] = rows.size > 0 ? role : undefined;
  }
  return shrunk.filter((role): role is Biclique => role !== undefined);
}

/** Cells of the merged matrix inside a role, row by row. */
export function cellsOfRole(merged: MergedMatrix, role: Biclique): number[] {
  const cells: number[] = [];
  for (const row of role.rows) {
    for (const column of role.columns) {
      cells.push(cellIndex(merged, row, column));
    }
  }
  return cells;
}
