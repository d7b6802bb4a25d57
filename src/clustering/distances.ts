import type { SparseRows } from "./features.js";
import { sparseColumns, squaredRowNorms } from "./sparse-rows.js";

/**
 * Distance between two identities' rows, for evaluating a clustering:
 * - `euclidean`: √Σ(a − b)².
 * - `cosine`: 1 − a·b / (|a| |b|), from 0 (same direction) to 2. A row
 *   with no nonzero value has no direction, so its distance to any other
 *   row is 1.
 * - `jaccard`: 1 − |A ∩ B| / |A ∪ B| on the sets of columns where each
 *   row is nonzero, ignoring the values: the share of the two
 *   identities' entitlements that only one of them holds. Two empty rows
 *   are at distance 0.
 */
export type DistanceMetric = "euclidean" | "cosine" | "jaccard";

/** The distance metrics, in documentation order. */
export const DISTANCE_METRICS: readonly DistanceMetric[] = [
  "euclidean",
  "cosine",
  "jaccard",
];

/**
 * Computes the distances between every pair of the rows listed in
 * `sample` (row numbers of `rows`), as a dense s × s matrix, row-major,
 * with zeros on the diagonal. The dot products (or, for `jaccard`, the
 * shared column counts) are gathered column by column, so the time is
 * O(s² + Σ over the sampled rows' stored values of the sampled rows in
 * that column). Memory is O(s²).
 *
 * @example
 * const rows = sparseRowsFromDense([[1, 1, 0], [1, 0, 1]]);
 * pairwiseDistances(rows, Int32Array.of(0, 1), "jaccard");
 * // Float64Array [0, 2/3, 2/3, 0]
 */
export function pairwiseDistances(
  rows: SparseRows,
  sample: Int32Array,
  metric: DistanceMetric,
): Float64Array {
  const s = sample.length;
  const sub = sampleRows(rows, sample);
  if (metric === "jaccard") {
    for (let p = 0; p < sub.values.length; p++) {
      sub.values[p] = sub.values[p] === 0 ? 0 : 1;
    }
  }
  const norms = squaredRowNorms(sub);
  const columns = sparseColumns(sub);
  const distances = new Float64Array(s * s);
  const dots = new Float64Array(s);

  for (let a = 0; a < s; a++) {
    dots.fill(0);
    for (let p = sub.offsets[a]!; p < sub.offsets[a + 1]!; p++) {
      const value = sub.values[p]!;
      const column = sub.indices[p]!;
      for (let q = columns.offsets[column]!; q < columns.offsets[column + 1]!; q++) {
        dots[columns.rows[q]!]! += value * columns.values[q]!;
      }
    }
    for (let b = 0; b < s; b++) {
      if (b === a) continue;
      distances[a * s + b] = distanceFromDot(
        metric,
        dots[b]!,
        norms[a]!,
        norms[b]!,
      );
    }
  }
  return distances;
}

/**
 * Computes a distance from the dot product and squared norms of two
 * rows. For `jaccard` the rows are 0/1, so these are the count of shared
 * columns and each row's count of nonzero columns.
 */
function distanceFromDot(
  metric: DistanceMetric,
  dot: number,
  normA: number,
  normB: number,
): number {
  if (metric === "euclidean") {
    const squared = normA + normB - 2 * dot;
    return squared > 0 ? Math.sqrt(squared) : 0;
  }
  if (metric === "cosine") {
    if (normA === 0 || normB === 0) return 1;
    const distance = 1 - dot / Math.sqrt(normA * normB);
    return distance > 0 ? distance : 0;
  }
  const union = normA + normB - dot;
  return union === 0 ? 0 : 1 - dot / union;
}

/** Copies the listed rows into a new CSR matrix, in the listed order. */
function sampleRows(rows: SparseRows, sample: Int32Array): SparseRows {
  const offsets = new Int32Array(sample.length + 1);
  for (let a = 0; a < sample.length; a++) {
    const i = sample[a]!;
    offsets[a + 1] = offsets[a]! + rows.offsets[i + 1]! - rows.offsets[i]!;
  }
  const indices = new Int32Array(offsets[sample.length]!);
  const values = new Float64Array(offsets[sample.length]!);
  for (let a = 0; a < sample.length; a++) {
    const i = sample[a]!;
    const start = rows.offsets[i]!;
    const end = rows.offsets[i + 1]!;
    indices.set(rows.indices.subarray(start, end), offsets[a]!);
    values.set(rows.values.subarray(start, end), offsets[a]!);
  }
  return {
    rowCount: sample.length,
    columnCount: rows.columnCount,
    offsets,
    indices,
    values,
  };
}
