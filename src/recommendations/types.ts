import type { Evidence, Priority } from "../drift/types.js";

/** Action a recommendation proposes for a person to take. */
export type RecommendationKind =
  | "create-role"
  | "replace-grants-with-role"
  | "revoke-grant"
  | "remove-membership"
  | "attest"
  | "assign-owner"
  | "rotate-credential"
  | "review-identity";

export const RECOMMENDATION_KINDS: readonly RecommendationKind[] = [
  "create-role",
  "replace-grants-with-role",
  "revoke-grant",
  "remove-membership",
  "attest",
  "assign-owner",
  "rotate-credential",
  "review-identity",
];

/**
 * Review states: `pending` (not yet reviewed), `claimed` (a reviewer is
 * working on it; its content is frozen), `accepted`, `rejected`
 * (dismissed) and `failed` (accepted, but carrying it out failed outside
 * rolemine).
 */
export type ReviewState = "pending" | "claimed" | "accepted" | "rejected" | "failed";

export const REVIEW_STATES: readonly ReviewState[] = [
  "pending",
  "claimed",
  "accepted",
  "rejected",
  "failed",
];

/** Position of a recommendation in human review. */
export interface Review {
  readonly state: ReviewState;
  /**
   * Hash of the recommendation's content; changes whenever its evidence
   * or target changes, so a reviewer can tell that what they saw is
   * still what is proposed.
   */
  readonly etag: string;
  readonly note: string | null;
  /**
   * Etag the reviewer saw when they set the state, from the reviews
   * file; null when pending or not given. When it differs from `etag`,
   * the evidence has moved since the decision, though not materially.
   */
  readonly reviewedEtag: string | null;
}

/** Subject of a recommendation. Unused fields are null. */
export interface RecommendationTarget {
  readonly identity: string | null;
  readonly entitlement: string | null;
  readonly role: string | null;
  readonly entitlements: readonly string[] | null;
  readonly members: readonly string[] | null;
}

/**
 * A proposal for a person to review. rolemine never changes access: no
 * function of the library acts on a recommendation, `status` is always
 * `"advisory"` and `requiresHumanReview` always `true`, and every field is
 * read-only. A person who carries one out does so in their own systems, after
 * review.
 */
export interface Recommendation {
  /**
   * `r-<subject>-<material>`: the subject part names what it is about,
   * the material part the evidence that matters for the decision. Same
   * input, same id; a material change gives a new id with the same
   * subject part.
   */
  readonly id: string;
  readonly kind: RecommendationKind;
  readonly status: "advisory";
  readonly requiresHumanReview: true;
  readonly review: Review;
  readonly priority: Priority;
  /** Whether the decision needs someone above the usual reviewer. */
  readonly escalation: boolean;
  /** Sort key within a priority: larger first. */
  readonly score: number;
  readonly target: RecommendationTarget;
  /** One sentence saying why. */
  readonly rationale: string;
  /** Ids of the findings behind it. */
  readonly findings: readonly string[];
  readonly evidence: Evidence;
  /** Id of an earlier recommendation on the same subject that this replaces. */
  readonly supersedes: string | null;
}
