import type { UsageMatrix } from "../matrix/usage-matrix.js";
import { createRandom } from "../random.js";
import type { Biclique } from "./concept.js";
import { selectCover } from "./cover-selection.js";
import { Deadline } from "./deadline.js";
import { type ExactCover, exactCover } from "./exact-cover.js";
import { greedyCover } from "./greedy.js";
import { greedyIncompatibleCells } from "./incompatible-grants.js";
import { type MergedMatrix, mergeDuplicates } from "./merged-matrix.js";
import { roleMetrics, uncoveredGrants } from "./metrics.js";
import { type MineRolesOptions, resolveMineRolesOptions } from "./options.js";
import {
  type GrantRef,
  type MinedRole,
  type MiningResult,
  compareRoles,
} from "./result.js";
import { wscLowerBound } from "./wsc.js";

/**
 * Mines flat roles that rebuild the grants of `matrix`: each role is a set
 * of entitlements and a set of identities that all hold all of them, so
 * no role ever gives an identity an entitlement it lacks. Cells with use
 * but no grant are ignored. By default the number of roles is minimised
 * exactly (the basic role mining problem), and the result carries a lower
 * bound proved by the miner and whether the cover meets it.
 *
 * After the search, the cover is reshaped without changing its grants.
 * Each role shrinks to the cells that no other role covers, in several
 * orders and then in orders found by a seeded local search. Each
 * identity keeps only the roles it needs. This lowers the WSC, and under
 * the `roles` objective never adds a role.
 *
 * Deterministic: the same matrix and options (including `seed`) give the
 * same roles in the same order. `matrix` and `options` are not modified.
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
  const kept = selectCover(merged, covers, {
    targetWeight,
    objective: resolved.objective,
    weights: resolved.weights,
    localSearchSteps: resolved.localSearchSteps,
    random: createRandom(resolved.seed),
  });
  const roles = kept.map((role) => expandRole(merged, role));
  roles.sort(compareRoles);
  const metrics = roleMetrics(matrix, roles, resolved.weights);
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
