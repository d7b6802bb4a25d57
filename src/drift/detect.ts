import type { Estate } from "../estate/estate.js";
import { type Exclusion, type ExcludedFinding, applyExclusions } from "./exclusions.js";
import { NOT_GRANTED, grantFindings } from "./grant-findings.js";
import type { GrantAssessment } from "./grant-verdict.js";
import { identityFindings } from "./identity-findings.js";
import type { ObservationWindow } from "./observation.js";
import type { PeerGroups } from "./peers.js";
import { sortByPriority } from "./priority.js";
import { type Finding, VERDICTS, type Verdict } from "./types.js";

/** Settings of the drift rules; `resolveSettings` documents the defaults. */
export interface DriftSettings {
  readonly telemetryMaxAgeDays: number;
  readonly peerOutlierShare: number;
  readonly minPeers: number;
  readonly rotationDays: number;
  readonly exclusions: readonly Exclusion[];
}

/** Drift debt of one identity. */
export interface IdentityDebt {
  readonly identity: string;
  readonly debt: number;
}

/** Everything the drift stage found. */
export interface DriftResult {
  /** Findings, highest priority first, then by score, then by id. */
  readonly findings: Finding[];
  readonly excluded: ExcludedFinding[];
  readonly privilegedKept: number;
  /** Grants per verdict. */
  readonly verdicts: Record<Verdict, number>;
  /**
   * Share of grants the telemetry could judge (used, dormant or
   * over-broad); unknown, not yet judgeable and not actionable grants are
   * the rest.
   */
  readonly observedShare: number;
  /** Sum of all identities' drift debt, and the identities that carry any. */
  readonly debt: { readonly estate: number; readonly identities: IdentityDebt[] };
  /** Grants with periodic use, and the window that would judge them all. */
  readonly periodic: {
    readonly grants: number;
    readonly maxPeriodDays: number | null;
    readonly suggestedWindowDays: number | null;
  };
}

/**
 * Runs every drift rule: one verdict per grant, membership and peer
 * findings, identity lifecycle findings, exclusions, and drift debt.
 */
export function detectDrift(
  estate: Estate,
  window: ObservationWindow,
  peers: PeerGroups,
  settings: DriftSettings,
): DriftResult {
  const context = { estate, window, peers, settings };
  const grants = grantFindings(context, settings);
  const { matrix } = estate;
  const verdictsOfRow = (row: number) => {
    const list: Verdict[] = [];
    for (let c = matrix.rowOffsets[row]!; c < matrix.rowOffsets[row + 1]!; c++) {
      const code = grants.verdictOf[c]!;
      if (code !== NOT_GRANTED) list.push(VERDICTS[code]!);
    }
    return list;
  };
  const lifecycle = identityFindings(estate, window, settings, verdictsOfRow);
  const outcome = applyExclusions(
    estate,
    [...grants.findings, ...lifecycle],
    settings.exclusions,
  );
  const findings = sortByPriority(outcome.kept);
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<
    Verdict,
    number
  >;
  let total = 0;
  for (const code of grants.verdictOf) {
    if (code === NOT_GRANTED) continue;
    verdicts[VERDICTS[code]!]++;
    total++;
  }
  // Judged grants: those the telemetry saw for the whole window.
  const observed = verdicts.used + verdicts.dormant + verdicts["over-broad"];

  const identities: IdentityDebt[] = [];
  let estateDebt = 0;
  grants.debt.forEach((debt, row) => {
    if (debt <= 0) return;
    estateDebt += debt;
    identities.push({ identity: estate.identities[row]!.id, debt });
  });
  identities.sort((a, b) => b.debt - a.debt || (a.identity < b.identity ? -1 : 1));

  return {
    findings,
    excluded: outcome.excluded,
    privilegedKept: outcome.privilegedKept,
    verdicts,
    observedShare: total === 0 ? 0 : Math.round((observed / total) * 1e4) / 1e4,
    debt: { estate: estateDebt, identities },
    periodic: periodicSummary(grants.assessments, window),
  };
}

function periodicSummary(
  assessments: readonly GrantAssessment[],
  window: ObservationWindow,
): DriftResult["periodic"] {
  let count = 0;
  let maxPeriod = 0;
  for (const assessment of assessments) {
    const period = assessment.periodicity?.periodDays;
    if (period === undefined) continue;
    count++;
    maxPeriod = Math.max(maxPeriod, period);
  }
  const suggested = Math.ceil(2 * maxPeriod);
  return {
    grants: count,
    maxPeriodDays: count === 0 ? null : maxPeriod,
    suggestedWindowDays:
      count === 0 || suggested <= window.windowDays ? null : suggested,
  };
}
