import { type InputIssue, OptionError, describeValue } from "../errors.js";
import { type RandomSource, createRandom } from "../random.js";
import { distinctRows } from "./distinct-rows.js";
import type { SparseRows } from "./features.js";
import {
  type KMeansMetric,
  checkChoice,
  checkSeed,
} from "./kmeans-options.js";
import {
  type SparseColumns,
  checkSparseRows,
  sparseColumns,
  squaredRowNorms,
  unitRows,
} from "./sparse-rows.js";

/** Options of `seedKMeansPlusPlus`. */
export interface SeedingOptions {
  /** Number of centres, 1 to the number of rows. */
  k: number;
  /** Seed of the random choices. Default 1. */
  seed?: number;
  /** Metric the centres are for; `cosine` seeds on unit rows. Default `euclidean`. */
  metric?: KMeansMetric;
  /**
   * Candidates drawn per centre, keeping the one that lowers the total
   * squared distance most. Default 2 + ⌊ln k⌋, as scikit-learn does.
   */
  localTrials?: number;
}

/**
 * Chooses k rows as initial k-means centres by greedy k-means++ (Arthur
 * and Vassilvitskii, "k-means++: the advantages of careful seeding",
 * 2007, in the greedy variant of scikit-learn). The first centre is a
 * uniform row. Each next one is the best of `localTrials` rows drawn with
 * probability proportional to their squared distance to the nearest
 * centre so far, the best being the one that lowers the summed squared
 * distance most. Equal rows are grouped first, and distances are computed
 * from the column form of the rows, so one candidate costs O(distinct
 * rows + the stored values in its columns).
 *
 * Under `cosine`, rows with no nonzero value are never drawn. When fewer
 * than k distinct rows exist, the remaining centres repeat rows.
 *
 * @returns the centres, dense and row-major, k × columnCount; under
 *   `cosine` they are unit rows.
 * @throws {OptionError} when k, seed, metric or localTrials is invalid.
 * @throws {InputError} when `rows` is not a well-formed CSR matrix.
 * @example
 * const rows = sparseRowsFromDense([[1, 1, 0], [1, 1, 0], [0, 0, 1]]);
 * seedKMeansPlusPlus(rows, { k: 2, seed: 7 });
 * // Float64Array [1, 1, 0, 0, 0, 1]
 */
export function seedKMeansPlusPlus(
  rows: SparseRows,
  options: SeedingOptions,
): Float64Array {
  checkSparseRows(rows);
  const issues: InputIssue[] = [];
  const { k } = options;
  if (!Number.isInteger(k) || k < 1 || k > Math.max(1, rows.rowCount)) {
    issues.push({
      path: "k",
      received: describeValue(k),
      expected: `a whole number from 1 to the number of rows (${rows.rowCount})`,
    });
  }
  const seed = options.seed ?? 1;
  checkSeed(seed, issues);
  const metric = options.metric ?? "euclidean";
  checkChoice("metric", metric, ["euclidean", "cosine"], issues);
  const localTrials = options.localTrials ?? defaultLocalTrials(k);
  if (!Number.isInteger(localTrials) || localTrials < 1) {
    issues.push({
      path: "localTrials",
      received: describeValue(localTrials),
      expected: "a whole number >= 1",
    });
  }
  if (issues.length > 0) throw new OptionError(issues);

  if (rows.rowCount === 0) return new Float64Array(k * rows.columnCount);
  const prepared = metric === "cosine" ? unitRows(rows) : rows;
  const distinct = distinctRows(prepared);
  const chosen = chooseCentreRows(distinct.rows, distinct.weights, {
    k,
    random: createRandom(seed),
    localTrials,
    skipZeroRows: metric === "cosine",
  });
  return denseCentres(distinct.rows, chosen);
}

/** 2 + ⌊ln k⌋ local trials, the rule of scikit-learn's greedy k-means++. */
export function defaultLocalTrials(k: number): number {
  return 2 + Math.floor(Math.log(Math.max(1, k)));
}

/** Copies the chosen rows into dense row-major centres. */
export function denseCentres(rows: SparseRows, chosen: Int32Array): Float64Array {
  const d = rows.columnCount;
  const centres = new Float64Array(chosen.length * d);
  for (let c = 0; c < chosen.length; c++) {
    const i = chosen[c]!;
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      centres[c * d + rows.indices[p]!] = rows.values[p]!;
    }
  }
  return centres;
}

