import type { UsageMatrix } from "../matrix/usage-matrix.js";
import { trimAssignments } from "./assignments.js";
import type { Biclique } from "./concept.js";
import { Deadline } from "./deadline.js";
import { type ExactCover, exactCover } from "./exact-cover.js";
import { greedyCover } from "./greedy.js";
import { selectGreedily } from "./greedy-selection.js";
import { greedyIncompatibleCells } from "./incompatible-grants.js";
import { type MergedMatrix, mergeDuplicates } from "./merged-matrix.js";
import { type RoleMetrics, roleMetrics, uncoveredGrants } from "./metrics.js";
import {
  type MineRolesOptions,
  type ResolvedMineRolesOptions,
  resolveMineRolesOptions,
} from "./options.js";
import {
  type GrantRef,
  type MinedRole,
  type MiningResult,
  compareRoles,
} from "./result.js";
import { SHRINK_ORDERS, shrinkRoles } from "./role-shrinking.js";
import { dropCostlyRoles, mergedWsc, wscLowerBound } from "./wsc.js";

/**
 * Mines flat roles that rebuild the grants of `matrix`: each role is a set
 * of entitlements and a set of identities that all hold all of them, so
 * no role ever gives an identity an entitlement it lacks. Cells with use
 * but no grant are ignored. By default the number of roles is minimised
 * exactly (the basic role mining problem), and the result carries a lower
 * bound proved by the miner and whether the cover meets it.
 *
 * After the search, each identity keeps only the roles it needs and each
 * role only the entitlements that no other role of all its identities
 * gives, which lowers the WSC without changing what is covered.
 *
 * Deterministic: the same matrix and options give the same roles in the
 * same order. `matrix` and `options` are not modified.
 *
 * Complexity: merging and the reduction take about O(Σ over grants of the
 * grants in the block of its entitlement's holders × its identity's
 * entitlements). The exact search is exponential in the worst case, so
 * `timeLimitMs` bounds it.
 *
 * @throws {OptionError} when an option is invalid, naming the option, the
 *   value received and the values accepted.
 * @example
 * const { matrix } = buildEstate({ records: parsePairs("a x\na y\nb x\n") });
 * const result = mineRoles(matrix, { method: "exact" });
 * result.roles;
 * // [{ entitlements: [0, 1], identities: [0] },
 * //  { entitlements: [0], identities: [1] }]
 * result.lowerBound; // 2
 * result.optimal; // true
 */
export function mineRoles(
  matrix: UsageMatrix,
  options: MineRolesOptions = {},
): MiningResult {
  const start = performance.now();
  const resolved = resolveMineRolesOptions(options);

  const merged = mergeDuplicates(matrix);
  const merging = performance.now();

  const deadline = new Deadline(resolved.timeLimitMs);
  const found =
    resolved.method === "exact"
      ? exactCover(merged, deadline)
      : greedyWithBound(merged);
  const searching = performance.now();

  const targetWeight = Math.ceil(resolved.coverage * merged.grantCount - 1e-9);
  const partial = targetWeight < merged.grantCount;
  const covers = [found.roles];
  // An unproven exact cover competes with the greedy one, so a search cut
  // short never does worse than the greedy method. Under the wsc objective
  // the fewest roles need not give the lowest WSC, so the greedy cover,
  // one role per distinct entitlement set and one per distinct holder set
  // compete as well.
  const wscObjective = resolved.objective === "wsc";
  if (resolved.method === "exact" && (wscObjective || !found.proven)) {
    covers.push(greedyCover(merged, merged.grantCount));
  }
  if (wscObjective) {
    covers.push(rowClassRoles(merged), columnClassRoles(merged));
  }
  let best: Finished | undefined;
  for (const cover of covers) {
    const finished = finishCover(matrix, merged, cover, targetWeight, resolved);
    const better =
      best === undefined ||
      isLess(
        objectiveKey(finished.metrics.roles, finished.metrics.wsc, resolved),
        objectiveKey(best.metrics.roles, best.metrics.wsc, resolved),
      );
    if (better) {
      best = finished;
    }
  }
  const { roles, metrics } = best!;
  const uncovered =
    metrics.directAssignments > 0 ? uncoveredGrants(matrix, roles) : [];

  const witnesses = found.incompatibleCells.length;
  let lowerBound: number;
  if (resolved.objective === "wsc") {
    lowerBound = wscLowerBound(merged, witnesses, resolved.weights);
  } else if (partial) {
    // A partial cover may leave out one witness per grant it skips.
    lowerBound = Math.max(0, witnesses - (merged.grantCount - targetWeight));
  } else {
    // A complete cover that the search proved minimal is its own bound.
    lowerBound = found.proven ? found.roles.length : witnesses;
  }
  const reached = resolved.objective === "wsc" ? metrics.wsc : roles.length;
  const end = performance.now();

  return {
    method: resolved.method,
    objective: resolved.objective,
    roles,
    lowerBound,
    optimal: reached <= lowerBound,
    incompatibleGrants: found.incompatibleCells.map((cell) =>
      grantOfCell(merged, cell),
    ),
    metrics,
    ...(uncovered.length > 0 ? { uncovered } : {}),
    timings: {
      totalMs: end - start,
      mergeMs: merging - start,
      reductionMs: found.reductionMs,
      searchMs: searching - merging - found.reductionMs,
      finishMs: end - searching,
    },
  };
}

