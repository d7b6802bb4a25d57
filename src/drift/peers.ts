import type { UsageMatrix } from "../matrix/usage-matrix.js";
import type { CandidateRole } from "../roles/candidate-roles.js";

/**
 * Per-cluster facts the drift rules compare an identity with: how many
 * members each cluster has, how many hold each entitlement, and which
 * entitlements form the cluster's candidate role.
 */
export interface PeerGroups {
  readonly assignments: ArrayLike<number>;
  readonly sizes: readonly number[];
  /** Holders of entitlement `j` in cluster `c`: `holders[c][j]`. */
  holders(cluster: number): Int32Array;
  /** Column numbers of the cluster's candidate role, if it has one. */
  roleColumns(cluster: number): ReadonlySet<number> | undefined;
}

/** Builds peer groups from a partition and its candidate roles. */
export function peerGroups(
  matrix: UsageMatrix,
  assignments: ArrayLike<number>,
  k: number,
  roles: readonly CandidateRole[],
): PeerGroups {
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < matrix.identities.length; i++) {
    members[assignments[i]!]!.push(i);
  }
  const sizes = members.map((rows) => rows.length);
  const columnOf = new Map(matrix.entitlements.map((id, j) => [id, j]));
  const roleSets = new Map<number, Set<number>>();
  for (const role of roles) {
    const columns = new Set(
      role.entitlements.map((e) => columnOf.get(e.entitlement)!),
    );
    for (const cluster of role.clusters) roleSets.set(cluster, columns);
  }

  // Holder counts are built per cluster on first request and kept.
  const cache = new Map<number, Int32Array>();
  return {
    assignments,
    sizes,
    holders(cluster) {
      let counts = cache.get(cluster);
      if (counts !== undefined) return counts;
      counts = new Int32Array(matrix.entitlements.length);
      for (const i of members[cluster]!) {
        for (let c = matrix.rowOffsets[i]!; c < matrix.rowOffsets[i + 1]!; c++) {
          if (matrix.granted[c] === 1) counts[matrix.columns[c]!]! += 1;
        }
      }
      cache.set(cluster, counts);
      return counts;
    },
    roleColumns: (cluster) => roleSets.get(cluster),
  };
}
