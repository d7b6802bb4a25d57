import type { CentroidSet } from "./centroid-set.js";
import type { SparseRows } from "./features.js";
import type { EmptyClusterRule, KMeansProgress } from "./kmeans-options.js";
import { NearestCentroid } from "./nearest-centroid.js";
import { squaredRowNorms } from "./sparse-rows.js";

/** Settings of `iterateKMeans`, already checked. */
export interface IterationSettings {
  k: number;
  maxIterations: number;
  /** Largest squared centroid shift that counts as converged. */
  tolerance: number;
  /** Hamerly's bounds on (true) or plain Lloyd (false). */
  useBounds: boolean;
  /** Spherical k-means: centroids scaled to unit length. */
  unit: boolean;
  emptyClusters: EmptyClusterRule;
  onIteration: ((progress: KMeansProgress) => void) | undefined;
}

/** Outcome of `iterateKMeans`, which updates the centroids in place. */
export interface IterationOutcome {
  /** Cluster of each (distinct) row. */
  assignments: Int32Array;
  /** Summed weight of each cluster: input rows per cluster. */
  sizes: Int32Array;
  iterations: number;
  converged: boolean;
  /** Distinct rows compared with every centroid, over all passes. */
  nearestSearches: number;
  /** Squared Euclidean norm of each final centroid. */
  centroidNorms: Float64Array;
}

/**
 * Relative slack on squared distances before a bound may skip a row:
 * |x|² + |c|² − 2 x·c loses about this much of |x|² + |c|² to rounding,
 * and a skip must not hide a centroid that is nearer only within it.
 */
const ROUNDING_SLACK = 1e-11;

/**
 * Runs Lloyd iterations from the given centroids on rows that each count
 * `weights[i]` times. Each iteration assigns every row to its nearest
 * centroid and recomputes the centroids that gained or lost rows. The
 * run stops when no assignment changes, when the largest squared shift
 * is at most `tolerance`, or after `maxIterations`. Unless no assignment
 * changed, a last assignment pass matches the assignments to the final
 * centroids, as scikit-learn does.
 *
 * With `useBounds`, each row keeps Hamerly's upper bound on the distance
 * to its centroid and lower bound on the distance to any other one. After
 * an update the bounds move by the centroid shifts (triangle inequality),
 * and a row whose upper bound stays below its lower bound keeps its
 * centroid without any distance computed.
 */
export function iterateKMeans(
  rows: SparseRows,
  weights: Int32Array,
  centroids: CentroidSet,
  settings: IterationSettings,
): IterationOutcome {
  const { k, maxIterations } = settings;
  const state = new AssignmentState(rows, weights, k, settings.useBounds);
  let iterations = 0;
  let converged = false;
  let assignmentsCurrent = false;

  while (iterations < maxIterations) {
    iterations++;
    let changed = state.assignAll(centroids);
    if (changed === 0) {
      converged = true;
      assignmentsCurrent = true;
      settings.onIteration?.({ k, iteration: iterations, maxIterations, changed });
      break;
    }
    if (settings.emptyClusters === "relocate") {
      changed += state.relocateEmpty(centroids, settings.unit);
    }
    const largestShift = centroids.update(
      rows,
      weights,
      state.assignments,
      state.sizes,
      state.changedClusters,
      settings.unit,
    );
    state.loosenBounds(centroids.shifts);
    settings.onIteration?.({ k, iteration: iterations, maxIterations, changed });
    if (largestShift <= settings.tolerance) {
      converged = true;
      break;
    }
  }

  if (!assignmentsCurrent) state.assignAll(centroids);
  return {
    assignments: state.assignments,
    sizes: state.sizes,
    iterations,
    converged,
    nearestSearches: state.nearestSearches,
    centroidNorms: centroids.squaredNorms,
  };
}

/**
 * Assigns every row to its nearest centroid (ties to the lower number),
 * without moving the centroids. O(rows + stored values × centroids per
 * column).
 */
export function assignNearest(
  rows: SparseRows,
  weights: Int32Array,
  centroids: CentroidSet,
): { assignments: Int32Array; sizes: Int32Array } {
  const state = new AssignmentState(rows, weights, centroids.k, false);
  state.assignAll(centroids);
  return { assignments: state.assignments, sizes: state.sizes };
}

/** Assignments, cluster sizes and Hamerly's bounds of every row. */
class AssignmentState {
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
  private readonly nearest: NearestCentroid;

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
    this.nearest = new NearestCentroid(rows, this.rowNorms, k);
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

      nearest.search(i, centroids);
      this.nearestSearches++;
      const best = nearest.best;
      upper[i] = Math.sqrt(nearest.bestDistance);
      lower[i] = Math.sqrt(nearest.secondDistance);
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
