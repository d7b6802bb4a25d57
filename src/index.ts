export { analyze, isEstate } from "./pipeline/analyze.js";
export type { AnalyzeOptions, AnalyzeProgress } from "./pipeline/analyze.js";
export {
  AnalyzeOptionsSchema,
  DEFAULT_SETTINGS,
  ExclusionSchema,
  resolveSettings,
} from "./settings.js";
export type { AnalyzeSettingsInput, Settings } from "./settings.js";

export * from "./estate/schema.js";
export { buildEstate } from "./estate/estate.js";
export type { Estate, EstateParts } from "./estate/estate.js";
export type {
  EntitlementInfo,
  IdentityInfo,
  TelemetryInfo,
} from "./estate/metadata.js";
export { createEstate, safeCreateEstate } from "./estate/parse.js";
export type { EstateSource, SafeEstateResult } from "./estate/parse.js";
export type { UsageMatrix } from "./matrix/usage-matrix.js";
export { density, grantedColumns } from "./matrix/usage-matrix.js";

export { parsePairs } from "./io/pairs.js";
export {
  DENIED_ERROR_CODES,
  loadCloudTrail,
  readCloudTrail,
} from "./io/cloudtrail/index.js";
export type { CloudTrailOptions } from "./io/cloudtrail/index.js";
export { loadK8sAudit, readK8sAudit } from "./io/k8s-audit/index.js";
export type { K8sAuditOptions } from "./io/k8s-audit/index.js";
export {
  GrantListSchema,
  GrantSchema,
  parseGrantsCsv,
  parseGrantsJson,
  readGrantsFile,
} from "./io/grants.js";
export type { Grant, GrantsFile } from "./io/grants.js";
export { joinUsage } from "./io/join.js";
export type { LoadedEstate, UsageSummary } from "./io/join.js";
export { parseUsageCsv, USAGE_CSV_COLUMNS } from "./io/usage-csv.js";
export type { UsageCsv } from "./io/usage-csv.js";

export {
  DISTANCE_METRICS,
  chooseK,
  defaultKCandidates,
  featureRows,
  kMeans,
  pairwiseDistances,
  seedKMeansPlusPlus,
  silhouette,
  sparseRowsFromDense,
} from "./clustering/index.js";
export type {
  ChooseKOptions,
  ChooseKProgress,
  ChooseKResult,
  DistanceMetric,
  FeatureMode,
  KCandidateScore,
  KMeansAlgorithm,
  KMeansMetric,
  KMeansOptions,
  KMeansProgress,
  KMeansResult,
  SeedingOptions,
  SilhouetteOptions,
  SilhouetteResult,
  SparseRows,
} from "./clustering/index.js";

export { candidateRoles } from "./roles/candidate-roles.js";
export {
  DEFAULT_WSC_WEIGHTS,
  mineRoles,
  roleMetrics,
} from "./mining/index.js";
export type {
  GrantRef,
  MinedRole,
  MineRolesOptions,
  MiningMethod,
  MiningObjective,
  MiningResult,
  MiningTimings,
  RoleMetrics,
  WscWeights,
} from "./mining/index.js";
export type { CandidateRole, RoleEntitlement } from "./roles/candidate-roles.js";

export type {
  Evidence,
  Finding,
  FindingType,
  Priority,
  Verdict,
} from "./drift/types.js";
export { VERDICTS } from "./drift/types.js";
export type { Exclusion, ExcludedFinding } from "./drift/exclusions.js";
export { PRIVILEGE_WEIGHTS, grantDebt } from "./drift/priority.js";
export { detectPeriodicity } from "./drift/periodic.js";

export type {
  Recommendation,
  RecommendationKind,
  RecommendationTarget,
  Review,
  ReviewState,
} from "./recommendations/types.js";
export { RECOMMENDATION_KINDS, REVIEW_STATES } from "./recommendations/types.js";

export type * from "./report/types.js";
export { REPORT_SCHEMA_VERSION } from "./report/types.js";
export { renderJson, writeJson } from "./report/json.js";
export { renderMarkdown } from "./report/markdown.js";
export type { MarkdownOptions } from "./report/markdown.js";
export { REPORT_CSV_COLUMNS, renderReportCsv } from "./report/csv.js";
export { CELL_STATES, heatmapLayout } from "./report/heatmap.js";
export type {
  CellState,
  HeatmapCell,
  HeatmapLayout,
  HeatmapOptions,
} from "./report/heatmap.js";
export {
  STATE_COLOURS,
  heatmapVegaLite,
  renderHeatmapSvg,
} from "./report/heatmap-render.js";
export { PreviousReportSchema, diffFindings } from "./report/diff.js";
export type { PreviousReport, RunDiff } from "./report/diff.js";
export {
  ReviewInputSchema,
  ReviewsSchema,
  applyReviews,
  parseReviews,
} from "./recommendations/reviews.js";
export type { ReviewInput, ReviewOutcome } from "./recommendations/reviews.js";
export { generateDemoEstate } from "./generate/demo-estate.js";
export type { DemoEstateOptions } from "./generate/demo-estate.js";
export { generateUsageCsv } from "./generate/scale-estate.js";
export type { ScaleEstateOptions } from "./generate/scale-estate.js";

export {
  InputError,
  OptionError,
  RolemineError,
} from "./errors.js";
export type { InputIssue, RolemineErrorCode } from "./errors.js";
export { createRandom } from "./random.js";
export type { RandomSource } from "./random.js";
export { VERSION } from "./version.js";
