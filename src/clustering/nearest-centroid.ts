import type { CentroidSet } from "./centroid-set.js";
import type { SparseRows } from "./features.js";

/**
 * Share of the k centroids, on average over a row's columns, above which
 * a search computes each dot product directly rather than through the
 * column index. On a dense 5,000 × 200 count matrix (k 20, every column
 * in every centroid) the direct products took about half the time.
 */
const DENSE_SHARE = 0.5;

/**
 * Finds the nearest and second-nearest centroid of a sparse row by
 * squared Euclidean distance, |x|² + |c|² − 2 x·c. The dot products are
 * gathered through the centroids' column index, so a search costs the
 * centroid entries in the row's columns plus O(k) to compare the k
 * distances. Where most centroids are nonzero in the row's columns, each
 * dot product is computed directly from the row-major centroids instead.
 * Both add the terms in the same order, so they give the same sums.
 *
 * Ties go to the lower centroid number, as in ml-kmeans and
 * scikit-learn. Results are left in `best`, `bestDistance` and
 * `secondDistance` (squared distances) to avoid allocating per row.
 */
export class NearestCentroid {
  best = -1;
  bestDistance = Infinity;
  secondDistance = Infinity;

  private readonly rows: SparseRows;
  private readonly rowNorms: Float64Array;
  private readonly dots: Float64Array;

  constructor(rows: SparseRows, rowNorms: Float64Array, k: number) {
    this.rows = rows;
    this.rowNorms = rowNorms;
    this.dots = new Float64Array(k);
  }

  /** Searches all centroids for row `i`. */
  search(i: number, centroids: CentroidSet): void {
    const { rows, dots } = this;
    const start = rows.offsets[i]!;
    const end = rows.offsets[i + 1]!;
    const offsets = centroids.columnOffsets;
    let entries = 0;
    for (let p = start; p < end; p++) {
      const column = rows.indices[p]!;
      entries += offsets[column + 1]! - offsets[column]!;
    }
    if (entries > DENSE_SHARE * centroids.k * (end - start)) {
      this.gatherByCentroid(start, end, centroids);
    } else {
      this.gatherByColumn(start, end, centroids);
    }

    // Scanning in ascending order with strict comparisons keeps the
    // lower centroid number on a tie.
    const rowNorm = this.rowNorms[i]!;
    const norms = centroids.squaredNorms;
    let best = -1;
    let bestDistance = Infinity;
    let secondDistance = Infinity;
    for (let c = 0; c < dots.length; c++) {
      const raw = rowNorm + norms[c]! - 2 * dots[c]!;
      const distance = raw > 0 ? raw : 0;
      if (distance < bestDistance) {
        secondDistance = bestDistance;
        bestDistance = distance;
        best = c;
      } else if (distance < secondDistance) {
        secondDistance = distance;
      }
    }
    this.best = best;
    this.bestDistance = bestDistance;
    this.secondDistance = secondDistance;
  }

  private gatherByColumn(start: number, end: number, centroids: CentroidSet): void {
    const { dots } = this;
    const { indices, values } = this.rows;
    const { columnOffsets, columnCentroids, columnValues } = centroids;
    dots.fill(0);
    for (let p = start; p < end; p++) {
      const value = values[p]!;
      const column = indices[p]!;
      const last = columnOffsets[column + 1]!;
      for (let q = columnOffsets[column]!; q < last; q++) {
        dots[columnCentroids[q]!]! += value * columnValues[q]!;
      }
    }
  }

  private gatherByCentroid(start: number, end: number, centroids: CentroidSet): void {
    const { dots } = this;
    const { indices, values } = this.rows;
    const centroidValues = centroids.values;
    const d = centroids.columnCount;
    for (let c = 0; c < dots.length; c++) {
      const base = c * d;
      let dot = 0;
      for (let p = start; p < end; p++) {
        dot += values[p]! * centroidValues[base + indices[p]!]!;
      }
      dots[c] = dot;
    }
  }

  /** Squared Euclidean distance of row `i` to centroid `c`. O(row). */
  distance(i: number, c: number, centroids: CentroidSet): number {
    const { offsets, indices, values } = this.rows;
    const centroidValues = centroids.values;
    const base = c * centroids.columnCount;
    const end = offsets[i + 1]!;
    let dot = 0;
    for (let p = offsets[i]!; p < end; p++) {
      dot += values[p]! * centroidValues[base + indices[p]!]!;
    }
    const distance = this.rowNorms[i]! + centroids.squaredNorms[c]! - 2 * dot;
    return distance > 0 ? distance : 0;
  }
}
