import { OptionError } from "../errors.js";
import { type RandomSource, createRandom, randomInt } from "../random.js";
import type { SparseRows } from "./features.js";

/** Options of `kMeans`. */
export interface KMeansOptions {
  /** Number of clusters, 1 to the number of rows. */
  k: number;
  /** Seed of the k-means++ initialisation. Default 1. */
  seed?: number;
  /** Cap on Lloyd iterations. Default 100. */
  maxIterations?: number;
  /**
   * Convergence threshold on the largest squared Euclidean shift of any
   * centroid between two iterations. Default 1e-6. Iteration also stops
   * when no assignment changes.
   */
  tolerance?: number;
  /** Called after each iteration; for progress display. */
  onIteration?: (progress: KMeansProgress) => void;
}

/** Progress of one k-means iteration. */
export interface KMeansProgress {
  iteration: number;
  maxIterations: number;
  /** Assignments that changed in this iteration. */
  changed: number;
}

/** Result of `kMeans`. */
export interface KMeansResult {
  k: number;
  /** Cluster number of each row, 0 to k - 1. */
  assignments: Int32Array;
  /** Rows per cluster. */
  sizes: number[];
  iterations: number;
  converged: boolean;
  /** Sum of squared Euclidean distances of rows to their centroid. */
  inertia: number;
  /** Dense centroids, row-major, k × columnCount. */
  centroids: Float64Array;
}

/**
 * Clusters sparse rows by Lloyd's k-means with k-means++ seeding
 * (Arthur and Vassilvitskii, 2007), on squared Euclidean distance. Rows
 * stay sparse and centroids dense; a distance costs O(nonzeros of the
 * row), through |x|² − 2x·c + |c|². One iteration is O(nnz · k + k · d).
 * An emptied cluster is re-seeded with the row farthest from its centroid.
 *
 * @throws {OptionError} when k is not a whole number in [1, rows].
 */
export function kMeans(rows: SparseRows, options: KMeansOptions): KMeansResult {
  const { k } = options;
  const seed = options.seed ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  const n = rows.rowCount;
  const d = rows.columnCount;
  if (!Number.isInteger(k) || k < 1 || k > Math.max(1, n)) {
    throw new OptionError([
      {
        path: "k",
        received: String(k),
        expected: `a whole number from 1 to the number of identities (${n})`,
      },
    ]);
  }

  const rowNorms = squaredRowNorms(rows);
  const random = createRandom(seed);
  const centroids = seedPlusPlus(rows, rowNorms, k, random);
  const centroidNorms = new Float64Array(k);
  const assignments = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  const sizes = new Array<number>(k).fill(0);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    iterations++;
    computeNorms(centroids, d, centroidNorms);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const [best, distance] = nearest(rows, i, rowNorms[i]!, centroids, centroidNorms, k);
      distances[i] = distance;
      if (assignments[i] !== best) {
        assignments[i] = best;
        changed++;
      }
    }
    const shift = updateCentroids(rows, assignments, distances, centroids, sizes);
    options.onIteration?.({ iteration: iterations, maxIterations, changed });
    if (changed === 0 || shift <= tolerance) {
      converged = true;
      break;
    }
  }

  // Final assignment against the final centroids, so inertia matches them.
  computeNorms(centroids, d, centroidNorms);
  let inertia = 0;
  sizes.fill(0);
  for (let i = 0; i < n; i++) {
    const [best, distance] = nearest(rows, i, rowNorms[i]!, centroids, centroidNorms, k);
    assignments[i] = best;
    sizes[best]! += 1;
    inertia += distance;
  }
  return { k, assignments, sizes, iterations, converged, inertia, centroids };
}

function squaredRowNorms(rows: SparseRows): Float64Array {
  const norms = new Float64Array(rows.rowCount);
  for (let i = 0; i < rows.rowCount; i++) {
    let sum = 0;
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      sum += rows.values[p]! ** 2;
    }
    norms[i] = sum;
  }
  return norms;
}

