import { DAY_MS } from "../dates.js";
import type { Estate } from "../estate/estate.js";
import { GRANULARITY_CODES } from "../matrix/usage-matrix.js";
import {
  type ObservationWindow,
  daysSinceLastUse,
  isUsageObserved,
  isUsedInWindow,
  lastUseOf,
} from "./observation.js";
import type { PeerGroups } from "./peers.js";
import { type Periodicity, detectPeriodicity } from "./periodic.js";
import type { Verdict } from "./types.js";

/** Settings the grant rules read. */
export interface GrantRuleSettings {
  /** Telemetry collected longer ago than this before `asOf` is stale. */
  readonly telemetryMaxAgeDays: number;
}

/** The verdict on one granted cell with everything that led to it. */
export interface GrantAssessment {
  readonly cell: number;
  readonly row: number;
  readonly column: number;
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  readonly daysSinceLastUse: number | undefined;
  /** When a not-yet-judgeable grant can be judged, epoch ms. */
  readonly judgeableAt: number | undefined;
  readonly periodicity: Periodicity | undefined;
  /** Share of the identity's cluster holding the entitlement. */
  readonly peerShare: number;
  /** Whether the cluster has a role and the entitlement is outside it. */
  readonly outsideRole: boolean;
}

/** Everything `assessGrant` reads, built once per analysis. */
export interface GrantRuleContext {
  readonly estate: Estate;
  readonly window: ObservationWindow;
  readonly peers: PeerGroups;
  readonly settings: GrantRuleSettings;
}

/**
 * Gives granted cell `cell` of row `row` one verdict. The rules, in order:
 * 1. Platform-managed identities: `not-actionable`.
 * 2. A successful use in the window (at any granularity, over every
 *    channel and alias) no older than the dormancy threshold: `used`.
 * 3. Non-use needs telemetry that covers the identity and the
 *    entitlement's system, can observe the entitlement, is not stale, and has
 *    action-level or unstated-granularity data for the cell; otherwise
 *    `unknown`.
 * 4. A grant, identity or telemetry younger than the window, or periodic
 *    use whose next occurrence is not yet two periods late:
 *    `insufficient-observation`.
 * 5. Otherwise `over-broad` when the cluster's role lacks the
 *    entitlement, else `dormant`.
 */
export function assessGrant(
  context: GrantRuleContext,
  row: number,
  cell: number,
): GrantAssessment {
  const { estate, window, peers } = context;
  const { matrix } = estate;
  const identity = estate.identities[row]!;
  const column = matrix.columns[cell]!;
  const cluster = peers.assignments[row]!;
  const size = peers.sizes[cluster]!;
  const roleColumns = peers.roleColumns(cluster);
  const base: AssessmentBase = {
    cell,
    row,
    column,
    daysSinceLastUse: daysSinceLastUse(matrix, window, cell),
    peerShare: size === 0 ? 0 : peers.holders(cluster)[column]! / size,
    outsideRole: roleColumns !== undefined && !roleColumns.has(column),
  };
  const verdict = (
    value: Verdict,
    reasons: string[],
    judgeableAt?: number,
    periodicity?: Periodicity,
  ) => finish(base, value, reasons, judgeableAt, periodicity);

  if (identity.kind === "platform-managed") {
    return verdict("not-actionable", ["platform-managed"]);
  }

  const serviceLevel =
    matrix.granularity[cell] === GRANULARITY_CODES.service;
  const tooOld =
    base.daysSinceLastUse !== undefined &&
    base.daysSinceLastUse > window.dormantDays;
  if (isUsedInWindow(matrix, window, cell) && !tooOld) {
    return verdict("used", [serviceLevel ? "service-level-use" : "use-in-window"]);
  }

  const blind = blindness(context, row, cell);
  if (blind.length > 0) return verdict("unknown", blind);

  const unjudgeable = observationShortfall(context, row, cell);
  if (unjudgeable !== undefined) {
    return verdict(
      "insufficient-observation",
      [unjudgeable.reason],
      unjudgeable.judgeableAt,
    );
  }

  const history = matrix.history.get(cell);
  const periodicity =
    history === undefined ? undefined : detectPeriodicity(history);
  const last = lastUseOf(matrix, cell);
  if (periodicity !== undefined && window.asOf !== undefined) {
    const dueBy = last + 2 * periodicity.periodDays * DAY_MS;
    if (window.asOf <= dueBy) {
      return verdict("insufficient-observation", ["periodic-use"], dueBy, periodicity);
    }
  }

  const reasons = [tooOld ? "last-use-older-than-threshold" : "no-use-in-window"];
  if (matrix.failures[cell]! > 0) reasons.push("failed-attempts");
  if (base.outsideRole) {
    reasons.push("outside-cluster-role");
    return verdict("over-broad", reasons, undefined, periodicity);
  }
  return verdict("dormant", reasons, undefined, periodicity);
}

