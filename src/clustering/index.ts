export {
  type ChooseKOptions,
  type ChooseKProgress,
  type ChooseKResult,
  type KCandidateScore,
  chooseK,
  defaultKCandidates,
} from "./choose-k.js";
export {
  DISTANCE_METRICS,
  type DistanceMetric,
  pairwiseDistances,
} from "./distances.js";
export {
  type FeatureMode,
  type SparseRows,
  featureRows,
  resolveFeatureMode,
} from "./features.js";
export {
  type EmptyClusterRule,
  type KMeansAlgorithm,
  type KMeansMetric,
  type KMeansOptions,
  type KMeansProgress,
  type KMeansResult,
  kMeans,
} from "./kmeans.js";
export { type SeedingOptions, seedKMeansPlusPlus } from "./seeding.js";
export {
  DEFAULT_SILHOUETTE_SAMPLE,
  type SilhouetteOptions,
  type SilhouetteResult,
  silhouette,
} from "./silhouette.js";
export { checkSparseRows, sparseRowsFromDense } from "./sparse-rows.js";
