import {
  type FeatureMode,
  type SparseRows,
  featureRows,
  resolveFeatureMode,
} from "../clustering/features.js";
import { chooseK, defaultKCandidates } from "../clustering/choose-k.js";
import {
  type KMeansProgress,
  type KMeansResult,
  kMeans,
} from "../clustering/kmeans.js";
import { createRandom, shuffled } from "../random.js";
import type { Estate } from "../estate/estate.js";
import type { ClusteringSummary } from "../report/types.js";

/** Clusters relabelled so that numbering does not depend on seeding. */
export interface ClusterStage {
  readonly summary: ClusteringSummary;
  /** Cluster number of each identity row, 0 for the largest cluster. */
  readonly assignments: Int32Array;
  /** Number of non-empty clusters. */
  readonly k: number;
}

/** Settings the cluster stage reads. */
export interface ClusterStageSettings {
  readonly k: number | "auto";
  readonly seed: number;
  readonly maxIterations: number;
  readonly metric: "euclidean" | "cosine";
  readonly features: FeatureMode;
  readonly onIteration?: ((progress: KMeansProgress) => void) | undefined;
}

/** Identities above which `k: "auto"` scores candidates on a sample. */
export const AUTO_K_SAMPLE = 5000;

/**
 * Clusters the identities' feature vectors with sparse k-means. With
 * `k: "auto"`, k is the candidate of `defaultKCandidates(n)` of at least
 * ⌈√(n/2) / 2⌉ with the highest mean silhouette (`chooseK`); above
 * `AUTO_K_SAMPLE` identities
 * the candidates are scored on a seeded sample of that many identities,
 * then all identities are clustered with the chosen k. Fewer than three
 * identities form one cluster. Clusters are renumbered by descending
 * size, ties by their first member's input position, and empty clusters
 * are dropped.
 */
export function clusterIdentities(
  estate: Estate,
  isUsed: (cell: number) => boolean,
  settings: ClusterStageSettings,
): ClusterStage {
  const { matrix } = estate;
  const features = resolveFeatureMode(matrix, settings.features);
  const rows = featureRows(matrix, features, isUsed);
  const choice = chooseClusters(rows, settings);
  const result = choice.result;
  const { assignments, count } = relabel(result.assignments, result.k);
  return {
    assignments,
    k: count,
    summary: {
      k: result.k,
      kRule: choice.rule,
      kScores: choice.scores,
      features,
      iterations: result.iterations,
      converged: result.converged,
      inertia: Math.round(result.inertia * 1e6) / 1e6,
    },
  };
}

interface ClusterChoice {
  result: KMeansResult;
  rule: string;
  scores: { k: number; score: number }[];
}

function chooseClusters(rows: SparseRows, settings: ClusterStageSettings): ClusterChoice {
  const n = rows.rowCount;
  const base = {
    seed: settings.seed,
    maxIterations: settings.maxIterations,
    metric: settings.metric,
    onIteration: settings.onIteration,
  };
  if (settings.k !== "auto") {
    return {
      result: kMeans(rows, { ...base, k: Math.min(settings.k, Math.max(1, n)) }),
      rule: "given",
      scores: [],
    };
  }
  if (n < 3) {
    return {
      result: kMeans(rows, { ...base, k: 1 }),
      rule: "one cluster (fewer than 3 identities)",
      scores: [],
    };
  }
  const scoresOf = (list: { k: number; silhouette: number }[]) =>
    list.map(({ k, silhouette }) => ({
      k,
      score: Math.round(silhouette * 1e4) / 1e4,
    }));
  // Peer comparison needs clusters small enough that a team's own
  // pattern is visible, so k starts at half the √(n/2) rule of thumb.
  const floor = Math.max(2, Math.ceil(Math.sqrt(n / 2) / 2));
  const candidates = defaultKCandidates(n).filter((k) => k >= floor);
  if (candidates.length === 0) candidates.push(Math.min(floor, n - 1));
  if (n <= AUTO_K_SAMPLE) {
    const choice = chooseK(rows, { ...base, candidates });
    return {
      result: choice.result,
      rule: "highest mean silhouette",
      scores: scoresOf(choice.scores),
    };
  }

  const sample = sampleRows(rows, AUTO_K_SAMPLE, settings.seed);
  const choice = chooseK(sample, {
    seed: settings.seed,
    maxIterations: settings.maxIterations,
    metric: settings.metric,
    candidates: candidates.filter((k) => k < sample.rowCount),
  });
  return {
    result: kMeans(rows, { ...base, k: choice.k }),
    rule: `highest mean silhouette on a seeded sample of ${AUTO_K_SAMPLE} identities`,
    scores: scoresOf(choice.scores),
  };
}

// A seeded sample of rows, in their original order.
function sampleRows(rows: SparseRows, size: number, seed: number): SparseRows {
  const picked = shuffled(createRandom(seed), Array.from({ length: rows.rowCount }, (_, i) => i))
    .slice(0, size)
    .sort((a, b) => a - b);
  const offsets = new Int32Array(picked.length + 1);
  let stored = 0;
  picked.forEach((row, n) => {
    stored += rows.offsets[row + 1]! - rows.offsets[row]!;
    offsets[n + 1] = stored;
  });
  const indices = new Int32Array(stored);
  const values = new Float64Array(stored);
  picked.forEach((row, n) => {
    const from = rows.offsets[row]!;
    const to = rows.offsets[row + 1]!;
    indices.set(rows.indices.subarray(from, to), offsets[n]!);
    values.set(rows.values.subarray(from, to), offsets[n]!);
  });
  return { rowCount: picked.length, columnCount: rows.columnCount, offsets, indices, values };
}

function relabel(
  raw: Int32Array,
  k: number,
): { assignments: Int32Array; count: number } {
  const size = new Array<number>(k).fill(0);
  const first = new Array<number>(k).fill(Infinity);
  raw.forEach((cluster, row) => {
    size[cluster]! += 1;
    if (row < first[cluster]!) first[cluster] = row;
  });
  const order = Array.from({ length: k }, (_, c) => c)
    .filter((c) => size[c]! > 0)
    .sort((a, b) => size[b]! - size[a]! || first[a]! - first[b]!);
  const label = new Int32Array(k).fill(-1);
  order.forEach((cluster, index) => {
    label[cluster] = index;
  });
  return { assignments: raw.map((cluster) => label[cluster]!), count: order.length };
}
