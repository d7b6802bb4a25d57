import { createRandom } from "../random.js";
import { CentroidSet } from "./centroid-set.js";
import { iterateWithMlKMeans, suitsMlKMeans } from "./dense-kmeans.js";
import type { SparseRows } from "./features.js";
import { type IterationOutcome, iterateKMeans } from "./iterate-kmeans.js";
import { type DistinctRows, distinctRows, expandLabels } from "./distinct-rows.js";
import {
  type KMeansMetric,
  type KMeansOptions,
  type ResolvedKMeansOptions,
  resolveKMeansOptions,
} from "./kmeans-options.js";
import { chooseCentreRows, defaultLocalTrials, denseCentres } from "./seeding.js";
import { checkSparseRows, squaredRowNorms, unitRows } from "./sparse-rows.js";

export type {
  EmptyClusterRule,
  KMeansAlgorithm,
  KMeansMetric,
  KMeansOptions,
  KMeansProgress,
} from "./kmeans-options.js";

/** Result of `kMeans`. */
export interface KMeansResult {
  k: number;
  /** Cluster number of each row, 0 to k - 1. */
  assignments: Int32Array;
  /** Rows per cluster. */
  sizes: number[];
  /** Update steps run, at most `maxIterations`. */
  iterations: number;
  /** Whether a stopping rule fired before `maxIterations` ran out. */
  converged: boolean;
  /**
   * Summed distance of each row to its centroid: squared Euclidean under
   * `euclidean`, cosine distance 1 − cos(row, centroid) under `cosine`
   * (1 for a row with no nonzero value).
   */
  inertia: number;
  /**
   * Dense centroids, row-major, k × columnCount. The assignments are
   * nearest-centroid assignments against them; unless the run converged
   * with no change, a centroid may differ from the mean of its rows.
   */
  centroids: Float64Array;
  metric: KMeansMetric;
  /** Assignment method that ran (`auto` resolved). */
  algorithm: "hamerly" | "lloyd" | "ml-kmeans";
  /**
   * Rows compared with every centroid, over all passes. `hamerly` and
   * `lloyd` count distinct rows, and `lloyd` compares every one in every
   * pass, while Hamerly's bounds skip most. `ml-kmeans` counts input rows.
   */
  nearestSearches: number;
}

/**
 * Clusters sparse rows by k-means: greedy k-means++ seeding, then Lloyd
 * iterations that alternate nearest-centroid assignment and centroid
 * update (see `KMeansMetric` for the two objectives and
 * `KMeansAlgorithm` for the assignment methods).
 *
 * Rows stay sparse and centroids dense. Equal rows are clustered once,
 * weighted by their count, which gives the same result. With Hamerly's
 * bounds most rows skip the search after a few iterations. A search
 * costs the centroid entries in the row's columns plus O(k), and
 * O(stored values × k) at worst. An update costs the stored values of
 * the clusters that gained or lost rows. Memory is O(stored values + k ×
 * columnCount).
 *
 * Under `cosine`, a row with no nonzero value is equally far (cosine
 * distance 1) from every centroid, so it joins cluster 0 and does not
 * move any centroid.
 *
 * @throws {OptionError} listing every invalid option with its value and
 *   the accepted range (for example k outside 1 to the number of rows).
 * @throws {InputError} when `rows` is not a well-formed CSR matrix.
 * @example
 * const rows = sparseRowsFromDense([[1, 1, 0], [1, 1, 0], [0, 0, 1]]);
 * const result = kMeans(rows, { k: 2, seed: 1 });
 * result.assignments; // Int32Array [0, 0, 1]
 * result.sizes; // [2, 1]
 * result.inertia; // 0
 */
