import type { DriftResult } from "../drift/detect.js";
import type { Estate } from "../estate/estate.js";
import { formatDate } from "../dates.js";
import { closestName } from "../errors.js";
import { USAGE_CSV_COLUMNS } from "../io/usage-csv.js";
import { density } from "../matrix/usage-matrix.js";
import {
  RECOMMENDATION_KINDS,
  REVIEW_STATES,
  type Recommendation,
  type RecommendationKind,
  type ReviewState,
} from "../recommendations/types.js";
import type {
  DeniedAttempt,
  InputSummary,
  ReportSummary,
  UngrantedUse,
} from "./types.js";

/** Summarises what was read. */
export function inputSummary(
  estate: Estate,
  ignoredColumns: readonly string[],
  source: Readonly<Record<string, unknown>> | undefined,
): InputSummary {
  const { matrix } = estate;
  const identityKinds: Record<string, number> = {};
  for (const identity of estate.identities) {
    const kind = identity.kind ?? "unknown";
    identityKinds[kind] = (identityKinds[kind] ?? 0) + 1;
  }
  return {
    identities: matrix.identities.length,
    entitlements: matrix.entitlements.length,
    grants: matrix.grantCount,
    density: Math.round(density(matrix) * 1e6) / 1e6,
    usageObserved: matrix.hasUsage,
    identityKinds: sortedRecord(identityKinds),
    mergedRecords: estate.mergedRecords,
    aliasedRecords: estate.aliasedRecords,
    ignoredColumns: ignoredColumns.slice(),
    source: source ?? null,
  };
}

/**
 * Cells with denied attempts and neither a grant nor a successful use:
 * someone tried access they do not hold. Risk evidence for a reviewer.
 */
export function deniedWithoutGrant(estate: Estate): DeniedAttempt[] {
  const { matrix } = estate;
  const result: DeniedAttempt[] = [];
  for (let i = 0; i < matrix.identities.length; i++) {
    for (let c = matrix.rowOffsets[i]!; c < matrix.rowOffsets[i + 1]!; c++) {
      if (matrix.granted[c] === 1 || matrix.uses[c]! > 0) continue;
      const failures = matrix.failures[c]!;
      if (!(failures > 0)) continue;
      const last = matrix.lastFailureAt[c]!;
      result.push({
        identity: matrix.identities[i]!,
        entitlement: matrix.entitlements[matrix.columns[c]!]!,
        failures,
        lastFailureAt: Number.isNaN(last) ? null : formatDate(last),
      });
    }
  }
  return result;
}

/** Cells with a successful use but no grant, in matrix order. */
export function ungrantedUse(estate: Estate): UngrantedUse[] {
  const { matrix } = estate;
  const result: UngrantedUse[] = [];
  for (let i = 0; i < matrix.identities.length; i++) {
    for (let c = matrix.rowOffsets[i]!; c < matrix.rowOffsets[i + 1]!; c++) {
      if (matrix.granted[c] === 1) continue;
      const uses = matrix.uses[c]!;
      const last = matrix.lastUsedAt[c]!;
      // Denied attempts on access that was never granted are not use.
      if (!(uses > 0) && Number.isNaN(last)) continue;
      result.push({
        identity: matrix.identities[i]!,
        entitlement: matrix.entitlements[matrix.columns[c]!]!,
        uses: Number.isNaN(uses) ? null : uses,
        lastUsedAt: Number.isNaN(last) ? null : formatDate(last),
      });
    }
  }
  return result;
}

/** Headline counts and reviewer notes. */
export function reportSummary(
  estate: Estate,
  drift: DriftResult,
  recommendations: readonly Recommendation[],
  source: Readonly<Record<string, unknown>> | undefined,
  counts: {
    clusters: number;
    candidateRoles: number;
    ungrantedUse: number;
    deniedWithoutGrant: number;
    ignoredColumns: readonly string[];
    asOf: number | undefined;
  },
): ReportSummary {
  const findingsByType: Record<string, number> = {};
  for (const finding of drift.findings) {
    findingsByType[finding.type] = (findingsByType[finding.type] ?? 0) + 1;
  }
  const byKind = Object.fromEntries(
    RECOMMENDATION_KINDS.map((kind) => [kind, 0]),
  ) as Record<RecommendationKind, number>;
  let highPriority = 0;
  for (const recommendation of recommendations) {
    byKind[recommendation.kind]++;
    if (recommendation.priority === "critical" || recommendation.priority === "high") {
      highPriority++;
    }
  }
  const nonHuman = estate.identities.filter(
    (identity) => identity.kind !== undefined && identity.kind !== "human",
  ).length;

  return {
    identities: estate.identities.length,
    nonHumanIdentities: nonHuman,
    entitlements: estate.entitlements.length,
    grants: estate.matrix.grantCount,
    clusters: counts.clusters,
    candidateRoles: counts.candidateRoles,
    verdicts: drift.verdicts,
    observedShare: drift.observedShare,
    findings: drift.findings.length,
    findingsByType: sortedRecord(findingsByType),
    recommendations: recommendations.length,
    recommendationsByKind: byKind,
    highPriority,
    driftDebt: drift.debt.estate,
    ungrantedUse: counts.ungrantedUse,
    deniedWithoutGrant: counts.deniedWithoutGrant,
    reviewStates: reviewStates(recommendations),
    notes: notes(estate, drift, source, counts),
  };
}

