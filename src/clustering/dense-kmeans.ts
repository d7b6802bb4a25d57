import { kmeansGenerator } from "ml-kmeans";
import { CentroidSet } from "./centroid-set.js";
import type { SparseRows } from "./features.js";
import {
  type IterationOutcome,
  type IterationSettings,
  assignNearest,
} from "./iterate-kmeans.js";
import type {
  KMeansProgress,
  ResolvedKMeansOptions,
} from "./kmeans-options.js";
import { denseRows } from "./sparse-rows.js";

/** Largest rows × columns that `auto` hands to ml-kmeans. */
const DENSE_CELL_LIMIT = 2 ** 20;

/**
 * Returns whether `auto` should run ml-kmeans: a Euclidean problem of at
 * most 2^20 cells, at least 60 % nonzero, with at least 90 % of its rows
 * distinct. On
 * random count matrices ml-kmeans ran 1.3 to 2 times faster than
 * `hamerly` at densities 0.7 to 0.9 (2,000 × 100 and 5,000 × 200, k 20),
 * and as fast at 0.6. Sparse or repetitive rows favour `hamerly`, by 20
 * to 40 times on the HP Labs fire2 and emea sets.
 */
export function suitsMlKMeans(
  rows: SparseRows,
  distinctRowCount: number,
  settings: ResolvedKMeansOptions,
): boolean {
  const cells = rows.rowCount * rows.columnCount;
  return (
    settings.metric === "euclidean" &&
    cells > 0 &&
    cells <= DENSE_CELL_LIMIT &&
    rows.indices.length >= 0.6 * cells &&
    distinctRowCount >= 0.9 * rows.rowCount
  );
}

/**
 * Runs ml-kmeans 7 (dense Lloyd iterations, squared Euclidean distance)
 * from the given centroids and writes its final centroids back into
 * `centroids` (k × d, row-major). ml-kmeans keeps the centroid of an
 * emptied cluster, and stops when every centroid moved at most
 * `tolerance` (squared) or after `maxIterations`, like `iterateKMeans`.
 * Rows are expanded to dense arrays, so memory is O(rows × columns).
 *
 * With `stopOnEmptyCluster`, the run is abandoned as soon as a cluster
 * is empty after an assignment, and undefined is returned with
 * `centroids` untouched. A run that never empties a cluster makes the
 * same steps under either empty-cluster rule, so the caller can fall
 * back to `iterateKMeans` and keep the `relocate` rule. Progress is then
 * reported only once the run has completed.
 */
export function iterateWithMlKMeans(
  rows: SparseRows,
  centroids: Float64Array,
  settings: IterationSettings,
  stopOnEmptyCluster: boolean,
): IterationOutcome | undefined {
  const { k, maxIterations } = settings;
  const d = rows.columnCount;
  const data = denseRows(rows);
  const initialization: number[][] = [];
  for (let c = 0; c < k; c++) {
    initialization.push(Array.from(centroids.subarray(c * d, (c + 1) * d)));
  }

  const reports: KMeansProgress[] = [];
  let previous: readonly number[] = new Array<number>(rows.rowCount).fill(-1);
  let last: { centroids: number[][]; converged: boolean } | undefined;
  const steps = kmeansGenerator(data, k, {
    initialization,
    maxIterations,
    tolerance: settings.tolerance,
  });
  for (const step of steps) {
    if (stopOnEmptyCluster && hasEmptyCluster(step.clusters, k)) return undefined;
    let changed = 0;
    for (let i = 0; i < step.clusters.length; i++) {
      if (step.clusters[i] !== previous[i]) changed++;
    }
    previous = step.clusters.slice();
    last = step;
    const progress = { k, iteration: reports.length + 1, maxIterations, changed };
    reports.push(progress);
    if (!stopOnEmptyCluster) settings.onIteration?.(progress);
  }
  if (stopOnEmptyCluster) reports.forEach((progress) => settings.onIteration?.(progress));
  for (let c = 0; c < k; c++) centroids.set(last!.centroids[c]!, c * d);

  // One pass of our own matches the assignments to the final centroids.
  const set = new CentroidSet(centroids, k, d);
  const ones = new Int32Array(rows.rowCount).fill(1);
  const final = assignNearest(rows, ones, set);
  return {
    assignments: final.assignments,
    sizes: final.sizes,
    iterations: reports.length,
    converged: last!.converged,
    nearestSearches: rows.rowCount * (reports.length + 1),
    centroidNorms: set.squaredNorms,
  };
}

function hasEmptyCluster(clusters: readonly number[], k: number): boolean {
  const seen = new Uint8Array(k);
  let count = 0;
  for (const c of clusters) {
    if (seen[c] === 0) {
      seen[c] = 1;
      count++;
    }
  }
  return count < k;
}