export function kMeans(rows: SparseRows, options: KMeansOptions): KMeansResult {
  checkSparseRows(rows);
  const settings = resolveKMeansOptions(options, rows.rowCount, rows.columnCount);
  const { k, metric } = settings;
  const requested = settings.algorithm;
  const prepared = metric === "cosine" ? unitRows(rows) : rows;
  const distinct = distinctRows(prepared);
  const centroids = initialCentroids(distinct, settings);
  if (rows.rowCount === 0) {
    const algorithm = requested === "auto" ? "hamerly" : requested;
    return emptyResult(k, centroids, metric, algorithm);
  }

  const emptyClusters =
    settings.emptyClusters ?? (requested === "ml-kmeans" ? "keep" : "relocate");
  const iteration = {
    k,
    maxIterations: settings.maxIterations,
    tolerance: settings.tolerance,
    useBounds: requested !== "lloyd",
    unit: metric === "cosine",
    emptyClusters,
    onIteration: settings.onIteration,
  };

  // ml-kmeans has no row weights, so it clusters every input row.
  let clustered: { rows: SparseRows; weights: Int32Array } = distinct;
  let outcome: IterationOutcome | undefined;
  const denseFit = suitsMlKMeans(prepared, distinct.rows.rowCount, settings);
  if (requested === "ml-kmeans" || (requested === "auto" && denseFit)) {
    // Under `auto` a run that empties a cluster is abandoned for Hamerly,
    // which applies the `relocate` rule.
    const stopOnEmpty = requested === "auto" && emptyClusters === "relocate";
    outcome = iterateWithMlKMeans(prepared, centroids, iteration, stopOnEmpty);
    if (outcome !== undefined) {
      clustered = { rows: prepared, weights: new Int32Array(rows.rowCount).fill(1) };
    }
  }
  let algorithm: KMeansResult["algorithm"] = "ml-kmeans";
  if (outcome === undefined) {
    algorithm = requested === "lloyd" ? "lloyd" : "hamerly";
    const set = new CentroidSet(centroids, k, rows.columnCount);
    outcome = iterateKMeans(distinct.rows, distinct.weights, set, iteration);
  }

  const inertia = inertiaOf(
    clustered.rows,
    clustered.weights,
    outcome.assignments,
    centroids,
    outcome.centroidNorms,
    metric,
  );
  const assignments =
    clustered === distinct
      ? expandLabels(outcome.assignments, distinct.distinctOf)
      : outcome.assignments;
  return {
    k,
    assignments,
    sizes: Array.from(outcome.sizes),
    iterations: outcome.iterations,
    converged: outcome.converged,
    inertia,
    centroids,
    metric,
    algorithm,
    nearestSearches: outcome.nearestSearches,
  };
}

function emptyResult(
  k: number,
  centroids: Float64Array,
  metric: KMeansMetric,
  algorithm: KMeansResult["algorithm"],
): KMeansResult {
  return {
    k,
    assignments: new Int32Array(0),
    sizes: new Array<number>(k).fill(0),
    iterations: 0,
    converged: true,
    inertia: 0,
    centroids,
    metric,
    algorithm,
    nearestSearches: 0,
  };
}

/** Copies the given initial centroids, or seeds them by k-means++. */
function initialCentroids(
  distinct: DistinctRows,
  settings: ResolvedKMeansOptions,
): Float64Array {
  const { k, metric } = settings;
  const { rows, weights } = distinct;
  const d = rows.columnCount;
  if (settings.initialCentroids !== undefined) {
    const initial = settings.initialCentroids;
    const copy =
      initial instanceof Float64Array
        ? initial.slice()
        : Float64Array.from(initial);
    if (metric === "cosine") {
      // Options checking has rejected all-zero centroids under cosine.
      for (let c = 0; c < k; c++) {
        const centroid = copy.subarray(c * d, (c + 1) * d);
        let norm = 0;
        for (let j = 0; j < d; j++) norm += centroid[j]! * centroid[j]!;
        const length = Math.sqrt(norm);
        // Rescaling a unit centroid, such as one from seedKMeansPlusPlus,
        // would only add rounding and could flip ties.
        if (Math.abs(length - 1) <= 1e-12) continue;
        for (let j = 0; j < d; j++) centroid[j]! /= length;
      }
    }
    return copy;
  }
  if (rows.rowCount === 0) return new Float64Array(k * d);
  const chosen = chooseCentreRows(rows, weights, {
    k,
    random: createRandom(settings.seed),
    localTrials: defaultLocalTrials(k),
    skipZeroRows: metric === "cosine",
  });
  return denseCentres(rows, chosen);
}

/**
 * Summed distance of the rows to their centroids, as `KMeansResult`
 * defines it, with row `i` counted `weights[i]` times.
 */
function inertiaOf(
  rows: SparseRows,
  weights: Int32Array,
  labels: Int32Array,
  centroids: Float64Array,
  centroidNorms: Float64Array,
  metric: KMeansMetric,
): number {
  const d = rows.columnCount;
  const rowNorms = squaredRowNorms(rows);
  let total = 0;
  for (let i = 0; i < rows.rowCount; i++) {
    const c = labels[i]!;
    let dot = 0;
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      dot += rows.values[p]! * centroids[c * d + rows.indices[p]!]!;
    }
    const distance =
      metric === "cosine"
        ? 1 - dot
        : rowNorms[i]! + centroidNorms[c]! - 2 * dot;
    total += weights[i]! * (distance > 0 ? distance : 0);
  }
  return total;
}
