import type { Estate } from "../estate/estate.js";

/** One entitlement of a candidate role with the share of members holding it. */
export interface RoleEntitlement {
  readonly entitlement: string;
  /** Members of the cluster that hold it. */
  readonly holders: number;
  /** `holders / members`, rounded to 4 decimals. */
  readonly support: number;
}

/**
 * A candidate role: the entitlements that at least a `support` share of a
 * cluster's members hold. Clusters that yield the same entitlement set
 * share one role. Nothing is created: the role is a proposal.
 */
export interface CandidateRole {
  /** `role-<first cluster number>`, stable for the same input and seed. */
  readonly id: string;
  /** Clusters whose members the role serves, ascending. */
  readonly clusters: readonly number[];
  /** Member identity ids, in input order. */
  readonly members: readonly string[];
  /** Entitlements, by descending support then input order. */
  readonly entitlements: readonly RoleEntitlement[];
  /** Members' grants that the role contains. */
  readonly grantsExplained: number;
  /** All grants of the members. */
  readonly memberGrants: number;
  /** Grants the role would give to members that lack them. */
  readonly grantsAdded: number;
}

/** A partition of the identities (matrix rows) into clusters. */
export interface Partition {
  /** Cluster number of each row. */
  readonly assignments: ArrayLike<number>;
  readonly k: number;
}

/**
 * Derives a candidate role from each cluster that has at least
 * `minMembers` members and yields at least `minEntitlements` entitlements
 * with support ≥ `support`, then merges roles with equal entitlement
 * sets (support stays ≥ `support` over the union, because holder counts
 * add up). Runs in O(grants + k · entitlements).
 */
export function candidateRoles(
  estate: Estate,
  partition: Partition,
  options: { support: number; minMembers: number; minEntitlements: number },
): CandidateRole[] {
  const { matrix } = estate;
  const members: number[][] = Array.from({ length: partition.k }, () => []);
  for (let i = 0; i < matrix.identities.length; i++) {
    members[partition.assignments[i]!]!.push(i);
  }

  const drafts: Draft[] = [];
  const byEntitlements = new Map<string, number>();
  const holders = new Int32Array(matrix.entitlements.length);
  members.forEach((rows, cluster) => {
    if (rows.length < options.minMembers) return;
    holders.fill(0);
    let memberGrants = 0;
    for (const i of rows) {
      for (let c = matrix.rowOffsets[i]!; c < matrix.rowOffsets[i + 1]!; c++) {
        if (matrix.granted[c] !== 1) continue;
        holders[matrix.columns[c]!]! += 1;
        memberGrants++;
      }
    }

    // Compare counts, not rounded shares, so support 0.8 of 5 needs 4.
    const needed = Math.ceil(options.support * rows.length - 1e-9);
    const chosen: number[] = [];
    for (let j = 0; j < holders.length; j++) {
      if (holders[j]! >= needed && holders[j]! > 0) chosen.push(j);
    }
    if (chosen.length < options.minEntitlements) return;
    chosen.sort((a, b) => holders[b]! - holders[a]! || a - b);

    let grantsExplained = 0;
    for (const j of chosen) grantsExplained += holders[j]!;
    const role: Draft = {
      clusters: [cluster],
      rows,
      columns: chosen,
      holders: chosen.map((j) => holders[j]!),
      grantsExplained,
      memberGrants,
    };
    const key = chosen.slice().sort((a, b) => a - b).join(",");
    const existing = byEntitlements.get(key);
    if (existing === undefined) {
      byEntitlements.set(key, drafts.length);
      drafts.push(role);
    } else mergeDraft(drafts[existing]!, role);
  });
  return drafts.map((draft) => finish(matrix, draft));
}

interface Draft {
  clusters: number[];
  rows: number[];
  columns: number[];
  holders: number[];
  grantsExplained: number;
  memberGrants: number;
}

function mergeDraft(target: Draft, source: Draft): void {
  target.clusters.push(...source.clusters);
  target.rows = target.rows.concat(source.rows).sort((a, b) => a - b);
  const holderOf = new Map(source.columns.map((j, n) => [j, source.holders[n]!]));
  target.holders = target.columns.map((j, n) => target.holders[n]! + holderOf.get(j)!);
  target.grantsExplained += source.grantsExplained;
  target.memberGrants += source.memberGrants;
}

function finish(matrix: Estate["matrix"], draft: Draft): CandidateRole {
  const size = draft.rows.length;
  const order = draft.columns
    .map((column, n) => ({ column, holders: draft.holders[n]! }))
    .sort((a, b) => b.holders - a.holders || a.column - b.column);
  return {
    id: `role-${draft.clusters[0]}`,
    clusters: draft.clusters.slice().sort((a, b) => a - b),
    members: draft.rows.map((i) => matrix.identities[i]!),
    entitlements: order.map(({ column, holders }) => ({
      entitlement: matrix.entitlements[column]!,
      holders,
      support: round4(holders / size),
    })),
    grantsExplained: draft.grantsExplained,
    memberGrants: draft.memberGrants,
    grantsAdded: order.length * size - draft.grantsExplained,
  };
}

export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
