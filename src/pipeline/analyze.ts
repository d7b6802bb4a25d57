import { formatDate } from "../dates.js";
import { detectDrift } from "../drift/detect.js";
import {
  isUsedInWindow,
  observationWindow,
} from "../drift/observation.js";
import { peerGroups } from "../drift/peers.js";
import { sortByPriority } from "../drift/priority.js";
import type { Estate } from "../estate/estate.js";
import { createEstate } from "../estate/parse.js";
import { parseIsoDate } from "../dates.js";
import { recommendationsFromFindings } from "../recommendations/from-findings.js";
import { recommendationsFromRoles } from "../recommendations/from-roles.js";
import {
  deniedWithoutGrant,
  inputSummary,
  reportSummary,
  ungrantedUse,
} from "../report/summary.js";
import { REPORT_SCHEMA_VERSION, type Report } from "../report/types.js";
import { applyReviews, parseReviews } from "../recommendations/reviews.js";
import { diffFindings, parsePreviousReport } from "../report/diff.js";
import { candidateRoles } from "../roles/candidate-roles.js";
import { type AnalyzeSettingsInput, resolveSettings } from "../settings.js";
import { VERSION } from "../version.js";
import { clusterIdentities } from "./cluster-stage.js";

/** Progress of a long analysis, for display; the library never prints. */
export interface AnalyzeProgress {
  readonly stage: "estate" | "cluster" | "roles" | "drift" | "recommend";
  /** Set during clustering: iteration just finished and its cap. */
  readonly iteration?: number;
  readonly maxIterations?: number;
}

/** Options of `analyze`: the settings plus callbacks. */
export interface AnalyzeOptions extends AnalyzeSettingsInput {
  /** Called at each stage and each k-means iteration. */
  onProgress?: (progress: AnalyzeProgress) => void;
  /** Input columns that a loader did not read, echoed in the report. */
  ignoredColumns?: readonly string[];
  /**
   * Counts of the loader (for example the summary of an activity log),
   * echoed in the report as `input.source`. Must be plain JSON data.
   */
  inputSource?: Readonly<Record<string, unknown>>;
  /**
   * Review states from earlier runs (see `ReviewsSchema`): a JSON array
   * of `{ id, state, etag?, note? }`.
   */
  reviews?: unknown;
  /**
   * The previous run's report, for the run-to-run diff and to keep the
   * content of claimed recommendations frozen.
   */
  previous?: unknown;
}

/**
 * Runs the main job: clusters, candidate roles, drift findings and
 * advisory recommendations, in one report. `input` is an `Estate` from a
 * loader or anything `createEstate` accepts. The input is never modified
 * and nothing outside the returned report is changed.
 *
 * @throws {InputError} when the input is invalid.
 * @throws {OptionError} when an option is out of range.
 * @example
 * const report = analyze(
 *   [{ identity: "a", entitlement: "crm:read", uses: 3,
 *      lastUsedAt: "2026-11-02" }],
 *   { seed: 7 },
 * );
 * report.recommendations.every((r) => r.status === "advisory"); // true
 */
export function analyze(input: unknown, options: AnalyzeOptions = {}): Report {
  const {
    onProgress,
    ignoredColumns = [],
    inputSource,
    reviews: reviewsInput,
    previous: previousInput,
    ...settingsInput
  } = options;
  const reviews =
    reviewsInput === undefined ? undefined : parseReviews(reviewsInput);
  const previous =
    previousInput === undefined ? undefined : parsePreviousReport(previousInput);
  const clock = () => performance.now();
  const started = clock();

  onProgress?.({ stage: "estate" });
  const estate = isEstate(input) ? input : createEstate(input);
  const inputAsOf = estate.asOf ?? estate.latestDate;
  const settings = resolveSettings(
    settingsInput,
    inputAsOf === undefined ? null : formatDate(inputAsOf),
  );
  const asOfMs = settings.asOf === null ? undefined : parseIsoDate(settings.asOf);
  const window = observationWindow(asOfMs, settings.windowDays, settings.dormantDays);
  const estateDone = clock();

  onProgress?.({ stage: "cluster" });
  const clusters = clusterIdentities(
    estate,
    (cell) => isUsedInWindow(estate.matrix, window, cell),
    {
      ...settings,
      onIteration: (progress) =>
        onProgress?.({
          stage: "cluster",
          iteration: progress.iteration,
          maxIterations: progress.maxIterations,
        }),
    },
  );
  const clusterDone = clock();

  onProgress?.({ stage: "roles" });
  const roles = candidateRoles(estate, clusters, {
    support: settings.support,
    minMembers: settings.minRoleMembers,
    minEntitlements: settings.minRoleEntitlements,
  });
  const rolesDone = clock();

  onProgress?.({ stage: "drift" });
  const peers = peerGroups(estate.matrix, clusters.assignments, clusters.k, roles);
  const drift = detectDrift(estate, window, peers, settings);
  const driftDone = clock();

  onProgress?.({ stage: "recommend" });
  const proposed = [
    ...recommendationsFromFindings(estate, drift.findings),
    ...recommendationsFromRoles(estate, roles),
  ];
  const reviewed =
    reviews === undefined
      ? undefined
      : applyReviews(proposed, reviews, previous?.recommendations);
  const recommendations = sortByPriority(reviewed?.recommendations ?? proposed);
  const recommendDone = clock();

  const members: string[][] = Array.from({ length: clusters.k }, () => []);
  clusters.assignments.forEach((cluster, row) => {
    members[cluster]!.push(estate.matrix.identities[row]!);
  });
  const roleOfCluster = new Map(
    roles.flatMap((role) => role.clusters.map((cluster) => [cluster, role.id] as const)),
  );
  const unGranted = ungrantedUse(estate);
  const denied = deniedWithoutGrant(estate);
  const { timings: withTimings, ...echoed } = settings;

  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: "rolemine", version: VERSION },
    settings: echoed,
    input: inputSummary(estate, ignoredColumns, inputSource),
    summary: reportSummary(estate, drift, recommendations, inputSource, {
      clusters: clusters.k,
      candidateRoles: roles.length,
      ungrantedUse: unGranted.length,
      deniedWithoutGrant: denied.length,
      ignoredColumns,
      asOf: asOfMs,
    }),
    clustering: clusters.summary,
    clusters: members.map((list, id) => ({
      id,
      size: list.length,
      members: list,
      role: roleOfCluster.get(id) ?? null,
    })),
    roles,
    findings: drift.findings,
    excluded: drift.excluded,
    recommendations,
    debt: drift.debt,
    ungrantedUse: unGranted,
    deniedWithoutGrant: denied,
    reviews: reviewed?.outcome ?? null,
    diff:
      previous === undefined
        ? null
        : diffFindings(drift.findings, previous.findings),
  };
  if (!withTimings) return report;
  const ms = (value: number) => Math.round(value * 1000) / 1000;
  return {
    ...report,
    timings: {
      estateMs: ms(estateDone - started),
      clusterMs: ms(clusterDone - estateDone),
      rolesMs: ms(rolesDone - clusterDone),
      driftMs: ms(driftDone - rolesDone),
      recommendMs: ms(recommendDone - driftDone),
      totalMs: ms(clock() - started),
    },
  };
}

/** Tests whether a value is an `Estate` built by this library. */
export function isEstate(value: unknown): value is Estate {
  if (value === null || typeof value !== "object") return false;
  const matrix = (value as { matrix?: unknown }).matrix;
  return (
    matrix !== null &&
    typeof matrix === "object" &&
    (matrix as { rowOffsets?: unknown }).rowOffsets instanceof Int32Array
  );
}
