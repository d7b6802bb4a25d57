import {
  type FeatureMode,
  featureRows,
  resolveFeatureMode,
} from "../clustering/features.js";
import { type KMeansProgress, kMeans } from "../clustering/kmeans.js";
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
  readonly features: FeatureMode;
  readonly onIteration?: ((progress: KMeansProgress) => void) | undefined;
}

/**
 * Clusters the identities' feature vectors with sparse k-means. With
 * `k: "auto"`, k is ⌈√(n/2)⌉ (a common rule of thumb for n items),
 * capped at n. Clusters are renumbered by descending size, ties by their
 * first member's input position, and empty clusters are dropped.
 */
export function clusterIdentities(
  estate: Estate,
  isUsed: (cell: number) => boolean,
  settings: ClusterStageSettings,
): ClusterStage {
  const { matrix } = estate;
  const n = matrix.identities.length;
  const features = resolveFeatureMode(matrix, settings.features);
  const rows = featureRows(matrix, features, isUsed);
  const k =
    settings.k === "auto"
      ? Math.max(1, Math.min(n, Math.ceil(Math.sqrt(n / 2))))
      : settings.k;
  const result = kMeans(rows, {
    k: Math.min(k, Math.max(1, n)),
    seed: settings.seed,
    maxIterations: settings.maxIterations,
    onIteration: settings.onIteration,
  });

  const { assignments, count } = relabel(result.assignments, result.k);
  return {
    assignments,
    k: count,
    summary: {
      k,
      kRule: settings.k === "auto" ? "ceil(sqrt(identities / 2))" : "given",
      kScores: [],
      features,
      iterations: result.iterations,
      converged: result.converged,
      inertia: Math.round(result.inertia * 1e6) / 1e6,
    },
  };
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
