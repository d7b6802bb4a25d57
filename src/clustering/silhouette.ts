import {
  InputError,
  type InputIssue,
  OptionError,
  describeValue,
} from "../errors.js";
import { type RandomSource, createRandom, randomInt } from "../random.js";
import {
  DISTANCE_METRICS,
  type DistanceMetric,
  pairwiseDistances,
} from "./distances.js";
import type { SparseRows } from "./features.js";
import { checkChoice, checkSeed } from "./kmeans-options.js";
import { checkSparseRows } from "./sparse-rows.js";

/** Options of `silhouette`. */
export interface SilhouetteOptions {
  /** Distance between rows. Default `euclidean`. */
  metric?: DistanceMetric;
  /**
   * Rows drawn, without replacement, to score; all rows when there are
   * at most this many. A whole number >= 2. Default 1000.
   */
  sampleSize?: number;
  /** Seed of the sample. Default 1. */
  seed?: number;
}

/** Result of `silhouette`. */
export interface SilhouetteResult {
  /**
   * Mean silhouette of the sampled rows, from −1 to 1, higher for
   * tighter, better separated clusters. NaN when the sample contains fewer
   * than two clusters, where the silhouette is undefined.
   */
  score: number;
  /** Row numbers scored, ascending. */
  sample: Int32Array;
  /** Silhouette of each sampled row, aligned with `sample`. */
  values: Float64Array;
  metric: DistanceMetric;
}

/** Default `sampleSize` of `silhouette` and `chooseK`. */
export const DEFAULT_SILHOUETTE_SAMPLE = 1000;

/**
 * Scores a clustering by its mean silhouette (Rousseeuw, "Silhouettes: a
 * graphical aid to the interpretation and validation of cluster
 * analysis", 1987) on a seeded sample of rows. For a sampled row with
 * mean distance a to the other sampled rows of its cluster, and mean
 * distance b to the sampled rows of the nearest other cluster, the
 * silhouette is (b − a) / max(a, b). A row alone in its cluster within
 * the sample scores 0, as in scikit-learn's `silhouette_samples`.
 *
 * Time O(s² + s·k) and memory O(s²) for a sample of s rows, plus the
 * distance computations (see `pairwiseDistances`).
 *
 * @throws {OptionError} when metric, sampleSize or seed is invalid.
 * @throws {InputError} when `rows` is malformed, or `assignments` does
 *   not give a whole number >= 0 for each row.
 * @example
 * const rows = sparseRowsFromDense([[1, 0], [1, 0], [0, 1], [0, 1]]);
 * silhouette(rows, [0, 0, 1, 1]).score; // 1
 */
export function silhouette(
  rows: SparseRows,
  assignments: ArrayLike<number>,
  options: SilhouetteOptions = {},
): SilhouetteResult {
  checkSparseRows(rows);
  const { metric, sampleSize, seed } = resolveSilhouetteOptions(options);
  checkAssignments(assignments, rows.rowCount);
  const sample = sampleRowNumbers(rows.rowCount, sampleSize, createRandom(seed));
  const distances = pairwiseDistances(rows, sample, metric);
  const labels = Int32Array.from(sample, (i) => assignments[i]!);
  const { score, values } = silhouetteOfSample(distances, labels);
  return { score, sample, values, metric };
}

/** Checked options of `silhouette`, defaults applied. */
export function resolveSilhouetteOptions(
  options: SilhouetteOptions,
): Required<SilhouetteOptions> {
  const issues: InputIssue[] = [];
  const metric = options.metric ?? "euclidean";
  checkChoice("metric", metric, DISTANCE_METRICS, issues);
  const sampleSize = options.sampleSize ?? DEFAULT_SILHOUETTE_SAMPLE;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) {
    issues.push({
      path: "sampleSize",
      received: describeValue(sampleSize),
      expected: "a whole number >= 2",
    });
  }
  const seed = options.seed ?? 1;
  checkSeed(seed, issues);
  if (issues.length > 0) throw new OptionError(issues);
  return { metric, sampleSize, seed };
}

function checkAssignments(assignments: ArrayLike<number>, n: number): void {
  const issues: InputIssue[] = [];
  if (assignments.length !== n) {
    issues.push({
      path: "assignments.length",
      received: String(assignments.length),
      expected: `one cluster number per row (${n})`,
    });
  } else {
    for (let i = 0; i < n; i++) {
      const label = assignments[i]!;
      if (Number.isInteger(label) && label >= 0) continue;
      issues.push({
        path: `assignments.${i}`,
        received: describeValue(label),
        expected: "a cluster number, a whole number >= 0",
      });
      break;
    }
  }
  if (issues.length > 0) throw new InputError("assignments", issues);
}

/**
 * Draws `size` of the row numbers 0 to n − 1 without replacement (a
 * partial Fisher-Yates shuffle), ascending; all of them when n <= size.
 */
export function sampleRowNumbers(
  n: number,
  size: number,
  random: RandomSource,
): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (n <= size) return all;
  for (let t = 0; t < size; t++) {
    const pick = t + randomInt(random, n - t);
    const swap = all[t]!;
    all[t] = all[pick]!;
    all[pick] = swap;
  }
  return all.slice(0, size).sort();
}

/**
 * Silhouette of each of the s sampled rows from their s × s distance
 * matrix and their cluster labels, with the mean as `score`.
 */
export function silhouetteOfSample(
  distances: Float64Array,
  labels: Int32Array,
): { score: number; values: Float64Array } {
  const s = labels.length;
  const values = new Float64Array(s);
  let clusterCount = 0;
  for (const label of labels) clusterCount = Math.max(clusterCount, label + 1);
  const counts = new Int32Array(clusterCount);
  for (const label of labels) counts[label]! += 1;
  let present = 0;
  for (const count of counts) if (count > 0) present++;
  if (present < 2) return { score: NaN, values: values.fill(NaN) };

  const sums = new Float64Array(clusterCount);
  let total = 0;
  for (let a = 0; a < s; a++) {
    sums.fill(0);
    for (let b = 0; b < s; b++) sums[labels[b]!]! += distances[a * s + b]!;
    const own = labels[a]!;
    if (counts[own]! > 1) {
      const within = sums[own]! / (counts[own]! - 1);
      let nearest = Infinity;
      for (let c = 0; c < clusterCount; c++) {
        if (c === own || counts[c] === 0) continue;
        nearest = Math.min(nearest, sums[c]! / counts[c]!);
      }
      const scale = Math.max(within, nearest);
      values[a] = scale > 0 ? (nearest - within) / scale : 0;
    }
    total += values[a]!;
  }
  return { score: total / s, values };
}
