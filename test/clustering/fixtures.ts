import { featureRows, type SparseRows } from "../../src/clustering/features.js";
import { sparseRowsFromDense } from "../../src/clustering/sparse-rows.js";
import { createRandom } from "../../src/random.js";
import { hpLabsEstate } from "../helpers/datasets.js";

/** Grant rows of one of the HP Labs role mining sets. */
export function hpLabsRows(name: string): SparseRows {
  return featureRows(hpLabsEstate(name).matrix, "grants", () => false);
}

/** Draws a seeded random 0/1 matrix with about `density` of cells set. */
export function randomBinaryRows(
  seed: number,
  rowCount: number,
  columnCount: number,
  density: number,
): SparseRows {
  const random = createRandom(seed);
  const dense = Array.from({ length: rowCount }, () =>
    Array.from({ length: columnCount }, () => (random() < density ? 1 : 0)),
  );
  return sparseRowsFromDense(dense);
}

/** Draws a seeded matrix of counts 1 to `maxCount` in `density` of cells. */
export function randomCountRows(
  seed: number,
  rowCount: number,
  columnCount: number,
  density: number,
  maxCount: number,
): SparseRows {
  const random = createRandom(seed);
  const dense = Array.from({ length: rowCount }, () =>
    Array.from({ length: columnCount }, () =>
      random() < density ? 1 + Math.floor(random() * maxCount) : 0,
    ),
  );
  return sparseRowsFromDense(dense);
}

/**
 * Draws `clusters` planted groups of `rowsPerCluster` identities. Group g
 * owns `columnsPerCluster` columns, and each identity is granted each of
 * its group's columns with probability 0.8 and any other column with
 * probability 0.02. Row `i` belongs to group ⌊i / rowsPerCluster⌋.
 */
export function plantedRows(
  seed: number,
  clusters: number,
  rowsPerCluster: number,
  columnsPerCluster: number,
): SparseRows {
  const random = createRandom(seed);
  const columnCount = clusters * columnsPerCluster;
  const dense: number[][] = [];
  for (let group = 0; group < clusters; group++) {
    for (let r = 0; r < rowsPerCluster; r++) {
      dense.push(
        Array.from({ length: columnCount }, (_, j) => {
          const own = Math.floor(j / columnsPerCluster) === group;
          return random() < (own ? 0.8 : 0.02) ? 1 : 0;
        }),
      );
    }
  }
  return sparseRowsFromDense(dense);
}

/** Dense copy of sparse rows, as arrays of numbers. */
export function denseOf(rows: SparseRows): number[][] {
  return Array.from({ length: rows.rowCount }, (_, i) => {
    const row = new Array<number>(rows.columnCount).fill(0);
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      row[rows.indices[p]!] = rows.values[p]!;
    }
    return row;
  });
}

/** Squared Euclidean distance of dense row `row` to centroid `c`. */
export function squaredDistance(
  row: readonly number[],
  centroids: Float64Array,
  c: number,
): number {
  const d = row.length;
  let sum = 0;
  for (let j = 0; j < d; j++) sum += (row[j]! - centroids[c * d + j]!) ** 2;
  return sum;
}

/** Independent copies of the arrays of `rows`, to detect writes. */
export function snapshot(rows: SparseRows): SparseRows {
  return {
    rowCount: rows.rowCount,
    columnCount: rows.columnCount,
    offsets: rows.offsets.slice(),
    indices: rows.indices.slice(),
    values: rows.values.slice(),
  };
}
