import type { Estate } from "../estate/estate.js";
import { isPrivileged } from "../estate/metadata.js";
import type { Finding } from "./types.js";

/**
 * An accepted exception: findings in its scope are set aside and listed
 * in the report as excluded. Each given field narrows the scope; at least
 * one of `identity`, `entitlement` and `kind` is required.
 */
export interface Exclusion {
  readonly identity?: string | undefined;
  readonly entitlement?: string | undefined;
  /** Identity kind (not a finding type), for example `workload`. */
  readonly kind?: string | undefined;
  /** Reason the exception was accepted, echoed in the report. */
  readonly reason: string;
}

/** A finding set aside by an exclusion. */
export interface ExcludedFinding {
  readonly finding: string;
  readonly type: string;
  readonly identity: string;
  readonly entitlement: string | null;
  /** Position of the exclusion in the settings' list. */
  readonly exclusion: number;
  /** The exclusion's reason, repeated for the reader. */
  readonly reason: string;
}

/** Findings split by the exclusions. */
export interface ExclusionOutcome {
  readonly kept: Finding[];
  readonly excluded: ExcludedFinding[];
  /**
   * Findings on privileged grants that matched only exclusions which do
   * not name their identity, and so were kept.
   */
  readonly privilegedKept: number;
}

/**
 * Applies exclusions to findings. Each finding goes to the first exclusion
 * that may hide it. An exclusion that does not name the identity never
 * hides a finding on a privileged grant (level high or critical, or a
 * membership that gives such a grant). When no exclusion names the
 * identity, such a finding is kept and counted in `privilegedKept`.
 */
export function applyExclusions(
  estate: Estate,
  findings: readonly Finding[],
  exclusions: readonly Exclusion[],
): ExclusionOutcome {
  if (exclusions.length === 0) {
    return { kept: findings.slice(), excluded: [], privilegedKept: 0 };
  }
  const kindOf = new Map(estate.identities.map((i) => [i.id, i.kind]));
  const privileged = new Set(
    estate.entitlements.filter(isPrivileged).map((e) => e.id),
  );
  const kept: Finding[] = [];
  const excluded: ExcludedFinding[] = [];
  let privilegedKept = 0;
  for (const finding of findings) {
    const kind = kindOf.get(finding.identity);
    const onPrivileged = isOnPrivilegedGrant(finding, privileged);
    const mayHide = (exclusion: Exclusion) =>
      !onPrivileged || exclusion.identity === finding.identity;
    const index = exclusions.findIndex(
      (exclusion) => matches(exclusion, finding, kind) && mayHide(exclusion),
    );
    if (index < 0) {
      if (exclusions.some((exclusion) => matches(exclusion, finding, kind))) {
        privilegedKept++;
      }
      kept.push(finding);
      continue;
    }
    excluded.push({
      finding: finding.id,
      type: finding.type,
      identity: finding.identity,
      entitlement: finding.entitlement,
      exclusion: index,
      reason: exclusions[index]!.reason,
    });
  }
  return { kept, excluded, privilegedKept };
}

/**
 * Checks whether a finding is about a privileged entitlement or about a
 * membership whose most privileged entitlement is high or critical.
 */
function isOnPrivilegedGrant(
  finding: Finding,
  privileged: ReadonlySet<string>,
): boolean {
  if (finding.entitlement !== null && privileged.has(finding.entitlement)) {
    return true;
  }
  const highest = finding.evidence["highestPrivilege"];
  return highest === "high" || highest === "critical";
}

function matches(
  exclusion: Exclusion,
  finding: Finding,
  kind: string | undefined,
): boolean {
  if (exclusion.identity !== undefined && exclusion.identity !== finding.identity) {
    return false;
  }
  if (
    exclusion.entitlement !== undefined &&
    exclusion.entitlement !== finding.entitlement
  ) {
    return false;
  }
  if (exclusion.kind !== undefined && exclusion.kind !== kind) return false;
  return true;
}
