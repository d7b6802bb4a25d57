import { InputError, type InputIssue } from "../errors.js";
import type { SparseRows } from "./features.js";

/**
 * Checks that `rows` is a well-formed CSR matrix: `offsets` has
 * `rowCount + 1` non-decreasing entries from 0 to the stored count,
 * column indices lie in `[0, columnCount)` and ascend within each row, and
 * every value is finite. Runs in O(rowCount + stored values).
 *
 * @throws {InputError} listing each violation with its path (for example
 *   `rows.indices.12`), the value received and what was expected.
 * @example
 * checkSparseRows(rows); // returns nothing for a valid matrix
 */
export function checkSparseRows(rows: SparseRows): void {
  const issues: InputIssue[] = [];
  const { rowCount, columnCount, offsets, indices, values } = rows;
  if (!Number.isInteger(rowCount) || rowCount < 0) {
    issues.push(issue("rows.rowCount", rowCount, "a whole number >= 0"));
  }
  if (!Number.isInteger(columnCount) || columnCount < 0) {
    issues.push(
      issue("rows.columnCount", columnCount, "a whole number >= 0"),
    );
  }
  if (issues.length > 0) throw new InputError("sparse rows", issues);

  if (offsets.length !== rowCount + 1) {
    issues.push(
      issue(
        "rows.offsets.length",
        offsets.length,
        `rowCount + 1 = ${rowCount + 1} entries`,
      ),
    );
  } else if (offsets[0] !== 0 || offsets[rowCount] !== indices.length) {
    issues.push(
      issue(
        "rows.offsets",
        `[${offsets[0]}, ..., ${offsets[rowCount]}]`,
        `offsets running from 0 to indices.length (${indices.length})`,
      ),
    );
  }
  if (values.length !== indices.length) {
    issues.push(
      issue(
        "rows.values.length",
        values.length,
        `as many values as indices (${indices.length})`,
      ),
    );
  }
  if (issues.length > 0) throw new InputError("sparse rows", issues);

  for (let i = 0; i < rowCount && issues.length < 10; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (end < start) {
      issues.push(
        issue(`rows.offsets.${i + 1}`, end, `a value >= offsets[${i}]`),
      );
      continue;
    }
    for (let p = start; p < end; p++) {
      const column = indices[p]!;
      if (column < 0 || column >= columnCount) {
        issues.push(
          issue(`rows.indices.${p}`, column, `a column in [0, ${columnCount})`),
        );
      } else if (p > start && column <= indices[p - 1]!) {
        issues.push(
          issue(
            `rows.indices.${p}`,
            column,
            `a column above ${indices[p - 1]} (ascending within row ${i})`,
          ),
        );
      }
      if (!Number.isFinite(values[p]!)) {
        issues.push(issue(`rows.values.${p}`, values[p], "a finite number"));
      }
    }
  }
  if (issues.length > 0) throw new InputError("sparse rows", issues);
}

function issue(path: string, received: unknown, expected: string): InputIssue {
  return { path, received: String(received), expected };
}

/** Squared Euclidean norm of each row. O(stored values). */
export function squaredRowNorms(rows: SparseRows): Float64Array {
  const norms = new Float64Array(rows.rowCount);
  const { offsets, values } = rows;
  for (let i = 0; i < rows.rowCount; i++) {
    let sum = 0;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      sum += values[p]! * values[p]!;
    }
    norms[i] = sum;
  }
  return norms;
}

/**
 * Returns a copy of `rows` with every row scaled to unit Euclidean length,
 * so that dot products are cosine similarities. A row with no nonzero
 * value has no direction and stays all zero.
 */
export function unitRows(rows: SparseRows): SparseRows {
  const norms = squaredRowNorms(rows);
  const values = new Float64Array(rows.values.length);
  for (let i = 0; i < rows.rowCount; i++) {
    const norm = Math.sqrt(norms[i]!);
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      values[p] = norm > 0 ? rows.values[p]! / norm : 0;
    }
  }
  return { ...rows, values };
}

/**
 * Columns of a sparse matrix in compressed sparse column (CSC) form:
 * column `j` has the values `values[offsets[j]] .. values[offsets[j+1]-1]`
 * in the rows `rows[...]`, ascending.
 */
export interface SparseColumns {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
  readonly values: Float64Array;
}

/** Transposes CSR rows to CSC by a counting sort. O(stored + columns). */
export function sparseColumns(rows: SparseRows): SparseColumns {
  const { rowCount, columnCount, indices } = rows;
  const offsets = new Int32Array(columnCount + 1);
  for (let p = 0; p < indices.length; p++) offsets[indices[p]! + 1]! += 1;
  for (let j = 0; j < columnCount; j++) offsets[j + 1]! += offsets[j]!;

  const next = offsets.slice(0, columnCount);
  const rowOf = new Int32Array(indices.length);
  const values = new Float64Array(indices.length);
  for (let i = 0; i < rowCount; i++) {
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      const slot = next[indices[p]!]!++;
      rowOf[slot] = i;
      values[slot] = rows.values[p]!;
    }
  }
  return { offsets, rows: rowOf, values };
}

/** Expands sparse rows to dense arrays of arrays, for ml-kmeans. */
export function denseRows(rows: SparseRows): number[][] {
  const result: number[][] = [];
  for (let i = 0; i < rows.rowCount; i++) {
    const row = new Array<number>(rows.columnCount).fill(0);
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      row[rows.indices[p]!] = rows.values[p]!;
    }
    result.push(row);
  }
  return result;
}

/**
 * Builds CSR rows from dense arrays of arrays, keeping only the nonzero
 * values.
 *
 * @throws {InputError} when the rows differ in length or hold a value
 *   that is not a finite number.
 * @example
 * sparseRowsFromDense([[1, 0], [0, 2]]).indices; // Int32Array [0, 1]
 */
export function sparseRowsFromDense(
  dense: readonly (readonly number[])[],
): SparseRows {
  const columnCount = dense[0]?.length ?? 0;
  const offsets = new Int32Array(dense.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const issues: InputIssue[] = [];
  dense.forEach((row, i) => {
    if (row.length !== columnCount) {
      issues.push(
        issue(`rows.${i}.length`, row.length, `${columnCount} like row 0`),
      );
    }
    row.forEach((value, j) => {
      if (!Number.isFinite(value)) {
        issues.push(issue(`rows.${i}.${j}`, value, "a finite number"));
      } else if (value !== 0) {
        indices.push(j);
        values.push(value);
      }
    });
    offsets[i + 1] = indices.length;
  });
  if (issues.length > 0) throw new InputError("dense rows", issues);
  return {
    rowCount: dense.length,
    columnCount,
    offsets,
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
  };
}
