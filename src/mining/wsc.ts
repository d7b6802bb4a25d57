import type { Biclique } from "./concept.js";
import { CoverState } from "./cover-state.js";
import type { MergedMatrix } from "./merged-matrix.js";
import type { WscWeights } from "./options.js";
import { cellsOfRole } from "./role-shrinking.js";

/**
 * Replaces roles by direct assignments where that lowers the WSC: a role
 * costs w_r + w_u·|identities| + w_p·|entitlements|, and dropping it
 * turns the grants only it covers into direct assignments at w_d each.
 * Roles are visited in order, and passes repeat until one drops nothing.
 * Returns the roles kept; the grants they no longer cover are the direct
 * assignments. Runs in O(passes · Σ |rows| · |columns| · log(columns)).
 */
export function dropCostlyRoles(
  merged: MergedMatrix,
  roles: readonly Biclique[],
  weights: WscWeights,
): Biclique[] {
  const rowWeights = Int32Array.from(merged.rowMembers, (m) => m.length);
  const columnWeights = Int32Array.from(merged.columnMembers, (m) => m.length);
  const givers = new Int32Array(merged.cellCount);
  const cellsOf = roles.map((role) => {
    const cells = cellsOfRole(merged, role);
    for (const cell of cells) givers[cell]!++;
    return cells;
  });

  const kept = roles.map(() => true);
  let dropped = true;
  while (dropped) {
    dropped = false;
    roles.forEach((role, index) => {
      if (!kept[index]) return;
      let identities = 0;
      for (const row of role.rows) identities += rowWeights[row]!;
      let entitlements = 0;
      for (const column of role.columns) entitlements += columnWeights[column]!;
      const cost =
        weights.roles +
        weights.userAssignments * identities +
        weights.permissionAssignments * entitlements;

      let onlyHere = 0;
      for (const cell of cellsOf[index]!) {
        if (givers[cell] !== 1) continue;
        onlyHere +=
          rowWeights[merged.cellRows[cell]!]! *
          columnWeights[merged.cellColumns[cell]!]!;
      }
      if (weights.directAssignments * onlyHere >= cost) return;
      kept[index] = false;
      dropped = true;
      for (const cell of cellsOf[index]!) givers[cell]!--;
    });
  }
  return roles.filter((_, index) => kept[index]);
}

/**
 * WSC of merged roles as `roleMetrics` would report it for their
 * expansion, with grants no role covers counted as direct assignments.
 */
export function mergedWsc(
  merged: MergedMatrix,
  roles: readonly Biclique[],
  weights: WscWeights,
): number {
  const state = new CoverState(merged);
  let identities = 0;
  let entitlements = 0;
  for (const role of roles) {
    state.add(role);
    for (const row of role.rows) identities += merged.rowMembers[row]!.length;
    for (const column of role.columns) {
      entitlements += merged.columnMembers[column]!.length;
    }
  }
  return (
    weights.roles * roles.length +
    weights.userAssignments * identities +
    weights.permissionAssignments * entitlements +
    weights.directAssignments * state.uncoveredWeight
  );
}

/**
 * A lower bound on the WSC of any flat roles plus direct assignments
 * that rebuild the grants, the larger of two counts:
 * - Each of `incompatible` pairwise incompatible grants needs its own
 *   role (at least one identity and one entitlement) or a direct
 *   assignment: min(w_d, w_r + w_u + w_p) apiece.
 * - Each of the I identities and P entitlements with a grant needs a
 *   link. D direct assignments serve at most D of each, so the WSC is at
 *   least w_u·max(0, I − D) + w_p·max(0, P − D) + w_d·D for some D.
 *   The bound takes the smallest value over D.
 */
export function wscLowerBound(
  merged: MergedMatrix,
  incompatible: number,
  weights: WscWeights,
): number {
  const perWitness = Math.min(
    weights.directAssignments,
    weights.roles + weights.userAssignments + weights.permissionAssignments,
  );
  const identities = merged.rowMembers.reduce((sum, m) => sum + m.length, 0);
  const entitlements = merged.columnMembers.reduce(
    (sum, m) => sum + m.length,
    0,
  );
  // The cost is piecewise linear in D, so its minimum lies at a bend.
  const linkCost = (direct: number) =>
    weights.userAssignments * Math.max(0, identities - direct) +
    weights.permissionAssignments * Math.max(0, entitlements - direct) +
    weights.directAssignments * direct;
  const bends = [0, identities, entitlements].map((direct) =>
    Math.min(direct, merged.grantCount),
  );
  const links = Math.min(...bends.map(linkCost), linkCost(merged.grantCount));
  return Math.max(incompatible * perWitness, links);
}
