import type { Estate } from "../estate/estate.js";
import type { CandidateRole } from "../roles/candidate-roles.js";
import { target } from "./identity.js";
import { propose } from "./proposal.js";
import type { Recommendation } from "./types.js";

const MAX_LISTED_MEMBERS = 50;

/**
 * Proposes each candidate role (`create-role`) and, where some members
 * hold every entitlement of the role directly, the replacement of those
 * direct grants by the role (`replace-grants-with-role`). Both rank by
 * the grants they would explain.
 */
export function recommendationsFromRoles(
  estate: Estate,
  roles: readonly CandidateRole[],
): Recommendation[] {
  const result: Recommendation[] = [];
  const columnOf = new Map(estate.matrix.entitlements.map((id, j) => [id, j]));
  const rowOf = new Map(estate.matrix.identities.map((id, i) => [id, i]));
  for (const role of roles) {
    const entitlements = role.entitlements.map((e) => e.entitlement);
    const sortedEntitlements = entitlements.slice().sort();
    const create = target({
      role: role.id,
      entitlements: sortedEntitlements,
      members: role.members.slice(0, MAX_LISTED_MEMBERS),
    });
    const createEvidence = {
      clusters: role.clusters.map(String),
      members: role.members.length,
      entitlements: role.entitlements.map(
        (e) => `${e.entitlement} (support ${e.support}, ${e.holders} holders)`,
      ),
      grantsExplained: role.grantsExplained,
      memberGrants: role.memberGrants,
      grantsAdded: role.grantsAdded,
    };
    const createRationale =
      `Create a role of ${entitlements.length} entitlements shared by ` +
      `${role.members.length} identities in ${clusterText(role.clusters)}; it ` +
      `explains ${role.grantsExplained} of their ${role.memberGrants} grants.`;
    result.push(advisory("create-role", create, createRationale, createEvidence, role.grantsExplained));

    const roleColumns = entitlements.map((e) => columnOf.get(e)!);
    const complete = role.members.filter((member) =>
      holdsDirectly(estate, rowOf.get(member)!, roleColumns),
    );
    if (complete.length < 2) continue;
    const replace = target({
      role: role.id,
      entitlements: sortedEntitlements,
      members: complete.slice(0, MAX_LISTED_MEMBERS),
    });
    const replaced = complete.length * entitlements.length;
    result.push(
      advisory(
        "replace-grants-with-role",
        replace,
        `Replace ${replaced} direct grants of ${complete.length} identities ` +
          `with one assignment each of the proposed role ${role.id}.`,
        {
          clusters: role.clusters.map(String),
          identitiesHoldingWholeRole: complete.length,
          directGrantsReplaced: replaced,
          roleEntitlements: entitlements.length,
        },
        replaced,
      ),
    );
  }
  return result;
}

function advisory(
  kind: "create-role" | "replace-grants-with-role",
  subject: ReturnType<typeof target>,
  rationale: string,
  evidence: Recommendation["evidence"],
  score: number,
): Recommendation {
  return propose({
    kind,
    target: subject,
    rationale,
    evidence,
    material: {},
    priority: "low",
    escalation: false,
    score,
    findings: [],
  });
}

function holdsDirectly(estate: Estate, row: number, columns: number[]): boolean {
  const { matrix } = estate;
  const held = new Set<number>();
  for (let c = matrix.rowOffsets[row]!; c < matrix.rowOffsets[row + 1]!; c++) {
    if (matrix.granted[c] === 1 && matrix.via[c]! < 0) held.add(matrix.columns[c]!);
  }
  return columns.every((j) => held.has(j));
}

function clusterText(clusters: readonly number[]): string {
  return clusters.length === 1
    ? `cluster ${clusters[0]}`
    : `clusters ${clusters.join(", ")}`;
}
