import type { RoleMetrics } from "./metrics.js";
import type { MiningMethod, MiningObjective } from "./options.js";

/**
 * A mined role: every identity listed receives every entitlement listed.
 * Numbers are the row and column numbers of the input `UsageMatrix`.
 */
export interface MinedRole {
  /** Column numbers of the role's entitlements, ascending. */
  readonly entitlements: readonly number[];
  /** Row numbers of the identities assigned the role, ascending. */
  readonly identities: readonly number[];
}

/** One grant, as the row and column numbers of the input matrix. */
export interface GrantRef {
  readonly identity: number;
  readonly entitlement: number;
}

/** Wall-clock time of each stage of `mineRoles`, in milliseconds. */
export interface MiningTimings {
  /** From the call to the return. */
  readonly totalMs: number;
  /** Merging duplicate identities and entitlements. */
  readonly mergeMs: number;
  /** Graph reduction (exact method only, else 0). */
  readonly reductionMs: number;
  /** Greedy cover or branch and bound over what the reduction left. */
  readonly searchMs: number;
  /** Trimming assignments, partial coverage and sorting. */
  readonly finishMs: number;
}

/**
 * The outcome of `mineRoles`.
 *
 * `lowerBound` is proved by the miner. Under objective `roles` it is the
 * size of `incompatibleGrants`, grants no two of which can share a role,
 * so every complete cover needs at least that many roles. A partial cover
 * may skip one of them per grant it leaves out, and the bound drops by
 * that many. When the exact search finishes, the minimum it proved is
 * the bound even if the witnesses are fewer. Under objective `wsc` it is
 * a lower bound on the WSC: each witness needs its own role or a direct
 * assignment, and each identity and entitlement with a grant needs a
 * link. `optimal` is true when the value reached equals `lowerBound`.
 */
export interface MiningResult {
  readonly method: MiningMethod;
  readonly objective: MiningObjective;
  /**
   * The roles, sorted by descending number of identity-entitlement pairs
   * (identities × entitlements), then by entitlement lists compared
   * number by number, then by identity lists. Same input, same order.
   */
  readonly roles: readonly MinedRole[];
  readonly lowerBound: number;
  readonly optimal: boolean;
  /** Pairwise incompatible grants that prove the bound on roles. */
  readonly incompatibleGrants: readonly GrantRef[];
  readonly metrics: RoleMetrics;
  /**
   * Grants that no role covers, sorted by identity then entitlement:
   * those a `coverage` below 1 leaves out, or those the `wsc` objective
   * keeps as direct assignments. Absent when every grant is covered.
   */
  readonly uncovered?: readonly GrantRef[];
  readonly timings: MiningTimings;
}

/** Compares roles by the documented order of `MiningResult.roles`. */
export function compareRoles(a: MinedRole, b: MinedRole): number {
  const sizeA = a.identities.length * a.entitlements.length;
  const sizeB = b.identities.length * b.entitlements.length;
  if (sizeA !== sizeB) return sizeB - sizeA;
  return (
    compareLists(a.entitlements, b.entitlements) ||
    compareLists(a.identities, b.identities)
  );
}

function compareLists(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}