/** Settings of `chooseCentreRows`. */
export interface CentreChoice {
  k: number;
  random: RandomSource;
  localTrials: number;
  /** Never draw a row with no nonzero value (cosine, on unit rows). */
  skipZeroRows: boolean;
}

/**
 * Chooses k greedy k-means++ centres among rows that each count
 * `weights[i]` times, and returns their row numbers. A row is drawn with
 * probability proportional to its weight times its squared distance to
 * the nearest centre so far. A trial's potential weighs each squared
 * distance by the row's weight.
 */
export function chooseCentreRows(
  rows: SparseRows,
  weights: Int32Array,
  { k, random, localTrials, skipZeroRows }: CentreChoice,
): Int32Array {
  const n = rows.rowCount;
  const norms = squaredRowNorms(rows);
  const columns = sparseColumns(rows);
  const mass = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mass[i] = skipZeroRows && norms[i] === 0 ? 0 : weights[i]!;
  }
  const cumulative = new Float64Array(n);
  let eligible = cumulativeSum(mass, cumulative);
  // Only zero rows under cosine: draw among all rows.
  if (!(eligible > 0)) {
    mass.set(weights);
    eligible = cumulativeSum(mass, cumulative);
  }

  const chosen = new Int32Array(k);
  chosen[0] = firstAbove(cumulative, random() * eligible);
  let closest = new Float64Array(n).fill(Infinity);
  const dot = new Float64Array(n);
  const trial = { rows, columns, norms, mass, dot };
  distancesToRow(trial, chosen[0]!, closest, closest);
  const trials = Array.from({ length: localTrials }, () => new Float64Array(n));

  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += mass[i]! * closest[i]!;
      cumulative[i] = total;
    }
    // Every row already coincides with a centre: repeat a drawn row.
    if (!(total > 0)) {
      const all = cumulativeSum(mass, cumulative);
      chosen[c] = firstAbove(cumulative, random() * all);
      continue;
    }

    let bestPotential = Infinity;
    let bestTrial = 0;
    for (let t = 0; t < localTrials; t++) {
      const candidate = firstAbove(cumulative, random() * total);
      const potential = distancesToRow(trial, candidate, closest, trials[t]!);
      if (potential < bestPotential) {
        bestPotential = potential;
        bestTrial = t;
        chosen[c] = candidate;
      }
    }
    // The best trial's distances become the nearest-centre distances.
    const best = trials[bestTrial]!;
    trials[bestTrial] = closest;
    closest = best;
  }
  return chosen;
}

/** Writes the running sums of `values` into `out`; returns the total. */
function cumulativeSum(values: Float64Array, out: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    total += values[i]!;
    out[i] = total;
  }
  return total;
}

/** Index of the first entry of the ascending `cumulative` above `target`. */
function firstAbove(cumulative: Float64Array, target: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Inputs of `distancesToRow` that stay the same for a whole seeding. */
interface TrialInputs {
  rows: SparseRows;
  columns: SparseColumns;
  norms: Float64Array;
  mass: Float64Array;
  /** Scratch of one dot product per row, all zero between calls. */
  dot: Float64Array;
}

/**
 * Writes into `out` each row's squared Euclidean distance to its nearest
 * centre once row `centre` is added, the smaller of `closest` and the
 * distance to `centre`, and returns the summed distances weighted by
 * `mass`. Distances come from |x|² + |c|² − 2 x·c, with the dot products
 * gathered column by column.
 */
function distancesToRow(
  { rows, columns, norms, mass, dot }: TrialInputs,
  centre: number,
  closest: Float64Array,
  out: Float64Array,
): number {
  for (let p = rows.offsets[centre]!; p < rows.offsets[centre + 1]!; p++) {
    const value = rows.values[p]!;
    const column = rows.indices[p]!;
    const end = columns.offsets[column + 1]!;
    for (let q = columns.offsets[column]!; q < end; q++) {
      dot[columns.rows[q]!]! += value * columns.values[q]!;
    }
  }
  const centreNorm = norms[centre]!;
  let potential = 0;
  for (let i = 0; i < out.length; i++) {
    const scale = norms[i]! + centreNorm;
    const raw = scale - 2 * dot[i]!;
    dot[i] = 0;
    // Rounding leaves identical rows a hair apart; they must weigh zero.
    const distance = raw > 1e-12 * scale ? raw : 0;
    const nearest = distance < closest[i]! ? distance : closest[i]!;
    out[i] = nearest;
    potential += mass[i]! * nearest;
  }
  return potential;
}
