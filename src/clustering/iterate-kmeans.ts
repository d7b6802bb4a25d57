import type { CentroidSet } from "./centroid-set.js";
import type { SparseRows } from "./features.js";
import { HamerlyAssignment } from "./hamerly.js";
import type { EmptyClusterRule, KMeansProgress } from "./kmeans-options.js";

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
 * Runs Lloyd iterations from the given centroids on rows that each count
 * `weights[i]` times. Each iteration assigns every row to its nearest
 * centroid and recomputes the centroids that gained or lost rows. The
 * run stops when no assignment changes, when the largest squared shift
 * is at most `tolerance`, or after `maxIterations`. Unless no assignment
 * changed, a last assignment pass matches the assignments to the final
 * centroids, as scikit-learn does.
 *
 * With `useBounds`, `HamerlyAssignment` skips rows by Hamerly's bounds
 * and rechecks others against the centroids moved since their last full
 * search, which gives the same assignments with far fewer distances.
 */
export function iterateKMeans(
  rows: SparseRows,
  weights: Int32Array,
  centroids: CentroidSet,
  settings: IterationSettings,
): IterationOutcome {
  const { k, maxIterations } = settings;
  const state = new HamerlyAssignment(rows, weights, k, settings.useBounds);
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
    state.recordMoves(centroids.shifts);
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
  const state = new HamerlyAssignment(rows, weights, centroids.k, false);
  state.assignAll(centroids);
  return { assignments: state.assignments, sizes: state.sizes };
}

