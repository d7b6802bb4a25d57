import { type Biclique, bitsOf } from "./concept.js";
import { type MergedMatrix, cellIndex } from "./merged-matrix.js";

/**
 * Removes links that a cover does not need, without changing which grants
 * it covers. First each row keeps a small set of its roles that still
 * covers everything its roles gave it: roles are taken greedily by the
 * original entitlements they add, and a taken role that the later ones
 * make redundant is let go. Then each role drops every column whose cells
 * all its rows also get from another role. Roles left without rows or
 * columns disappear. Rows and columns are weighed by how many original
 * identities and entitlements they stand for, so the links removed are
 * counted as in WSC. Runs in O(Σ over rows of roles² · rowWords).
 */
export function trimAssignments(
  merged: MergedMatrix,
  roles: readonly Biclique[],
): Biclique[] {
  const columnWeights = Int32Array.from(merged.columnMembers, (m) => m.length);
  const roleColumns = roles.map((role) =>
    bitsOf(merged.columnCount, role.columns),
  );
  const rolesOfRow: number[][] = Array.from(
    { length: merged.rowCount },
    () => [],
  );
  roles.forEach((role, index) => {
    for (const row of role.rows) rolesOfRow[row]!.push(index);
  });

  const keptRows: number[][] = roles.map(() => []);
  for (let row = 0; row < merged.rowCount; row++) {
    const chosen = chooseRolesOfRow(
      rolesOfRow[row]!,
      roleColumns,
      columnWeights,
      merged.rowWords,
    );
    for (const index of chosen) keptRows[index]!.push(row);
  }

  // Number of kept roles giving each cell, then columns whose every cell
  // in the role is given twice are dropped, one role at a time.
  const givers = new Int32Array(merged.cellCount);
  roles.forEach((role, index) => {
    for (const row of keptRows[index]!) {
      for (const column of role.columns) {
        givers[cellIndex(merged, row, column)]!++;
      }
    }
  });
  const trimmed: Biclique[] = [];
  roles.forEach((role, index) => {
    const rows = keptRows[index]!;
    const columns = role.columns.filter((column) => {
      const cells = rows.map((row) => cellIndex(merged, row, column));
      if (cells.some((cell) => givers[cell]! < 2)) return true;
      for (const cell of cells) givers[cell]!--;
      return false;
    });
    if (rows.length > 0 && columns.length > 0) trimmed.push({ rows, columns });
  });
  return trimmed;
}

/**
 * Picks, among the roles of one row, a subset giving the same columns:
 * greedy by the weight of columns added, ties to the earlier role, then
 * drops any picked role whose columns the others already give.
 */
function chooseRolesOfRow(
  candidates: readonly number[],
  roleColumns: readonly Uint32Array[],
  columnWeights: Int32Array,
  words: number,
): number[] {
  if (candidates.length <= 1) return candidates.slice();
  const covered = new Uint32Array(words);
  const chosen: number[] = [];
  const remaining = candidates.slice();
  for (;;) {
    let best = -1;
    let bestGain = 0;
    for (const index of remaining) {
      const gain = weightAdded(roleColumns[index]!, covered, columnWeights);
      if (gain > bestGain) {
        best = index;
        bestGain = gain;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    remaining.splice(remaining.indexOf(best), 1);
    for (let w = 0; w < words; w++) covered[w]! |= roleColumns[best]![w]!;
  }

  // A role taken early may be covered by the union of later ones.
  let position = 0;
  while (position < chosen.length) {
    const others = new Uint32Array(words);
    chosen.forEach((other, otherPosition) => {
      if (otherPosition === position) return;
      for (let w = 0; w < words; w++) others[w]! |= roleColumns[other]![w]!;
    });
    const own = roleColumns[chosen[position]!]!;
    if (weightAdded(own, others, columnWeights) === 0) {
      chosen.splice(position, 1);
    } else position++;
  }
  return chosen;
}

function weightAdded(
  columns: Uint32Array,
  covered: Uint32Array,
  columnWeights: Int32Array,
): number {
  let total = 0;
  for (let w = 0; w < columns.length; w++) {
    let fresh = columns[w]! & ~covered[w]!;
    while (fresh !== 0) {
      const low = fresh & -fresh;
      total += columnWeights[(w << 5) + 31 - Math.clz32(low)]!;
      fresh ^= low;
    }
  }
  return total;
}
