import type { Evidence } from "../drift/types.js";
import { createHash } from "node:crypto";
import { contentHash } from "../hash.js";
import type { RecommendationKind, RecommendationTarget } from "./types.js";

/**
 * Builds `r-<subject>-<material>`. The subject hash covers the kind and
 * target; the material hash covers only the facts whose change should
 * reopen a dismissed recommendation (for a revoke-grant: the verdict and
 * the privilege level, not the growing count of idle days).
 */
export function recommendationId(
  kind: RecommendationKind,
  target: RecommendationTarget,
  material: unknown,
): string {
  return `r-${subjectHash(kind, target)}-${contentHash(material, 6)}`;
}

/** Subject part of a recommendation id. */
export function subjectHash(
  kind: RecommendationKind,
  target: RecommendationTarget,
): string {
  return contentHash({ kind, target: subjectOf(kind, target) }, 10);
}

/** Subject part of an existing id, or undefined for a malformed id. */
export function subjectOfId(id: string): string | undefined {
  const match = /^r-([0-9a-f]{10})-[0-9a-f]{6}$/.exec(id);
  return match?.[1];
}

// Role members change as the estate changes; the subject of a role
// recommendation is its entitlement set.
function subjectOf(kind: RecommendationKind, target: RecommendationTarget) {
  if (kind === "create-role" || kind === "replace-grants-with-role") {
    return { entitlements: target.entitlements };
  }
  return { identity: target.identity, entitlement: target.entitlement };
}

/**
 * Hashes everything shown to a reviewer, for the review etag. The content is
 * built in a fixed key order, so plain JSON is canonical here and the
 * key sort of `contentHash` is not needed.
 */
export function contentEtag(content: {
  target: RecommendationTarget;
  rationale: string;
  evidence: Evidence;
}): string {
  return createHash("sha256")
    .update(JSON.stringify(content))
    .digest("hex")
    .slice(0, 16);
}

/** Builds a target with every field null but those given. */
export function target(fields: Partial<RecommendationTarget>): RecommendationTarget {
  return {
    identity: null,
    entitlement: null,
    role: null,
    entitlements: null,
    members: null,
    ...fields,
  };
}
