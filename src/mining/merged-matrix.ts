import type { UsageMatrix } from "../matrix/usage-matrix.js";
import { setBit, wordCount } from "./bitset.js";

/**
 * The grants of a usage matrix with duplicate identities and duplicate
 * entitlements merged, as Ene et al. (SACMAT 2008) do before mining:
 * identities with the same entitlement set become one row, and
 * entitlements held by the same merged rows become one column. Identities
 * and entitlements without any grant are left out. Cells with use but no
 * grant do not count.
 *
 * Merging does not change the minimum: a role cover of the merged matrix
 * expands to a cover of the original with the same number of roles,
 * because members of a class can always be given the same roles.
 *
 * Rows and columns are numbered in order of first appearance in the
 * original matrix. Each row is stored twice: as an ascending list of
 * columns and as a bit set of `rowWords` words in `rowBits`. Columns are
 * stored the same way over rows.
 */
export interface MergedMatrix {
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowWords: number;
  readonly columnWords: number;
  readonly rowColumns: readonly Int32Array[];
  readonly columnRows: readonly Int32Array[];
  readonly rowBits: Uint32Array;
  readonly columnBits: Uint32Array;
  /** Original row numbers that each merged row stands for, ascending. */
  readonly rowMembers: readonly Int32Array[];
  /** Original column numbers that each merged column stands for. */
  readonly columnMembers: readonly Int32Array[];
  /**
   * Index of the first cell of each row: the cell of row `r` and its
   * `k`-th column is `cellOffsets[r] + k`. Length `rowCount + 1`.
   */
  readonly cellOffsets: Int32Array;
  /** Number of cells (grants) of the merged matrix. */
  readonly cellCount: number;
  /** Row of each cell. */
  readonly cellRows: Int32Array;
  /** Column of each cell. */
  readonly cellColumns: Int32Array;
  /** Number of grants of the original matrix. */
  readonly grantCount: number;
}

/**
 * Merges the duplicate rows and columns of the grants of `matrix`.
 * Runs in O(grants) expected time plus the bit sets, which take
 * rows · columns / 8 bytes after merging.
 */
export function mergeDuplicates(matrix: UsageMatrix): MergedMatrix {
  const rowsByKey = new Map<string, number>();
  const rowMembers: number[][] = [];
  const rowOriginalColumns: number[][] = [];
  for (let row = 0; row < matrix.identities.length; row++) {
    const columns = grantedColumnsOf(matrix, row);
    if (columns.length === 0) continue;
    const key = columns.join(",");
    const merged = rowsByKey.get(key);
    if (merged === undefined) {
      rowsByKey.set(key, rowMembers.length);
      rowMembers.push([row]);
      rowOriginalColumns.push(columns);
    } else rowMembers[merged]!.push(row);
  }

  // Rows holding each original column, then one merged column per
  // distinct row list, numbered by first appearance.
  const holders: number[][] = matrix.entitlements.map(() => []);
  rowOriginalColumns.forEach((columns, row) => {
    for (const column of columns) holders[column]!.push(row);
  });
  const columnsByKey = new Map<string, number>();
  const columnMembers: number[][] = [];
  const mergedColumnOf = new Int32Array(matrix.entitlements.length).fill(-1);
  holders.forEach((rows, column) => {
    if (rows.length === 0) return;
    const key = rows.join(",");
    let merged = columnsByKey.get(key);
    if (merged === undefined) {
      merged = columnMembers.length;
      columnsByKey.set(key, merged);
      columnMembers.push([]);
    }
    columnMembers[merged]!.push(column);
    mergedColumnOf[column] = merged;
  });

  const rowColumns = rowOriginalColumns.map((columns) => {
    const merged = columns.map((column) => mergedColumnOf[column]!);
    return Int32Array.from(new Set(merged)).sort();
  });
  return packMerged(rowColumns, columnMembers.length, {
    rowMembers: rowMembers.map((rows) => Int32Array.from(rows)),
    columnMembers: columnMembers.map((columns) => Int32Array.from(columns)),
    grantCount: rowOriginalColumns.reduce(
      (sum, columns, row) => sum + columns.length * rowMembers[row]!.length,
      0,
    ),
  });
}

function grantedColumnsOf(matrix: UsageMatrix, row: number): number[] {
  const columns: number[] = [];
  const end = matrix.rowOffsets[row + 1]!;
  for (let cell = matrix.rowOffsets[row]!; cell < end; cell++) {
    if (matrix.granted[cell] === 1) columns.push(matrix.columns[cell]!);
  }
  return columns;
}

interface MergeMembers {
  rowMembers: Int32Array[];
  columnMembers: Int32Array[];
  grantCount: number;
}

function packMerged(
  rowColumns: Int32Array[],
  columnCount: number,
  members: MergeMembers,
): MergedMatrix {
  const rowCount = rowColumns.length;
  const rowWords = wordCount(columnCount);
  const columnWords = wordCount(rowCount);
  const rowBits = new Uint32Array(rowCount * rowWords);
  const columnBits = new Uint32Array(columnCount * columnWords);
  const columnRows: number[][] = Array.from({ length: columnCount }, () => []);
  const cellOffsets = new Int32Array(rowCount + 1);
  rowColumns.forEach((columns, row) => {
    cellOffsets[row + 1] = cellOffsets[row]! + columns.length;
  });
  const cellCount = cellOffsets[rowCount]!;
  const cellRows = new Int32Array(cellCount);
  const cellColumns = new Int32Array(cellCount);
  rowColumns.forEach((columns, row) => {
    cellRows.fill(row, cellOffsets[row]!, cellOffsets[row + 1]!);
    cellColumns.set(columns, cellOffsets[row]!);
    for (const column of columns) {
      setBit(rowBits, row * rowWords, column);
      setBit(columnBits, column * columnWords, row);
      columnRows[column]!.push(row);
    }
  });
  return {
    rowCount,
    columnCount,
    rowWords,
    columnWords,
    rowColumns,
    columnRows: columnRows.map((rows) => Int32Array.from(rows)),
    rowBits,
    columnBits,
    rowMembers: members.rowMembers,
    columnMembers: members.columnMembers,
    cellOffsets,
    cellCount,
    cellRows,
    cellColumns,
    grantCount: members.grantCount,
  };
}

/** Index of the cell (`row`, `column`), or -1 when it is not a grant. */
export function cellIndex(
  merged: MergedMatrix,
  row: number,
  column: number,
): number {
  const columns = merged.rowColumns[row]!;
  let low = 0;
  let high = columns.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = columns[middle]!;
    if (value === column) return merged.cellOffsets[row]! + middle;
    if (value < column) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
