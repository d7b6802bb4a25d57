import type { SparseRows } from "./features.js";

/**
 * The k dense centroids of a k-means run, with what the assignment step
 * needs to compare a sparse row against all of them quickly:
 * - `values`: row-major, k × d, for the distance to one centroid.
 * - a column index (`columnOffsets`, `columnCentroids`, `columnValues`),
 *   the nonzero centroid entries of each column. The dot products of a
 *   row with every centroid then cost the nonzero entries in the row's
 *   columns, not k per stored value, because means of sparse rows are
 *   sparse too.
 *
 * An update recomputes only the centroids whose membership changed, from
 * their members, in O(their stored values + their former support).
 */
export class CentroidSet {
  readonly k: number;
  readonly columnCount: number;
  readonly values: Float64Array;
  readonly squaredNorms: Float64Array;
  /** Euclidean distance each centroid moved in the last update. */
  readonly shifts: Float64Array;
  readonly columnOffsets: Int32Array;
  columnCentroids: Int32Array;
  columnValues: Float64Array;

  private readonly supports: Int32Array[];
  private readonly scratch: Float64Array;
  private readonly stamps: Int32Array;
  private readonly touched: Int32Array;
  private readonly nextSlot: Int32Array;
  private stamp = 0;

  /** Takes ownership of `values` (k × columnCount, row-major). */
  constructor(values: Float64Array, k: number, columnCount: number) {
    this.k = k;
    this.columnCount = columnCount;
    this.values = values;
    this.squaredNorms = new Float64Array(k);
    this.shifts = new Float64Array(k);
    this.scratch = new Float64Array(columnCount);
    this.stamps = new Int32Array(columnCount);
    this.touched = new Int32Array(columnCount);
    this.nextSlot = new Int32Array(columnCount);
    this.supports = [];
    for (let c = 0; c < k; c++) {
      let count = 0;
      let norm = 0;
      for (let j = 0; j < columnCount; j++) {
        const value = values[c * columnCount + j]!;
        if (value === 0) continue;
        this.touched[count++] = j;
        norm += value * value;
      }
      this.supports.push(this.touched.slice(0, count));
      this.squaredNorms[c] = norm;
    }
    this.columnOffsets = new Int32Array(columnCount + 1);
    this.columnCentroids = new Int32Array(0);
    this.columnValues = new Float64Array(0);
    this.rebuildIndex();
  }

  /**
   * Recomputes the centroids flagged in `changed` as the weighted mean of
   * their member rows, where row `i` counts `weights[i]` times and
   * `sizes` is the summed weight of each cluster. With `unit`, they are
   * the weighted member sum scaled to unit length instead. A centroid
   * with no member, or whose member sum is zero under `unit`, stays.
   * Sums run over members in row order, so on integer data they are
   * exact and the centroids equal those of ml-kmeans to the last bit.
   * Sets `shifts` and returns the largest squared shift.
   */
  update(
    rows: SparseRows,
    weights: Int32Array,
    assignments: Int32Array,
    sizes: Int32Array,
    changed: Uint8Array,
    unit: boolean,
  ): number {
    const members = membersByCluster(assignments, this.k);
    const d = this.columnCount;
    const { values, scratch, stamps, touched } = this;
    let largest = 0;
    this.shifts.fill(0);
    for (let c = 0; c < this.k; c++) {
      if (changed[c] === 0 || sizes[c] === 0) continue;

      // Sum the members over the union of their columns.
      const stamp = ++this.stamp;
      let count = 0;
      for (let m = members.offsets[c]!; m < members.offsets[c + 1]!; m++) {
        const i = members.rows[m]!;
        const weight = weights[i]!;
        for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
          const j = rows.indices[p]!;
          if (stamps[j] !== stamp) {
            stamps[j] = stamp;
            scratch[j] = 0;
            touched[count++] = j;
          }
          scratch[j]! += weight * rows.values[p]!;
        }
      }
      let divisor = sizes[c]!;
      if (unit) {
        let sum = 0;
        for (let t = 0; t < count; t++) sum += scratch[touched[t]!]! ** 2;
        divisor = Math.sqrt(sum);
        if (divisor === 0) continue;
      }

      // Clear columns that left the support, then write the new values.
      const base = c * d;
      let shift = 0;
      const former = this.supports[c]!;
      for (let t = 0; t < former.length; t++) {
        const j = former[t]!;
        if (stamps[j] === stamp) continue;
        shift += values[base + j]! ** 2;
        values[base + j] = 0;
      }
      const support = new Int32Array(count);
      let size = 0;
      let norm = 0;
      for (let t = 0; t < count; t++) {
        const j = touched[t]!;
        const value = scratch[j]! / divisor;
        shift += (value - values[base + j]!) ** 2;
        values[base + j] = value;
        if (value !== 0) support[size++] = j;
        norm += value * value;
      }
      this.supports[c] = support.subarray(0, size);
      this.squaredNorms[c] = norm;
      this.shifts[c] = Math.sqrt(shift);
      if (shift > largest) largest = shift;
    }
    this.rebuildIndex();
    return largest;
  }

  /**
   * Rebuilds the column index by a counting sort of the supports.
   * O(support + d). The entry arrays are reused while large enough, so
   * they may run past `columnOffsets[d]`.
   */
  private rebuildIndex(): void {
    const d = this.columnCount;
    const offsets = this.columnOffsets;
    offsets.fill(0);
    for (const support of this.supports) {
      for (let t = 0; t < support.length; t++) offsets[support[t]! + 1]! += 1;
    }
    for (let j = 0; j < d; j++) offsets[j + 1]! += offsets[j]!;
    const size = offsets[d]!;
    if (this.columnCentroids.length < size) {
      this.columnCentroids = new Int32Array(size + (size >> 2));
      this.columnValues = new Float64Array(size + (size >> 2));
    }
    const { columnCentroids, columnValues, values } = this;
    const next = this.nextSlot;
    next.set(offsets.subarray(0, d));
    for (let c = 0; c < this.k; c++) {
      const support = this.supports[c]!;
      for (let t = 0; t < support.length; t++) {
        const j = support[t]!;
        const slot = next[j]!++;
        columnCentroids[slot] = c;
        columnValues[slot] = values[c * d + j]!;
      }
    }
  }
}

/** Rows of each cluster in ascending order, by a counting sort. */
function membersByCluster(
  assignments: Int32Array,
  k: number,
): { offsets: Int32Array; rows: Int32Array } {
  const offsets = new Int32Array(k + 1);
  for (let i = 0; i < assignments.length; i++) {
    offsets[assignments[i]! + 1]! += 1;
  }
  for (let c = 0; c < k; c++) offsets[c + 1]! += offsets[c]!;
  const next = offsets.slice(0, k);
  const rows = new Int32Array(assignments.length);
  for (let i = 0; i < assignments.length; i++) {
    rows[next[assignments[i]!]!++] = i;
  }
  return { offsets, rows };
}
