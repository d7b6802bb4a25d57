import type { CentroidSet } from "./centroid-set.js";
import type { SparseRows } from "./features.js";

/**
 * Finds the nearest and second-nearest centroid of a sparse row by
 * squared Euclidean distance, |x|² + |c|² − 2 x·c. The dot products are
 * gathered through the centroids' column index, so only centroids that
 * share a column with the row are visited. Every other centroid has a
 * dot product of 0, and the first two of them in norm order are the only
 * ones that can be nearest or second-nearest.
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
  private readonly stamps: Int32Array;
  private readonly visited: Int32Array;
  private stamp = 0;

  constructor(rows: SparseRows, rowNorms: Float64Array, k: number) {
    this.rows = rows;
    this.rowNorms = rowNorms;
    this.dots = new Float64Array(k);
    this.stamps = new Int32Array(k);
    this.visited = new Int32Array(k);
  }

  /** Searches all centroids for row `i`. */
  search(i: number, centroids: CentroidSet): void {
    const { rows, dots, stamps, visited } = this;
    const { columnOffsets, columnCentroids, columnValues } = centroids;
    const stamp = ++this.stamp;
    let count = 0;
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      const value = rows.values[p]!;
      const column = rows.indices[p]!;
      const end = columnOffsets[column + 1]!;
      for (let q = columnOffsets[column]!; q < end; q++) {
        const c = columnCentroids[q]!;
        if (stamps[c] !== stamp) {
          stamps[c] = stamp;
          dots[c] = 0;
          visited[count++] = c;
        }
        dots[c]! += value * columnValues[q]!;
      }
    }

    this.best = -1;
    this.bestDistance = Infinity;
    this.secondDistance = Infinity;
    const rowNorm = this.rowNorms[i]!;
    const norms = centroids.squaredNorms;
    for (let t = 0; t < count; t++) {
      const c = visited[t]!;
      this.consider(c, rowNorm + norms[c]! - 2 * dots[c]!);
    }
    let unvisited = 0;
    const order = centroids.byNorm;
    for (let t = 0; t < order.length && unvisited < 2; t++) {
      const c = order[t]!;
      if (stamps[c] === stamp) continue;
      this.consider(c, rowNorm + norms[c]!);
      unvisited++;
    }
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

  private consider(c: number, rawDistance: number): void {
    const distance = rawDistance > 0 ? rawDistance : 0;
    if (
      distance < this.bestDistance ||
      (distance === this.bestDistance && c < this.best)
    ) {
      this.secondDistance = this.bestDistance;
      this.bestDistance = distance;
      this.best = c;
    } else if (distance < this.secondDistance) {
      this.secondDistance = distance;
    }
  }
}
