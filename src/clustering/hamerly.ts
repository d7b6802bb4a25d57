import type { CentroidSet } from "./centroid-set.js";
import type { SparseRows } from "./features.js";
import { MovedCentroidLog } from "./moved-centroids.js";
import { NearestCentroid } from "./nearest-centroid.js";
import { squaredRowNorms } from "./sparse-rows.js";

/**
 * Relative slack on squared distances before a bound may skip a row:
 * |x|² + |c|² − 2 x·c loses about this much of |x|² + |c|² to rounding,
 * and a skip must not hide a centroid that is nearer only within it.
 */
const ROUNDING_SLACK = 1e-11;

/**
 * Assignments and cluster sizes of every row, with Hamerly's bounds
 * (Hamerly, "Making k-means even faster", SIAM SDM 2010) when
 * `useBounds` is set: an upper bound on the distance to the assigned
 * centroid and a lower bound on the distance to any other. After an
 * update the bounds move by the centroid shifts (triangle inequality),
 * and a row whose upper bound stays below its lower bound keeps its
 * centroid without any distance computed.
 */
export class HamerlyAssignment {
  readonly assignments: Int32Array;
  readonly sizes: Int32Array;
  readonly changedClusters: Uint8Array;
  nearestSearches = 0;

  private readonly weights: Int32Array;
  private readonly rowNorms: Float64Array;
  private readonly useBounds: boolean;
  /** Upper bound on the Euclidean distance to the assigned centroid. */
  private readonly upper: Float64Array;
  /** Lower bound on the Euclidean distance to any other centroid. */
  private readonly lower: Float64Array;
  /** Updates done at the row's last full search; −1 before any. */
  private readonly searchedAt: Int32Array;
  /** Nearest centroid found by the row's last full search. */
  private readonly searchedBest: Int32Array;
  /** Squared distance to the runner-up at the row's last full search. */
  private readonly searchedSecond: Float64Array;
  private readonly nearest: NearestCentroid;
  private readonly moves: MovedCentroidLog;

  constructor(
    rows: SparseRows,
    weights: Int32Array,
    k: number,
    useBounds: boolean,
  ) {
    const n = rows.rowCount;
    this.weights = weights;
    this.rowNorms = squaredRowNorms(rows);
    this.useBounds = useBounds;
    this.assignments = new Int32Array(n).fill(-1);
    this.sizes = new Int32Array(k);
    this.changedClusters = new Uint8Array(k);
    this.upper = new Float64Array(n);
    this.lower = new Float64Array(n);
    this.searchedAt = new Int32Array(n).fill(-1);
    this.searchedBest = new Int32Array(n);
    this.searchedSecond = new Float64Array(n);
    this.nearest = new NearestCentroid(rows, this.rowNorms, k);
    this.moves = new MovedCentroidLog(k);
  }

  /**
   * Assigns every row to its nearest centroid; returns the number of
   * input rows that changed cluster.
   */
  assignAll(centroids: CentroidSet): number {
    const { assignments, sizes, weights, upper, lower, nearest, rowNorms } =
      this;
    let largestNorm = 0;
    for (const norm of centroids.squaredNorms) {
      if (norm > largestNorm) largestNorm = norm;
    }
    this.changedClusters.fill(0);
    let changed = 0;
    for (let i = 0; i < assignments.length; i++) {
      const current = assignments[i]!;
      if (this.useBounds && current >= 0) {
        const bound = lower[i]!;
        const slack = ROUNDING_SLACK * (rowNorms[i]! + largestNorm + 1);
        if (upper[i]! < bound && bound * bound - upper[i]! ** 2 > slack) {
          continue;
        }
        const distance = Math.sqrt(nearest.distance(i, current, centroids));
        upper[i] = distance;
        if (distance < bound && bound * bound - distance * distance > slack) {
          continue;
        }
      }

      let best: number;
      if (this.useBounds && this.recheck(i, current, centroids)) {
        best = this.moves.best;
        upper[i] = Math.sqrt(this.moves.bestDistance);
        lower[i] = Math.sqrt(this.moves.secondDistance);
      } else {
        nearest.search(i, centroids);
        this.nearestSearches++;
        best = nearest.best;
        upper[i] = Math.sqrt(nearest.bestDistance);
        lower[i] = Math.sqrt(nearest.secondDistance);
        this.searchedAt[i] = this.moves.updates;
        this.searchedBest[i] = best;
        this.searchedSecond[i] = nearest.secondDistance;
      }
      if (best === current) continue;
      const weight = weights[i]!;
      if (current >= 0) {
        sizes[current]! -= weight;
        this.changedClusters[current] = 1;
      }
      sizes[best]! += weight;
      this.changedClusters[best] = 1;
      assignments[i] = best;
      changed += weight;
    }
    return changed;
  }

