import {
  type InputIssue,
  InputError,
  OptionError,
  describeValue,
} from "../errors.js";
import type { UsageMatrix } from "../matrix/usage-matrix.js";
import { type WscWeights, resolveWeights } from "./options.js";
import type { GrantRef, MinedRole } from "./result.js";

/**
 * Size and fit of a set of flat roles against the grants of a matrix.
 * Pairs are counted once even when several roles give them.
 */
export interface RoleMetrics {
  /** Number of roles, |R|. */
  readonly roles: number;
  /** Identity-to-role links, |UA| (sum of the roles' identity counts). */
  readonly userAssignments: number;
  /** Role-to-entitlement links, |PA| (sum of entitlement counts). */
  readonly permissionAssignments: number;
  /** Role-hierarchy edges, |RH|: always 0, because roles are flat. */
  readonly hierarchyEdges: number;
  /**
   * Grants that no role covers, |DUPA|: they stay direct assignments.
   */
  readonly directAssignments: number;
  /** Weighted structural complexity with the weights used. */
  readonly wsc: number;
  /** The weights used for `wsc`. */
  readonly weights: WscWeights;
  /** Grants of the matrix. */
  readonly grants: number;
  /** Grants given by at least one role. */
  readonly coveredGrants: number;
  /** `coveredGrants / grants`, or 1 for a matrix without grants. */
  readonly coverage: number;
  /**
   * Identity-entitlement pairs that roles give but the matrix does not
   * grant. Zero for every cover `mineRoles` returns.
   */
  readonly overAssignments: number;
}

/**
 * Measures `roles` against the grants of `matrix`: counts of roles and
 * links, WSC (Molloy et al., SACMAT 2008)
 * w_r·|R| + w_u·|UA| + w_p·|PA| + w_h·|RH| + w_d·|DUPA|, coverage and
 * over-assignment. Weights default to 1 each. Cells of the matrix with
 * use but no grant count as not granted. Neither argument is modified.
 * Runs in O(grants + Σ identities · entitlements over the roles).
 *
 * @throws {InputError} when a role names a row or column number outside
 *   the matrix.
 * @throws {OptionError} when a weight is negative, not finite or unknown.
 * @example
 * // Matrix: identity 0 holds entitlements 0 and 1, identity 1 holds 0.
 * roleMetrics(matrix, [
 *   { identities: [0, 1], entitlements: [0] },
 *   { identities: [0], entitlements: [1] },
 * ]);
 * // { roles: 2, userAssignments: 3, permissionAssignments: 2,
 * //   hierarchyEdges: 0, directAssignments: 0, wsc: 7, grants: 3,
 * //   coveredGrants: 3, coverage: 1, overAssignments: 0, weights: ... }
 */
export function roleMetrics(
  matrix: UsageMatrix,
  roles: readonly MinedRole[],
  weights?: Partial<WscWeights>,
): RoleMetrics {
  const weightIssues: InputIssue[] = [];
  const resolved = resolveWeights(weights, weightIssues, "weights");
  if (weightIssues.length > 0) throw new OptionError(weightIssues);
  checkRoles(matrix, roles);

  let userAssignments = 0;
  let permissionAssignments = 0;
  for (const role of roles) {
    userAssignments += role.identities.length;
    permissionAssignments += role.entitlements.length;
  }
  let coveredGrants = 0;
  let overAssignments = 0;
  scanRows(matrix, roles, (row, given, isGiven) => {
    let covered = 0;
    forEachGrant(matrix, row, (column) => {
      if (isGiven(column)) covered++;
    });
    coveredGrants += covered;
    overAssignments += given - covered;
  });

  const grants = matrix.grantCount;
  const directAssignments = grants - coveredGrants;
  const wsc =
    resolved.roles * roles.length +
    resolved.userAssignments * userAssignments +
    resolved.permissionAssignments * permissionAssignments +
    resolved.directAssignments * directAssignments;
  return {
    roles: roles.length,
    userAssignments,
    permissionAssignments,
    hierarchyEdges: 0,
    directAssignments,
    wsc,
    weights: resolved,
    grants,
    coveredGrants,
    coverage: grants === 0 ? 1 : coveredGrants / grants,
    overAssignments,
  };
}

/**
 * Grants of `matrix` that no role in `roles` gives, sorted by identity
 * then entitlement. Roles must name valid rows and columns.
 */
export function uncoveredGrants(
  matrix: UsageMatrix,
  roles: readonly MinedRole[],
): GrantRef[] {
  const uncovered: GrantRef[] = [];
  scanRows(matrix, roles, (row, _given, isGiven) => {
    forEachGrant(matrix, row, (column) => {
      if (!isGiven(column)) uncovered.push({ identity: row, entitlement: column });
    });
  });
  return uncovered;
}

/**
 * Calls `visit` for each row with the number of distinct entitlements
 * the roles give it and a test of whether they give a column.
 */
function scanRows(
  matrix: UsageMatrix,
  roles: readonly MinedRole[],
  visit: (row: number, given: number, isGiven: (c: number) => boolean) => void,
) {
  const rowCount = matrix.identities.length;
  const rolesOfRow: number[][] = Array.from({ length: rowCount }, () => []);
  roles.forEach((role, index) => {
    for (const row of role.identities) rolesOfRow[row]!.push(index);
  });
  const givenStamp = new Int32Array(matrix.entitlements.length).fill(-1);
  for (let row = 0; row < rowCount; row++) {
    let given = 0;
    for (const index of rolesOfRow[row]!) {
      for (const column of roles[index]!.entitlements) {
        if (givenStamp[column] === row) continue;
        givenStamp[column] = row;
        given++;
      }
    }
    visit(row, given, (column) => givenStamp[column] === row);
  }
}

function forEachGrant(
  matrix: UsageMatrix,
  row: number,
  visit: (column: number) => void,
) {
  const end = matrix.rowOffsets[row + 1]!;
  for (let cell = matrix.rowOffsets[row]!; cell < end; cell++) {
    if (matrix.granted[cell] === 1) visit(matrix.columns[cell]!);
  }
}

function checkRoles(matrix: UsageMatrix, roles: readonly MinedRole[]) {
  const issues: InputIssue[] = [];
  const check = (
    path: string,
    values: readonly number[],
    size: number,
    noun: string,
  ) => {
    if (!Array.isArray(values)) {
      issues.push({
        path,
        received: describeValue(values),
        expected: `an array of ${noun} numbers`,
      });
      return;
    }
    values.forEach((value, i) => {
      const inRange = Number.isInteger(value) && value >= 0 && value < size;
      const ascending = i === 0 || value > values[i - 1]!;
      if (inRange && ascending) return;
      issues.push({
        path: `${path}.${i}`,
        received: describeValue(value),
        expected: inRange
          ? `${noun} numbers in ascending order without repeats`
          : `a ${noun} number from 0 to ${size - 1}`,
      });
    });
  };
  roles.forEach((role, r) => {
    check(`roles.${r}.identities`, role.identities, matrix.identities.length,
      "row");
    check(`roles.${r}.entitlements`, role.entitlements,
      matrix.entitlements.length, "column");
  });
  if (issues.length > 0) throw new InputError("roles", issues);
}
