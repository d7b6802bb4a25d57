import type { CentroidSet } from "./centroid-set.js";
import type { SparseRows } from "./features.js";

/**
 * Finds the nearest and second-nearest centroid of a sparse row by
 * squared Euclidean distance, |x|² + |c|² − 2 x·c. The dot products are
 * gathered through the centroids' column index, so a search costs the
 * centroid entries in the row's columns plus O(k) to compare the k
 * distances. A dense buffer of k dot products, cleared per row, measured
 * twice as fast as tracking the visited centroids on a 30,000 × 5,000
 * estate with k = 200.
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
    const { columnOffsets, columnCentroids, columnValues } = centroids;
    dots.fill(0);
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      const value = rows.values[p]!;
      const column = rows.indices[p]!;
      const end = columnOffsets[column + 1]!;
      for (let q = columnOffsets[column]!; q < end; q++) {
        dots[columnCentroids[q]!]! += value * columnValues[q]!;
      }
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

  /** Squared Euclidean distance of row `i` to centroid `c`. O(row). */
  distance(i: number, c: number, centroids: CentroidSet): number {
    const { rows } = this;
    const { values, columnCount } = centroids;
    const base = c * columnCount;
    let dot = 0;
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      dot += rows.values[p]! * values[base + rows.indices[p]!]!;
    }
    const distance = this.rowNorms[i]! + centroids.squaredNorms[c]! - 2 * dot;
    return distance > 0 ? distance : 0;
  }
}