  private recheck(i: number, current: number, centroids: CentroidSet): boolean {
    const row = {
      searchedAt: this.searchedAt[i]!,
      searchedBest: this.searchedBest[i]!,
      searchedSecond: this.searchedSecond[i]!,
      current,
    };
    return this.moves.recheck(i, row, this.nearest, centroids);
  }

  /** Records which centroids the last update moved. */
  recordMoves(shifts: Float64Array): void {
    if (this.useBounds) this.moves.record(shifts);
  }

  /**
   * Moves one distinct row, with all its copies, into each empty cluster:
   * the rows farthest from their own centroid first, taken only from
   * clusters that keep another row. Under `unit` (cosine) a row with no
   * nonzero value has no direction and is never moved. Returns the
   * number of input rows moved.
   */
  relocateEmpty(centroids: CentroidSet, unit: boolean): number {
    const { assignments, sizes, weights, rowNorms } = this;
    const empty: number[] = [];
    for (let c = 0; c < sizes.length; c++) if (sizes[c] === 0) empty.push(c);
    if (empty.length === 0) return 0;

    const n = assignments.length;
    const distances = new Float64Array(n);
    const candidates: number[] = [];
    for (let i = 0; i < n; i++) {
      if (unit && rowNorms[i] === 0) continue;
      distances[i] = this.nearest.distance(i, assignments[i]!, centroids);
      if (distances[i]! > 0) candidates.push(i);
    }
    candidates.sort((a, b) => distances[b]! - distances[a]! || a - b);

    let moved = 0;
    let next = 0;
    const keepsAnother = (i: number) =>
      sizes[assignments[i]!]! > weights[i]!;
    for (const c of empty) {
      while (next < candidates.length && !keepsAnother(candidates[next]!)) {
        next++;
      }
      if (next === candidates.length) break;
      const i = candidates[next++]!;
      const from = assignments[i]!;
      sizes[from]! -= weights[i]!;
      sizes[c] = weights[i]!;
      assignments[i] = c;
      this.changedClusters[from] = 1;
      this.changedClusters[c] = 1;
      // Unknown distances now: force a full search next pass.
      this.upper[i] = Infinity;
      this.lower[i] = 0;
      this.searchedAt[i] = -1;
      moved += weights[i]!;
    }
    return moved;
  }

  /** Moves the bounds by the centroid shifts of the last update. */
  loosenBounds(shifts: Float64Array): void {
    if (!this.useBounds) return;
    let largest = 0;
    let secondLargest = 0;
    let largestCluster = -1;
    for (let c = 0; c < shifts.length; c++) {
      const shift = shifts[c]!;
      if (shift > largest) {
        secondLargest = largest;
        largest = shift;
        largestCluster = c;
      } else if (shift > secondLargest) {
        secondLargest = shift;
      }
    }
    const { assignments, upper, lower } = this;
    for (let i = 0; i < assignments.length; i++) {
      const c = assignments[i]!;
      upper[i]! += shifts[c]!;
      lower[i]! -= c === largestCluster ? secondLargest : largest;
    }
  }
}
