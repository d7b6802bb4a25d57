import { isSubset } from "./bitset.js";
import { type Biclique, bitsOf } from "./concept.js";
import { type MergedMatrix, cellIndex } from "./merged-matrix.js";

/**
 * Reassigns rows to roles and removes links that a cover does not need,
 * without losing a covered grant or giving one that is not held. First
 * each row picks a small set among all roles whose columns it holds
 * (not only those it had) that gives everything its roles gave it: roles
 * are taken greedily by the original entitlements they add, and a taken
 * role that the later ones make redundant is let go. Then each role drops
 * every column whose cells all its rows also get from another role.
 * Roles left without rows or columns disappear. Rows and columns are
 * weighed by how many original identities and entitlements they stand
 * for, so the links removed are counted as in WSC. Runs in
 * O(rows · roles · rowWords + Σ over rows of eligible roles² · rowWords).
 */
export function trimAssignments(
  merged: MergedMatrix,
  roles: readonly Biclique[],
): Biclique[] {
  const columnWeights = Int32Array.from(merged.columnMembers, (m) => m.length);
  const roleColumns = roles.map((role) =>
    bitsOf(merged.columnCount, role.columns),
  );
  const words = merged.rowWords;
  const given = new Uint32Array(merged.rowCount * words);
  roles.forEach((role, index) => {
    for (const row of role.rows) {
      for (let w = 0; w < words; w++) {
        given[row * words + w]! |= roleColumns[index]![w]!;
      }
    }
  });

  // A row can take a role only if it holds the role's first column, so
  // roles are indexed by that column to test few of them per row.
  const rolesByFirstColumn: number[][] = Array.from(
    { length: merged.columnCount },
    () => [],
  );
  roles.forEach((role, index) => {
    if (role.columns.length > 0) {
      rolesByFirstColumn[role.columns[0]!]!.push(index);
    }
  });

  const keptRows: number[][] = roles.map(() => []);
  const scratch = new Uint32Array(words);
  for (let row = 0; row < merged.rowCount; row++) {
    const target = given.subarray(row * words, (row + 1) * words);
    if (target.every((word) => word === 0)) continue;
    const eligible: number[] = [];
    for (const column of merged.rowColumns[row]!) {
      for (const index of rolesByFirstColumn[column]!) {
        if (isSubset(roleColumns[index]!, 0, merged.rowBits, row * words, words)) {
          eligible.push(index);
        }
      }
    }
    eligible.sort((a, b) => a - b);
    const chosen = chooseRolesOfRow(
      eligible,
      target,
      roleColumns,
      columnWeights,
      scratch,
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
 * Picks among `candidates` a subset whose columns include `target`:
 * greedy by the weight of target columns added, ties to the earlier
 * role, then drops any picked role whose target columns the others
 * already give. `scratch` is working space of the target's length.
 */
function chooseRolesOfRow(
  candidates: readonly number[],
  target: Uint32Array,
  roleColumns: readonly Uint32Array[],
  columnWeights: Int32Array,
  scratch: Uint32Array,
): number[] {
  const words = target.length;
  // Columns outside the target count as covered from the start.
  const covered = scratch;
  for (let w = 0; w < words; w++) covered[w] = ~target[w]!;
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
    const others = scratch;
    for (let w = 0; w < words; w++) others[w] = ~target[w]!;
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
