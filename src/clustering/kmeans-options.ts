import { type InputIssue, OptionError, describeValue } from "../errors.js";

/**
 * Distance that k-means minimises:
 * - `euclidean`: squared Euclidean distance to the centroid (Lloyd's
 *   k-means). Suits count data, where magnitude matters.
 * - `cosine`: spherical k-means (Dhillon and Modha, "Concept
 *   decompositions for large sparse text data using clustering", 2001).
 *   Rows are scaled to unit length and centroids are the normalised mean
 *   direction, so the nearest centroid is the one of highest cosine
 *   similarity. Suits binary grants, where an identity with many grants
 *   should still join the cluster whose profile its grants follow.
 *
 * Jaccard distance is not offered here, because k-means needs a centroid
 * that minimises the summed distance of its members, and only Euclidean
 * means and normalised means have one in closed form. Jaccard is offered
 * for evaluation (`silhouette`, `chooseK`).
 */
export type KMeansMetric = "euclidean" | "cosine";

/**
 * Method of the assignment step, which finds each row's nearest centroid:
 * - `hamerly`: Hamerly's bounds (Hamerly, "Making k-means even faster",
 *   SDM 2010) skip rows whose nearest centroid cannot have changed.
 *   Same assignments as `lloyd` up to floating-point ties.
 * - `lloyd`: every row is compared with every centroid in each iteration.
 * - `ml-kmeans`: the dense ml-kmeans package on expanded rows, seeded with
 *   the same k-means++ centres. Memory is O(rows × columns), so it serves
 *   small dense problems and as a reference. Euclidean metric only, and
 *   empty clusters keep their centroid.
 * - `auto`: `ml-kmeans` for a small dense problem (Euclidean metric, at
 *   most 2^20 cells, at least 60 % of them nonzero, at least 90 % of the
 *   rows distinct), else `hamerly`. Under the `relocate` rule, a run of
 *   ml-kmeans that empties a cluster restarts with `hamerly`, so the
 *   result is the same whichever method ran, up to floating-point ties.
 */
export type KMeansAlgorithm = "auto" | "hamerly" | "lloyd" | "ml-kmeans";

/**
 * Treatment of a cluster that loses all its rows:
 * - `relocate`: as in scikit-learn, the centroid moves to the row
 *   farthest from its own centroid. Each empty cluster takes one such
 *   row, with the copies of it, from a cluster that keeps another row.
 * - `keep`: the centroid stays where it was, as ml-kmeans does.
 */
export type EmptyClusterRule = "relocate" | "keep";

/** Progress of one k-means iteration. */
export interface KMeansProgress {
  /** Number of clusters of the run. */
  k: number;
  /** Iteration just finished, from 1. */
  iteration: number;
  maxIterations: number;
  /** Assignments that changed in this iteration. */
  changed: number;
}

/** Options of `kMeans`. */
export interface KMeansOptions {
  /** Number of clusters, 1 to the number of rows. */
  k: number;
  /** Seed of the k-means++ initialisation. Default 1. */
  seed?: number;
  /** Cap on Lloyd iterations, a whole number >= 1. Default 100. */
  maxIterations?: number;
  /**
   * Convergence threshold on the largest squared Euclidean shift of any
   * centroid between two iterations, in squared feature units. Default
   * 1e-6, and 0 runs until no assignment changes. Iteration also stops
   * when no assignment changes.
   */
  tolerance?: number;
  /** Distance to minimise. Default `euclidean`. */
  metric?: KMeansMetric;
  /** Assignment method. Default `auto`. */
  algorithm?: KMeansAlgorithm;
  /**
   * Starting centroids, row-major, k × columnCount, in place of k-means++
   * seeding (the layout of `KMeansResult.centroids`). Under `cosine` none
   * may be all zero, and a copy of each is scaled to unit length unless
   * its length is within 1e-12 of 1. The array itself is not modified.
   */
  initialCentroids?: ArrayLike<number>;
  /**
   * Treatment of a cluster that loses all its rows. Default `keep` with
   * algorithm `ml-kmeans`, else `relocate`.
   */
  emptyClusters?: EmptyClusterRule;
  /** Called after each iteration, for progress display. */
  onIteration?: (progress: KMeansProgress) => void;
}

/** `KMeansOptions` with defaults applied and every field checked. */
export interface ResolvedKMeansOptions {
  k: number;
  seed: number;
  maxIterations: number;
  tolerance: number;
  metric: KMeansMetric;
  algorithm: KMeansAlgorithm;
  initialCentroids: ArrayLike<number> | undefined;
  /** As given; undefined means the default of the method that runs. */
  emptyClusters: EmptyClusterRule | undefined;
  onIteration: ((progress: KMeansProgress) => void) | undefined;
}

const METRICS: readonly KMeansMetric[] = ["euclidean", "cosine"];
const ALGORITHMS: readonly KMeansAlgorithm[] = [
  "auto",
  "hamerly",
  "lloyd",
  "ml-kmeans",
];
const EMPTY_CLUSTER_RULES: readonly EmptyClusterRule[] = ["relocate", "keep"];

