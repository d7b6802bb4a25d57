import { DAY_MS, formatDay } from "../dates.js";
import type { Estate } from "../estate/estate.js";
import { CHANNEL_BITS, type UsageMatrix } from "../matrix/usage-matrix.js";
import { round4 } from "../roles/candidate-roles.js";
import type { GrantAssessment } from "./grant-verdict.js";
import { type ObservationWindow, lastUseOf } from "./observation.js";
import type { PeerGroups } from "./peers.js";
import type { Evidence } from "./types.js";


/** Names of the channels set in a channel bit set, in a fixed order. */
export function channelNames(bits: number): string[] {
  return Object.entries(CHANNEL_BITS)
    .filter(([, bit]) => (bits & bit) !== 0)
    .map(([name]) => name);
}

/** Granularity of the usage source of cell `cell`: unknown, action or service. */
export function granularityName(matrix: UsageMatrix, cell: number): string {
  return ["unknown", "action", "service"][matrix.granularity[cell]!]!;
}

/**
 * Collects the facts behind a grant verdict, as plain values: counts, ISO dates,
 * the thresholds applied and the peer comparison.
 */
export function grantEvidence(
  estate: Estate,
  window: ObservationWindow,
  peers: PeerGroups,
  assessment: GrantAssessment,
): Evidence {
  const { matrix } = estate;
  const { cell, column, row } = assessment;
  const entitlement = estate.entitlements[column]!;
  const cluster = peers.assignments[row]!;
  const uses = matrix.uses[cell]!;
  const failures = matrix.failures[cell]!;
  const via = matrix.via[cell]!;
  return {
    uses: Number.isNaN(uses) ? null : uses,
    lastUsedAt: window.isoDate(lastUseOf(matrix, cell)),
    neverUsed: matrix.neverUsed[cell] === 1,
    daysSinceLastUse: assessment.daysSinceLastUse ?? null,
    failedAttempts: Number.isNaN(failures) ? null : failures,
    lastFailureAt: window.isoDate(matrix.lastFailureAt[cell]),
    grantedAt: window.isoDate(matrix.grantedAt[cell]),
    via: via < 0 ? null : matrix.entitlements[via]!,
    channels: channelNames(matrix.channels[cell]!),
    granularity: granularityName(matrix, cell),
    asOf: window.isoDate(window.asOf),
    windowStart: window.isoDate(window.start),
    windowDays: window.windowDays,
    dormantDays: window.dormantDays,
    cluster,
    clusterSize: peers.sizes[cluster]!,
    peerHolders: peers.holders(cluster)[column]!,
    peerShare: round4(assessment.peerShare),
    inClusterRole: peers.roleColumns(cluster)?.has(column) ?? null,
    privilege: entitlement.privilege ?? null,
    system: entitlement.system ?? null,
    environment: entitlement.environment ?? null,
    periodDays: assessment.periodicity?.periodDays ?? null,
    judgeableAt: window.isoDate(assessment.judgeableAt),
  };
}

/** Days the grant has been idle: since last use, else since grant, else the window. */
export function idleDays(
  estate: Estate,
  window: ObservationWindow,
  assessment: GrantAssessment,
): number {
  if (assessment.daysSinceLastUse !== undefined) {
    return assessment.daysSinceLastUse;
  }
  const grantedAt = estate.matrix.grantedAt[assessment.cell]!;
  if (window.asOf !== undefined && !Number.isNaN(grantedAt)) {
    return Math.floor((window.asOf - grantedAt) / DAY_MS);
  }
  return window.windowDays;
}

/** One plain sentence stating a grant verdict and its main evidence. */
export function grantSentence(
  estate: Estate,
  window: ObservationWindow,
  peers: PeerGroups,
  assessment: GrantAssessment,
): string {
  const { matrix } = estate;
  const identity = estate.identities[assessment.row]!.id;
  const entitlement = estate.entitlements[assessment.column]!.id;
  const cluster = peers.assignments[assessment.row]!;
  const peersText =
    `${peers.holders(cluster)[assessment.column]!} of ` +
    `${peers.sizes[cluster]!} identities in cluster ${cluster} hold it`;
  const windowText =
    window.asOf === undefined
      ? "in the observation window"
      : `in the ${window.windowDays}-day window ending ${formatDay(window.asOf)}`;
  const last = lastUseOf(matrix, assessment.cell);
  const lastText = Number.isNaN(last)
    ? "no recorded use"
    : `last used ${formatDay(last)}, ${assessment.daysSinceLastUse} days ago`;

  switch (assessment.verdict) {
    case "dormant":
    case "over-broad": {
      const failures = matrix.failures[assessment.cell]!;
      const failText =
        failures > 0 ? `, with ${failures} denied attempts` : "";
      const roleText =
        assessment.verdict === "over-broad"
          ? " and it is outside the cluster's candidate role"
          : "";
      return (
        `${identity} made no successful use of ${entitlement} ${windowText}` +
        ` (${lastText}${failText}); ${peersText}${roleText}.`
      );
    }
    case "insufficient-observation": {
      const from =
        assessment.judgeableAt === undefined
          ? ""
          : `; it can be judged from ${formatDay(assessment.judgeableAt)}`;
      return (
        `${identity}'s grant of ${entitlement} cannot be judged yet ` +
        `(${assessment.reasons.join(", ")})${from}.`
      );
    }
    case "unknown":
      return (
        `The usage data cannot show whether ${identity} uses ` +
        `${entitlement} (${assessment.reasons.join(", ")}).`
      );
    case "not-actionable":
      return (
        `${identity} is managed by the platform, so its grant of ` +
        `${entitlement} is listed but not actionable.`
      );
    case "used":
      return `${identity} used ${entitlement} ${windowText} (${lastText}).`;
  }
}
