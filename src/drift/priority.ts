import type { EntitlementInfo } from "../estate/metadata.js";
import type { Priority } from "./types.js";

/**
 * Weight of each privilege level in drift debt and ranking. An
 * entitlement without a level weighs as `low`.
 */
export const PRIVILEGE_WEIGHTS = {
  low: 1,
  medium: 2,
  high: 4,
  critical: 8,
} as const;

/** Privilege weight of an entitlement. */
export function privilegeWeight(entitlement: EntitlementInfo): number {
  return PRIVILEGE_WEIGHTS[entitlement.privilege ?? "low"];
}

/**
 * Drift debt of one dormant or over-broad grant: one point for the grant
 * plus one per day past the dormancy threshold, times the privilege
 * weight. `idleDays` is days since the last use, or since the grant when
 * it was never used, or the window length when neither date is known.
 *
 * @example
 * grantDebt(100, 90, 4); // (1 + 10) * 4 = 44
 */
export function grantDebt(
  idleDays: number,
  dormantDays: number,
  weight: number,
): number {
  return (1 + Math.max(0, Math.floor(idleDays - dormantDays))) * weight;
}

/**
 * Priority of a drift finding on a grant that could be removed:
 * `critical` for critical entitlements, `high` for high ones or when
 * denied attempts show someone still tries the access, `medium` for
 * over-broad grants and `low` for other dormant grants.
 */
export function grantPriority(
  entitlement: EntitlementInfo,
  overBroad: boolean,
  failedAttempts: number,
): Priority {
  if (entitlement.privilege === "critical") return "critical";
  if (entitlement.privilege === "high" || failedAttempts > 0) return "high";
  return overBroad ? "medium" : "low";
}

/** Rank of a priority for sorting: critical first. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

/**
 * Sorts items highest priority first, then by descending score, then by
 * id, and returns a new array. Keys are copied into typed arrays first:
 * a report can hold a million findings.
 */
export function sortByPriority<
  T extends { readonly priority: Priority; readonly score: number; readonly id: string },
>(items: readonly T[]): T[] {
  const rank = new Uint8Array(items.length);
  const score = new Float64Array(items.length);
  items.forEach((item, i) => {
    rank[i] = PRIORITY_RANK[item.priority];
    score[i] = item.score;
  });
  const order = Array.from({ length: items.length }, (_, i) => i);
  order.sort((a, b) => {
    const byRank = rank[a]! - rank[b]!;
    if (byRank !== 0) return byRank;
    const byScore = score[b]! - score[a]!;
    if (byScore !== 0) return byScore;
    const idA = items[a]!.id;
    const idB = items[b]!.id;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
  return order.map((i) => items[i]!);
}