function computeNorms(centroids: Float64Array, d: number, out: Float64Array): void {
  for (let c = 0; c < out.length; c++) {
    let sum = 0;
    for (let j = c * d; j < (c + 1) * d; j++) sum += centroids[j]! ** 2;
    out[c] = sum;
  }
}

function dot(rows: SparseRows, i: number, centroids: Float64Array, base: number): number {
  let sum = 0;
  for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
    sum += rows.values[p]! * centroids[base + rows.indices[p]!]!;
  }
  return sum;
}

function nearest(
  rows: SparseRows,
  i: number,
  rowNorm: number,
  centroids: Float64Array,
  centroidNorms: Float64Array,
  k: number,
): [number, number] {
  const d = rows.columnCount;
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < k; c++) {
    const distance = Math.max(
      0,
      rowNorm - 2 * dot(rows, i, centroids, c * d) + centroidNorms[c]!,
    );
    if (distance < bestDistance) {
      bestDistance = distance;
      best = c;
    }
  }
  return [best, bestDistance];
}

function seedPlusPlus(
  rows: SparseRows,
  rowNorms: Float64Array,
  k: number,
  random: RandomSource,
): Float64Array {
  const n = rows.rowCount;
  const d = rows.columnCount;
  const centroids = new Float64Array(k * d);
  const closest = new Float64Array(n).fill(Infinity);
  const place = (c: number, i: number) => {
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      centroids[c * d + rows.indices[p]!] = rows.values[p]!;
    }
  };

  place(0, randomInt(random, n));
  for (let c = 1; c < k; c++) {
    const previous = c - 1;
    let norm = 0;
    for (let j = previous * d; j < c * d; j++) norm += centroids[j]! ** 2;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const distance = Math.max(
        0,
        rowNorms[i]! - 2 * dot(rows, i, centroids, previous * d) + norm,
      );
      if (distance < closest[i]!) closest[i] = distance;
      total += closest[i]!;
    }
    // All rows coincide with a centre: fall back to a uniform pick.
    let chosen = randomInt(random, n);
    if (total > 0) {
      let target = random() * total;
      for (let i = 0; i < n; i++) {
        target -= closest[i]!;
        if (target < 0) {
          chosen = i;
          break;
        }
      }
    }
    place(c, chosen);
  }
  return centroids;
}

function updateCentroids(
  rows: SparseRows,
  assignments: Int32Array,
  distances: Float64Array,
  centroids: Float64Array,
  sizes: number[],
): number {
  const d = rows.columnCount;
  const k = sizes.length;
  const next = new Float64Array(centroids.length);
  sizes.fill(0);
  for (let i = 0; i < rows.rowCount; i++) {
    const c = assignments[i]!;
    sizes[c]! += 1;
    for (let p = rows.offsets[i]!; p < rows.offsets[i + 1]!; p++) {
      next[c * d + rows.indices[p]!]! += rows.values[p]!;
    }
  }

  const taken = new Set<number>();
  let shift = 0;
  for (let c = 0; c < k; c++) {
    const size = sizes[c]!;
    if (size === 0) {
      // Re-seed with the farthest row not already used for this purpose.
      let farthest = -1;
      for (let i = 0; i < rows.rowCount; i++) {
        if (taken.has(i)) continue;
        if (farthest < 0 || distances[i]! > distances[farthest]!) farthest = i;
      }
      taken.add(farthest);
      for (let p = rows.offsets[farthest]!; p < rows.offsets[farthest + 1]!; p++) {
        next[c * d + rows.indices[p]!] = rows.values[p]!;
      }
      shift = Infinity;
      continue;
    }
    let moved = 0;
    for (let j = c * d; j < (c + 1) * d; j++) {
      next[j]! /= size;
      moved += (next[j]! - centroids[j]!) ** 2;
    }
    if (moved > shift) shift = moved;
  }
  centroids.set(next);
  return shift;
}
