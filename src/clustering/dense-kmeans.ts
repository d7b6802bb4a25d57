import { kmeansGenerator } from "ml-kmeans";
import { CentroidSet } from "./centroid-set.js";
import type { SparseRows } from "./features.js";
import {
  type IterationOutcome,
  type IterationSettings,
  assignNearest,
} from "./hamerly.js";
import { denseRows } from "./sparse-rows.js";

/**
 * Runs ml-kmeans 7 (dense Lloyd iterations, squared Euclidean distance)
 * from the given centroids and writes its final centroids back into
 * `centroids` (k × d, row-major). ml-kmeans keeps the centroid of an
 * emptied cluster, and stops when every centroid moved at most
 * `tolerance` (squared) or after `maxIterations`, like `iterateKMeans`.
 * Rows are expanded to dense arrays, so memory is O(rows × columns).
 */
export function iterateWithMlKMeans(
  rows: SparseRows,
  centroids: Float64Array,
  settings: IterationSettings,
): IterationOutcome {
  const { k, maxIterations } = settings;
  const d = rows.columnCount;
  const data = denseRows(rows);
  const initialization: number[][] = [];
  for (let c = 0; c < k; c++) {
    initialization.push(Array.from(centroids.subarray(c * d, (c + 1) * d)));
  }

  let previous: readonly number[] = new Array<number>(rows.rowCount).fill(-1);
  let last: { centroids: number[][]; converged: boolean } | undefined;
  let iterations = 0;
  const steps = kmeansGenerator(data, k, {
    initialization,
    maxIterations,
    tolerance: settings.tolerance,
  });
  for (const step of steps) {
    iterations++;
    let changed = 0;
    for (let i = 0; i < step.clusters.length; i++) {
      if (step.clusters[i] !== previous[i]) changed++;
    }
    previous = step.clusters.slice();
    last = step;
    settings.onIteration?.({ k, iteration: iterations, maxIterations, changed });
  }
  for (let c = 0; c < k; c++) centroids.set(last!.centroids[c]!, c * d);

  // One pass of our own matches the assignments to the final centroids.
  const set = new CentroidSet(centroids, k, d);
  const ones = new Int32Array(rows.rowCount).fill(1);
  const final = assignNearest(rows, ones, set);
  return {
    assignments: final.assignments,
    sizes: final.sizes,
    iterations,
    converged: last!.converged,
    nearestSearches: rows.rowCount * (iterations + 1),
    centroidNorms: set.squaredNorms,
  };
}