function reviewStates(
  recommendations: readonly Recommendation[],
): Record<ReviewState, number> {
  const states = Object.fromEntries(REVIEW_STATES.map((state) => [state, 0])) as Record<
    ReviewState,
    number
  >;
  for (const recommendation of recommendations) states[recommendation.review.state]++;
  return states;
}

function notes(
  estate: Estate,
  drift: DriftResult,
  source: Readonly<Record<string, unknown>> | undefined,
  counts: {
    deniedWithoutGrant: number;
    ignoredColumns: readonly string[];
    asOf: number | undefined;
  },
): string[] {
  const result: string[] = [];
  if (
    counts.asOf !== undefined &&
    estate.latestDate !== undefined &&
    estate.latestDate > counts.asOf
  ) {
    result.push(
      `The input has dates after the analysis instant (latest ` +
        `${formatDate(estate.latestDate)}); a use after it still counts as use ` +
        "in the window, so choose an asOf at or after the latest date.",
    );
  }
  if (counts.ignoredColumns.length > 0) {
    const hints = counts.ignoredColumns
      .map((column) => [column, closestName(column, USAGE_CSV_COLUMNS)] as const)
      .filter(([, guess]) => guess !== undefined)
      .map(([column, guess]) => ` (${column}: did you mean ${guess}?)`)
      .join("");
    result.push(
      `Columns not read: ${counts.ignoredColumns.join(", ")}; check for a ` +
        `misspelled column name${hints}.`,
    );
  }
  const unknownIds = telemetryIdsWithoutIdentity(estate);
  if (unknownIds.length > 0) {
    result.push(
      `The telemetry lists ${count(unknownIds.length, "identity", "identities")} ` +
        `that the estate does not have (${unknownIds.slice(0, 5).join(", ")}` +
        `${unknownIds.length > 5 ? ", …" : ""}); check the ids.`,
    );
  }
  if (counts.deniedWithoutGrant > 0) {
    result.push(
      `${count(counts.deniedWithoutGrant, "identity-entitlement pair shows", "identity-entitlement pairs show")} ` +
        "denied attempts on access that was never granted; see deniedWithoutGrant.",
    );
  }
  if (source?.["grantsSource"] === "observed") {
    result.push(
      "No grants file was given, so grants were inferred from successful " +
        "use in the logs; unused grants cannot be found this way.",
    );
  }
  if (!estate.matrix.hasUsage) {
    result.push(
      "The input has grants but no usage, so no grant could be judged " +
        "dormant or over-broad; supply usage counts or dates to judge them.",
    );
  } else if (drift.observedShare < 1) {
    const share = Math.round(drift.observedShare * 1000) / 10;
    result.push(
      `The telemetry could judge ${share} % of the grants; the rest are ` +
        "unknown, not yet judgeable or not actionable, and are never " +
        "proposed for removal.",
    );
  }
  if (drift.periodic.suggestedWindowDays !== null) {
    result.push(
      `${count(drift.periodic.grants, "grant shows", "grants show")} periodic use (longest period ` +
        `${drift.periodic.maxPeriodDays} days); an observation window of ` +
        `at least ${drift.periodic.suggestedWindowDays} days would judge them.`,
    );
  }
  if (drift.privilegedKept > 0) {
    result.push(
      `${count(drift.privilegedKept, "finding", "findings")} on privileged ` +
        "grants matched an exclusion that does not name the identity and " +
        `${drift.privilegedKept === 1 ? "was" : "were"} kept.`,
    );
  }
  return result;
}

// Ids in telemetry.identities that match no identity or alias.
function telemetryIdsWithoutIdentity(estate: Estate): string[] {
  const listed = estate.telemetry.identities;
  if (listed === undefined) return [];
  const known = new Set<string>();
  for (const identity of estate.identities) {
    known.add(identity.id);
    for (const alias of identity.aliases) known.add(alias);
  }
  return [...listed].filter((id) => !known.has(id)).sort();
}

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => compareCodeUnits(a, b)),
  );
}

// Code-unit order, not locale order, so output never depends on ICU data.
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