/** The fields of an assessment that do not depend on the verdict. */
type AssessmentBase = Pick<
  GrantAssessment,
  "cell" | "row" | "column" | "daysSinceLastUse" | "peerShare" | "outsideRole"
>;

// One object literal per grant, with no spread: millions of grants pass
// through here.
function finish(
  base: AssessmentBase,
  verdict: Verdict,
  reasons: readonly string[],
  judgeableAt: number | undefined,
  periodicity: Periodicity | undefined,
): GrantAssessment {
  return {
    cell: base.cell,
    row: base.row,
    column: base.column,
    verdict,
    reasons,
    daysSinceLastUse: base.daysSinceLastUse,
    judgeableAt,
    periodicity,
    peerShare: base.peerShare,
    outsideRole: base.outsideRole,
  };
}

/** Reasons the telemetry cannot show non-use of the cell; empty if it can. */
function blindness(context: GrantRuleContext, row: number, cell: number): string[] {
  const { estate, window, settings } = context;
  const { telemetry, matrix } = estate;
  const identity = estate.identities[row]!;
  const entitlement = estate.entitlements[matrix.columns[cell]!]!;
  const reasons: string[] = [];
  if (!entitlement.observable) reasons.push("entitlement-not-observable");
  if (telemetry.identities !== undefined) {
    const covered =
      telemetry.identities.has(identity.id) ||
      identity.aliases.some((alias) => telemetry.identities!.has(alias));
    if (!covered) reasons.push("identity-not-covered");
  }
  if (
    telemetry.systems !== undefined &&
    (entitlement.system === undefined ||
      !telemetry.systems.has(entitlement.system))
  ) {
    reasons.push("system-not-covered");
  }
  if (
    telemetry.collectedAt !== undefined &&
    window.asOf !== undefined &&
    window.asOf - telemetry.collectedAt > settings.telemetryMaxAgeDays * DAY_MS
  ) {
    reasons.push("stale-telemetry");
  }
  // A service-level source cannot attribute use to single actions, so a
  // zero count for this action does not show that it went unused.
  if (matrix.granularity[cell] === GRANULARITY_CODES.service) {
    reasons.push("service-level-data");
  }
  if (!isUsageObserved(matrix, cell)) reasons.push("no-usage-data");
  if (window.asOf === undefined && Number.isNaN(matrix.uses[cell]!)) {
    reasons.push("no-dates");
  }
  return reasons;
}

/**
 * Finds the latest of grant, identity creation and telemetry start, when it
 * falls inside the window: the grant cannot be judged before that instant
 * plus a whole window.
 */
export function observationShortfall(
  context: GrantRuleContext,
  row: number,
  cell: number,
): { reason: string; judgeableAt: number } | undefined {
  const { estate, window } = context;
  if (window.start === undefined) return undefined;
  const starts: [string, number | undefined][] = [
    ["grant-younger-than-window", estate.matrix.grantedAt[cell]],
    ["identity-younger-than-window", estate.identities[row]!.createdAt],
    ["telemetry-shorter-than-window", estate.telemetry.from],
  ];
  let latest: { reason: string; judgeableAt: number } | undefined;
  for (const [reason, start] of starts) {
    if (start === undefined || Number.isNaN(start) || start <= window.start) {
      continue;
    }
    const judgeableAt = start + window.windowDays * DAY_MS;
    if (latest === undefined || judgeableAt > latest.judgeableAt) {
      latest = { reason, judgeableAt };
    }
  }
  return latest;
}
