import { type InputIssue, OptionError, describeValue } from "../errors.js";
import { createRandom } from "../random.js";
import {
  DISTANCE_METRICS,
  type DistanceMetric,
  pairwiseDistances,
} from "./distances.js";
import type { SparseRows } from "./features.js";
import { type KMeansResult, kMeans } from "./kmeans.js";
import {
  type KMeansAlgorithm,
  type KMeansMetric,
  type KMeansProgress,
  checkChoice,
  resolveKMeansOptions,
} from "./kmeans-options.js";
import {
  resolveSilhouetteOptions,
  sampleRowNumbers,
  silhouetteOfSample,
} from "./silhouette.js";
import { checkSparseRows } from "./sparse-rows.js";

/** Options of `chooseK`. */
export interface ChooseKOptions {
  /**
   * Values of k to try, each a whole number from 2 to rows − 1 (where the
   * silhouette is defined). Default `defaultKCandidates(rows)`.
   */
  candidates?: readonly number[];
  /** Seed of every k-means run and of the silhouette sample. Default 1. */
  seed?: number;
  /** Metric k-means minimises. Default `euclidean`. */
  metric?: KMeansMetric;
  /**
   * Distance the silhouette uses. Default: the k-means metric, so that
   * the score judges what the clustering optimised.
   */
  silhouetteMetric?: DistanceMetric;
  /** Rows in the silhouette sample (see `silhouette`). Default 1000. */
  sampleSize?: number;
  /** As in `kMeans`. Default 100. */
  maxIterations?: number;
  /** As in `kMeans`. Default 1e-6. */
  tolerance?: number;
  /** As in `kMeans`. Default `auto`. */
  algorithm?: KMeansAlgorithm;
  /** Called after each candidate k is clustered and scored. */
  onCandidate?: (progress: ChooseKProgress) => void;
  /** Called after each k-means iteration of every candidate. */
  onIteration?: (progress: KMeansProgress) => void;
}

/** Score of one candidate k. */
export interface KCandidateScore {
  k: number;
  /** Mean silhouette on the sample, −1 to 1; NaN when undefined. */
  silhouette: number;
  /** `KMeansResult.inertia` of the run. */
  inertia: number;
  iterations: number;
  converged: boolean;
  /** Clusters that hold at least one row. */
  nonEmptyClusters: number;
}

/** Progress of `chooseK` after one candidate. */
export interface ChooseKProgress extends KCandidateScore {
  /** Candidates done so far, from 1. */
  done: number;
  candidateCount: number;
}

/** Result of `chooseK`. */
export interface ChooseKResult {
  /** The chosen k. */
  k: number;
  /** Scores of every candidate, in the order tried (ascending k). */
  scores: KCandidateScore[];
  /** The k-means run of the chosen k. */
  result: KMeansResult;
  /** Rows in the silhouette sample. */
  sampleSize: number;
  silhouetteMetric: DistanceMetric;
}

/**
 * Lists the default candidates of `chooseK` for n rows: every k from 2
 * to 10, then 12, 16, 24, 32, 48, 64, … (powers of two and 1.5 times
 * them). The largest is at most ⌈√n⌉, after the common rule of thumb
 * k ≤ √n, and at most n − 1.
 *
 * @example
 * defaultKCandidates(200); // [2, 3, 4, 5, 6, 7, 8, 9, 10, 12]
 */
export function defaultKCandidates(rowCount: number): number[] {
  const limit = Math.min(rowCount - 1, Math.max(2, Math.ceil(Math.sqrt(rowCount))));
  const candidates: number[] = [];
  for (let k = 2; k <= Math.min(10, limit); k++) candidates.push(k);
  for (let power = 8; power * 1.5 <= limit || power * 2 <= limit; power *= 2) {
    if (power * 1.5 <= limit) candidates.push(power * 1.5);
    if (power * 2 <= limit) candidates.push(power * 2);
  }
  return candidates;
}

