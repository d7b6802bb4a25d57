import type { UsageMatrix } from "../matrix/usage-matrix.js";
import type { Biclique } from "./concept.js";
import { Deadline } from "./deadline.js";
import { type ExactCover, exactCover } from "./exact-cover.js";
import { greedyCover } from "./greedy.js";
import { selectGreedily } from "./greedy-selection.js";
import { greedyIncompatibleCells } from "./incompatible-grants.js";
import { type MergedMatrix, mergeDuplicates } from "./merged-matrix.js";
import { roleMetrics, uncoveredGrants } from "./metrics.js";
import {
  type MineRolesOptions,
  resolveMineRolesOptions,
} from "./options.js";
import {
  type GrantRef,
  type MinedRole,
  type MiningResult,
  compareRoles,
} from "./result.js";

/**
 * Mines flat roles that rebuild the grants of `matrix`: each role is a set
 * of entitlements and a set of identities that all hold all of them, so
 * no role ever gives an identity an entitlement it lacks. Cells with use
 * but no grant are ignored. By default the number of roles is minimised
 * exactly (the basic role mining problem), and the result carries a lower
 * bound proved by the miner and whether the cover meets it.
 *
 * Deterministic: the same matrix and options give the same roles in the
 * same order. `matrix` and `options` are not modified.
 *
 * Complexity: merging and the reduction take roughly O(Σ over grants of
 * the grants sharing a row or a column), the exact search is exponential
 * in the worst case and bounded by `timeLimitMs`.
 *
 * @throws {OptionError} when an option is invalid, naming the option, the
 *   value received and the values accepted.
 * @example
 * const { matrix } = buildEstate({ records: parsePairs("a x\na y\nb x\n") });
 * const result = mineRoles(matrix, { method: "exact" });
 * result.roles;
 * // [{ entitlements: [0], identities: [0, 1] },
 * //  { entitlements: [0, 1], identities: [0] }]
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
  const cover = found.roles;
  const witnesses = found.incompatibleCells;
  const searching = performance.now();

  const targetWeight = Math.ceil(resolved.coverage * merged.grantCount - 1e-9);
  const kept =
    targetWeight < merged.grantCount
      ? selectGreedily(merged, cover, targetWeight)
      : cover;
  const roles = kept.map((role) => expandRole(merged, role));
  roles.sort(compareRoles);
  const metrics = roleMetrics(matrix, roles, resolved.weights);
  const uncovered =
    metrics.directAssignments > 0 ? uncoveredGrants(matrix, roles) : [];
  // A partial cover may leave out one witness per grant it skips. A full
  // cover proved minimal by the search is its own bound.
  const lowerBound =
    targetWeight < merged.grantCount
      ? Math.max(0, witnesses.length - (merged.grantCount - targetWeight))
      : found.proven
        ? cover.length
        : witnesses.length;
  const end = performance.now();

  return {
    method: resolved.method,
    objective: resolved.objective,
    roles,
    lowerBound,
    optimal: roles.length === lowerBound,
    incompatibleGrants: witnesses.map((cell) => grantOfCell(merged, cell)),
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

/** A merged role in the row and column numbers of the input matrix. */
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

/** The first original grant that a merged cell stands for. */
function grantOfCell(merged: MergedMatrix, cell: number): GrantRef {
  return {
    identity: merged.rowMembers[merged.cellRows[cell]!]![0]!,
    entitlement: merged.columnMembers[merged.cellColumns[cell]!]![0]!,
  };
}
