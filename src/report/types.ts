import type { ExcludedFinding } from "../drift/exclusions.js";
import type { IdentityDebt } from "../drift/detect.js";
import type { Finding, Verdict } from "../drift/types.js";
import type {
  Recommendation,
  RecommendationKind,
  ReviewState,
} from "../recommendations/types.js";
import type { ReviewOutcome } from "../recommendations/reviews.js";
import type { CandidateRole } from "../roles/candidate-roles.js";
import type { RunDiff } from "./diff.js";
import type { Settings } from "../settings.js";

/** Version of the report's JSON layout; bumped on any incompatible change. */
export const REPORT_SCHEMA_VERSION = "1.0.0";

/** Summary of the input as read. */
export interface InputSummary {
  readonly identities: number;
  readonly entitlements: number;
  /** Granted identity-entitlement pairs. */
  readonly grants: number;
  /** `grants / (identities × entitlements)`, rounded to 6 decimals. */
  readonly density: number;
  /** Whether any usage (counts or dates) came with the grants. */
  readonly usageObserved: boolean;
  /** Identities per kind; `unknown` when the input gives none. */
  readonly identityKinds: Readonly<Record<string, number>>;
  /** Records that repeated a pair and were merged into one grant. */
  readonly mergedRecords: number;
  /** Records under an alias, credited to the identity. */
  readonly aliasedRecords: number;
  /** Input columns or fields that rolemine did not read. */
  readonly ignoredColumns: readonly string[];
  /** Counts of the loader, such as an activity log's summary, or null. */
  readonly source: Readonly<Record<string, unknown>> | null;
}

/** Observed use of access that was never granted: reported, not dropped. */
export interface UngrantedUse {
  readonly identity: string;
  readonly entitlement: string;
  readonly uses: number | null;
  readonly lastUsedAt: string | null;
}

/** Denied attempts on access that was never granted. */
export interface DeniedAttempt {
  readonly identity: string;
  readonly entitlement: string;
  readonly failures: number;
  readonly lastFailureAt: string | null;
}

/** One cluster of identities that use access alike. */
export interface ClusterSummary {
  /** Cluster number, 0 for the largest. */
  readonly id: number;
  readonly size: number;
  /** Member identity ids, in input order. */
  readonly members: readonly string[];
  /** Id of its candidate role, or null when it yields none. */
  readonly role: string | null;
}

/** Parameters and outcome of the clustering. */
export interface ClusteringSummary {
  /** Clusters requested or chosen. */
  readonly k: number;
  /** Rule that set k: `given`, or the automatic rule used. */
  readonly kRule: string;
  /** Scores behind an automatic k, by candidate k; empty when given. */
  readonly kScores: readonly { readonly k: number; readonly score: number }[];
  readonly features: "grants" | "usage";
  readonly iterations: number;
  readonly converged: boolean;
  /** Sum of squared distances of identities to their cluster centre. */
  readonly inertia: number;
}

/** Headline counts of one analysis. */
export interface ReportSummary {
  readonly identities: number;
  readonly nonHumanIdentities: number;
  readonly entitlements: number;
  readonly grants: number;
  readonly clusters: number;
  readonly candidateRoles: number;
  /** Grants per verdict; every grant has exactly one. */
  readonly verdicts: Readonly<Record<Verdict, number>>;
  /** Share of grants the telemetry could judge. */
  readonly observedShare: number;
  readonly findings: number;
  readonly findingsByType: Readonly<Record<string, number>>;
  readonly recommendations: number;
  readonly recommendationsByKind: Readonly<Record<RecommendationKind, number>>;
  /** Recommendations of priority critical or high. */
  readonly highPriority: number;
  readonly driftDebt: number;
  readonly ungrantedUse: number;
  /** Pairs with denied attempts and no grant; see `Report.deniedWithoutGrant`. */
  readonly deniedWithoutGrant: number;
  /** Recommendations per review state. */
  readonly reviewStates: Readonly<Record<ReviewState, number>>;
  /** Plain-language notes for the reviewer, such as a longer window. */
  readonly notes: readonly string[];
}

/** Milliseconds spent per stage, measured with `performance.now()`. */
export interface Timings {
  readonly estateMs: number;
  readonly clusterMs: number;
  readonly rolesMs: number;
  readonly driftMs: number;
  readonly recommendMs: number;
  readonly totalMs: number;
}

/** Effective settings of every stage, echoed once. */
export type ReportSettings = Settings;

/**
 * The single document `analyze` returns. Everything but `timings` is a
 * function of the input and the settings, so the same input and seed give
 * the same JSON byte for byte; `timings` is left out with
 * `timings: false`.
 */
export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly generator: { readonly name: "rolemine"; readonly version: string };
  readonly settings: ReportSettings;
  readonly input: InputSummary;
  readonly summary: ReportSummary;
  readonly clustering: ClusteringSummary;
  readonly clusters: readonly ClusterSummary[];
  readonly roles: readonly CandidateRole[];
  readonly findings: readonly Finding[];
  readonly excluded: readonly ExcludedFinding[];
  readonly recommendations: readonly Recommendation[];
  readonly debt: {
    readonly estate: number;
    readonly identities: readonly IdentityDebt[];
  };
  readonly ungrantedUse: readonly UngrantedUse[];
  /** Denied attempts on access that was never granted: risk, not use. */
  readonly deniedWithoutGrant: readonly DeniedAttempt[];
  /** Outcome of carrying earlier review states in, or null without reviews. */
  readonly reviews: ReviewOutcome | null;
  /** Findings compared with the previous run; null without one. */
  readonly diff: RunDiff | null;
  readonly timings?: Timings;
}
