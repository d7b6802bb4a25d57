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
export { parseUsageCsv, USAGE_CSV_COLUMNS } from "./io/usage-csv.js";
export type { UsageCsv } from "./io/usage-csv.js";

export { kMeans } from "./clustering/kmeans.js";
export type { KMeansOptions, KMeansResult, KMeansProgress } from "./clustering/kmeans.js";
export { featureRows } from "./clustering/features.js";
export type { FeatureMode, SparseRows } from "./clustering/features.js";

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

export {
  InputError,
  OptionError,
  RolemineError,
} from "./errors.js";
export type { InputIssue, RolemineErrorCode } from "./errors.js";
export { createRandom } from "./random.js";
export type { RandomSource } from "./random.js";
export { VERSION } from "./version.js";