/**
 * Applies the defaults of `KMeansOptions` and checks every field against
 * a matrix of `rowCount` rows and `columnCount` columns.
 *
 * @throws {OptionError} listing every invalid field with its value and
 *   the accepted range.
 */
export function resolveKMeansOptions(
  options: KMeansOptions,
  rowCount: number,
  columnCount: number,
): ResolvedKMeansOptions {
  const issues: InputIssue[] = [];
  const { k } = options;
  const validK = Number.isInteger(k) && k >= 1 && k <= Math.max(1, rowCount);
  if (!validK) {
    issues.push({
      path: "k",
      received: describeValue(k),
      expected: `a whole number from 1 to the number of rows (${rowCount})`,
    });
  }
  const seed = options.seed ?? 1;
  checkSeed(seed, issues);
  const maxIterations = options.maxIterations ?? 100;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    issues.push({
      path: "maxIterations",
      received: describeValue(maxIterations),
      expected: "a whole number >= 1",
    });
  }
  const tolerance = options.tolerance ?? 1e-6;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    issues.push({
      path: "tolerance",
      received: describeValue(tolerance),
      expected: "a finite number >= 0 (a squared centroid shift)",
    });
  }
  const metric = options.metric ?? "euclidean";
  checkChoice("metric", metric, METRICS, issues);
  const algorithm = options.algorithm ?? "auto";
  checkChoice("algorithm", algorithm, ALGORITHMS, issues);
  const { emptyClusters } = options;
  if (emptyClusters !== undefined) {
    checkChoice("emptyClusters", emptyClusters, EMPTY_CLUSTER_RULES, issues);
  }
  if (algorithm === "ml-kmeans") {
    checkMlKMeansFit(metric, emptyClusters ?? "keep", issues);
  }
  // The expected size of the initial centroids depends on k.
  if (validK) {
    checkInitialCentroids(
      options.initialCentroids,
      { k, columnCount, metric },
      issues,
    );
  }
  const { onIteration } = options;
  if (onIteration !== undefined && typeof onIteration !== "function") {
    issues.push({
      path: "onIteration",
      received: describeValue(onIteration),
      expected: "a function or undefined",
    });
  }
  if (issues.length > 0) throw new OptionError(issues);

  return {
    k,
    seed,
    maxIterations,
    tolerance,
    metric,
    algorithm,
    initialCentroids: options.initialCentroids,
    emptyClusters,
    onIteration,
  };
}

/** Adds an issue when `seed` is not a finite number. */
export function checkSeed(seed: unknown, issues: InputIssue[]): void {
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    issues.push({
      path: "seed",
      received: describeValue(seed),
      expected: "a finite number (its whole part seeds the generator)",
    });
  }
}

/** Adds an issue when `value` is not one of `choices`. */
export function checkChoice<T>(
  path: string,
  value: unknown,
  choices: readonly T[],
  issues: InputIssue[],
): void {
  if (!choices.includes(value as T)) {
    issues.push({
      path,
      received: describeValue(value),
      expected: `one of ${choices.map((c) => `"${c}"`).join(", ")}`,
    });
  }
}

function checkMlKMeansFit(
  metric: KMeansMetric,
  emptyClusters: EmptyClusterRule,
  issues: InputIssue[],
): void {
  if (metric !== "euclidean") {
    issues.push({
      path: "metric",
      received: describeValue(metric),
      expected: `"euclidean" with algorithm "ml-kmeans"; use "hamerly" for cosine`,
    });
  }
  if (emptyClusters !== "keep") {
    issues.push({
      path: "emptyClusters",
      received: describeValue(emptyClusters),
      expected: `"keep" with algorithm "ml-kmeans", which cannot relocate`,
    });
  }
}

function checkInitialCentroids(
  centroids: ArrayLike<number> | undefined,
  { k, columnCount, metric }: CentroidShape,
  issues: InputIssue[],
): void {
  if (centroids === undefined) return;
  const size = k * columnCount;
  if (typeof centroids !== "object" || centroids.length !== size) {
    issues.push({
      path: "initialCentroids",
      received:
        typeof centroids === "object"
          ? `${centroids.length} values`
          : describeValue(centroids),
      expected: `k × columnCount = ${k} × ${columnCount} = ${size} values, row-major`,
    });
    return;
  }
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let index = c * columnCount; index < (c + 1) * columnCount; index++) {
      const value = centroids[index]!;
      if (!Number.isFinite(value)) {
        issues.push({
          path: `initialCentroids.${index}`,
          received: describeValue(value),
          expected: "a finite number",
        });
        return;
      }
      norm += value * value;
    }
    if (metric === "cosine" && norm === 0) {
      issues.push({
        path: `initialCentroids (centroid ${c})`,
        received: "an all-zero centroid",
        expected: "a nonzero direction under the cosine metric",
      });
    }
  }
}

interface CentroidShape {
  k: number;
  columnCount: number;
  metric: KMeansMetric;
}