/**
 * Chooses the number of clusters by the silhouette. For each candidate
 * k, `kMeans` runs with the same seed, and its clustering is scored by
 * the mean silhouette on one seeded sample of rows. The k of highest
 * score wins, the smaller k on a tie, and every score is returned so
 * that a report can show them.
 *
 * The sample's pairwise distances are computed once, so each candidate
 * costs one k-means run plus O(s² + s·k) for a sample of s rows.
 *
 * NOTE: on sparse grant rows with many equal rows the silhouette tends to
 * rise with k. On the HP Labs apj set it peaks at the largest default
 * candidate, 32, so there the cap decides more than the score does.
 * Pass `candidates` when a different range is wanted.
 *
 * @throws {OptionError} when a candidate is not a whole number from 2 to
 *   rows − 1, when no candidate remains (fewer than 3 rows), or when any
 *   other option is invalid (see `kMeans` and `silhouette`).
 * @throws {InputError} when `rows` is not a well-formed CSR matrix.
 * @example
 * const rows = sparseRowsFromDense([
 *   [1, 1, 0, 0], [1, 1, 0, 0], [1, 1, 0, 0],
 *   [0, 0, 1, 1], [0, 0, 1, 1], [0, 0, 1, 1],
 * ]);
 * const choice = chooseK(rows, { candidates: [2, 3, 4] });
 * choice.scores.map((score) => score.silhouette); // [1, 1, 1]
 * choice.scores.map((score) => score.nonEmptyClusters); // [2, 2, 2]
 * choice.k; // 2, the smallest of the tied candidates
 */
export function chooseK(rows: SparseRows, options: ChooseKOptions = {}): ChooseKResult {
  checkSparseRows(rows);
  const n = rows.rowCount;
  const metric = options.metric ?? "euclidean";
  const candidates = checkCandidates(
    options.candidates ?? defaultKCandidates(n),
    n,
    options.candidates === undefined,
  );
  const seed = options.seed ?? 1;
  const kMeansOptions = {
    seed,
    metric,
    maxIterations: options.maxIterations,
    tolerance: options.tolerance,
    algorithm: options.algorithm,
    onIteration: options.onIteration,
  };
  // Check the k-means options once, before any run.
  resolveKMeansOptions({ ...kMeansOptions, k: candidates[0]! }, n, rows.columnCount);
  const issues: InputIssue[] = [];
  const silhouetteMetric = options.silhouetteMetric ?? metric;
  checkChoice("silhouetteMetric", silhouetteMetric, DISTANCE_METRICS, issues);
  if (issues.length > 0) throw new OptionError(issues);
  const silhouetteOptions = resolveSilhouetteOptions({
    metric: silhouetteMetric,
    sampleSize: options.sampleSize,
    seed,
  });

  const random = createRandom(silhouetteOptions.seed);
  const sample = sampleRowNumbers(n, silhouetteOptions.sampleSize, random);
  const distances = pairwiseDistances(rows, sample, silhouetteOptions.metric);
  const scores: KCandidateScore[] = [];
  let best: { score: KCandidateScore; result: KMeansResult } | undefined;

  for (const k of candidates) {
    const result = kMeans(rows, { ...kMeansOptions, k });
    const labels = Int32Array.from(sample, (i) => result.assignments[i]!);
    const score: KCandidateScore = {
      k,
      silhouette: silhouetteOfSample(distances, labels).score,
      inertia: result.inertia,
      iterations: result.iterations,
      converged: result.converged,
      nonEmptyClusters: result.sizes.filter((size) => size > 0).length,
    };
    scores.push(score);
    if (best === undefined || isBetter(score.silhouette, best.score.silhouette)) {
      best = { score, result };
    }
    options.onCandidate?.({
      ...score,
      done: scores.length,
      candidateCount: candidates.length,
    });
  }

  return {
    k: best!.score.k,
    scores,
    result: best!.result,
    sampleSize: sample.length,
    silhouetteMetric: silhouetteOptions.metric,
  };
}

/**
 * Returns whether a silhouette beats the best so far. It must be
 * strictly higher, so ties keep the smaller k, and any number beats NaN.
 */
function isBetter(silhouette: number, bestSoFar: number): boolean {
  if (Number.isNaN(bestSoFar)) return !Number.isNaN(silhouette);
  return silhouette > bestSoFar;
}

function checkCandidates(
  candidates: readonly number[],
  n: number,
  isDefault: boolean,
): number[] {
  const issues: InputIssue[] = [];
  if (!Array.isArray(candidates) || candidates.length === 0) {
    issues.push({
      path: "candidates",
      received: isDefault ? `none for ${n} rows` : describeValue(candidates),
      expected: isDefault
        ? "at least 3 rows, so that some k from 2 to rows − 1 exists"
        : "a non-empty array of whole numbers from 2 to rows − 1",
    });
  } else {
    candidates.forEach((k, index) => {
      if (Number.isInteger(k) && k >= 2 && k <= n - 1) return;
      issues.push({
        path: `candidates.${index}`,
        received: describeValue(k),
        expected: `a whole number from 2 to rows − 1 (${n - 1})`,
      });
    });
  }
  if (issues.length > 0) throw new OptionError(issues);
  return [...new Set(candidates)].sort((a, b) => a - b);
}
