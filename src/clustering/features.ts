import type { UsageMatrix } from "../matrix/usage-matrix.js";

/**
 * Rows of a sparse feature matrix in CSR form: row `i` has the values
 * `values[offsets[i]] .. values[offsets[i + 1] - 1]` at the columns
 * `indices[...]`, ascending.
 */
export interface SparseRows {
  readonly rowCount: number;
  readonly columnCount: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * What an identity's feature vector records, per entitlement:
 * - `grants`: 1 when granted.
 * - `usage`: 1 when granted and used within the observation window.
 * - `auto`: `usage` when the matrix carries any usage, else `grants`.
 */
export type FeatureMode = "auto" | "grants" | "usage";

/** Resolves `auto` against the matrix. */
export function resolveFeatureMode(
  matrix: UsageMatrix,
  mode: FeatureMode,
): "grants" | "usage" {
  if (mode !== "auto") return mode;
  return matrix.hasUsage ? "usage" : "grants";
}

/**
 * Builds binary feature rows from the matrix. `isUsed(cell)` decides use
 * within the observation window for the `usage` mode.
 */
export function featureRows(
  matrix: UsageMatrix,
  mode: "grants" | "usage",
  isUsed: (cell: number) => boolean,
): SparseRows {
  const rowCount = matrix.identities.length;
  const offsets = new Int32Array(rowCount + 1);
  const indices: number[] = [];
  for (let i = 0; i < rowCount; i++) {
    for (let c = matrix.rowOffsets[i]!; c < matrix.rowOffsets[i + 1]!; c++) {
      if (matrix.granted[c] !== 1) continue;
      if (mode === "usage" && !isUsed(c)) continue;
      indices.push(matrix.columns[c]!);
    }
    offsets[i + 1] = indices.length;
  }
  return {
    rowCount,
    columnCount: matrix.entitlements.length,
    offsets,
    indices: Int32Array.from(indices),
    values: new Float64Array(indices.length).fill(1),
  };
}