interface Finished {
  roles: MinedRole[];
  metrics: RoleMetrics;
}

/**
 * Applies partial coverage, then tries the cover as it is and shrunk to
 * essential cells in each order, each with links trimmed and, under the
 * `wsc` objective, costly roles dropped. Keeps the best by the objective
 * (fewest roles, then lowest WSC; or lowest WSC, then fewest roles), the
 * first of equals. Expands and sorts its roles.
 */
function finishCover(
  matrix: UsageMatrix,
  merged: MergedMatrix,
  cover: readonly Biclique[],
  targetWeight: number,
  resolved: ResolvedMineRolesOptions,
): Finished {
  const base =
    targetWeight < merged.grantCount
      ? selectGreedily(merged, cover, targetWeight)
      : cover;
  const variants = [base, ...SHRINK_ORDERS.map((order) =>
    shrinkRoles(merged, base, order),
  )];
  let best: Biclique[] = [];
  let bestKey: [number, number] | undefined;
  for (const variant of variants) {
    let roles = trimAssignments(merged, variant);
    if (resolved.objective === "wsc") {
      roles = dropCostlyRoles(merged, roles, resolved.weights);
    }
    const wsc = mergedWsc(merged, roles, resolved.weights);
    const key = objectiveKey(roles.length, wsc, resolved);
    if (bestKey === undefined || isLess(key, bestKey)) {
      best = roles;
      bestKey = key;
    }
  }
  const roles = best.map((role) => expandRole(merged, role));
  roles.sort(compareRoles);
  return { roles, metrics: roleMetrics(matrix, roles, resolved.weights) };
}

/** Builds the sort key: roles then WSC, or WSC then roles under `wsc`. */
function objectiveKey(
  roles: number,
  wsc: number,
  resolved: ResolvedMineRolesOptions,
): [number, number] {
  return resolved.objective === "wsc" ? [wsc, roles] : [roles, wsc];
}

function isLess(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** Builds one role per merged row: its identities and their entitlements. */
function rowClassRoles(merged: MergedMatrix): Biclique[] {
  return merged.rowColumns.map((columns, row) => ({
    rows: [row],
    columns: Array.from(columns),
  }));
}

/** Builds one role per merged column: its entitlements and their holders. */
function columnClassRoles(merged: MergedMatrix): Biclique[] {
  return merged.columnRows.map((rows, column) => ({
    rows: Array.from(rows),
    columns: [column],
  }));
}

function greedyWithBound(merged: MergedMatrix): ExactCover {
  const start = performance.now();
  const roles = greedyCover(merged, merged.grantCount);
  const incompatibleCells = greedyIncompatibleCells(merged);
  return {
    roles,
    incompatibleCells,
    proven: roles.length === incompatibleCells.length,
    reductionMs: 0,
    searchMs: performance.now() - start,
  };
}

/** Converts a merged role to the row and column numbers of the input. */
function expandRole(merged: MergedMatrix, role: Biclique): MinedRole {
  return {
    entitlements: membersOf(merged.columnMembers, role.columns),
    identities: membersOf(merged.rowMembers, role.rows),
  };
}

function membersOf(
  members: readonly Int32Array[],
  indices: readonly number[],
): number[] {
  const result: number[] = [];
  for (const index of indices) {
    for (const member of members[index]!) result.push(member);
  }
  return result.sort((a, b) => a - b);
}

/** Returns the first original grant that a merged cell stands for. */
function grantOfCell(merged: MergedMatrix, cell: number): GrantRef {
  return {
    identity: merged.rowMembers[merged.cellRows[cell]!]![0]!,
    entitlement: merged.columnMembers[merged.cellColumns[cell]!]![0]!,
  };
}
