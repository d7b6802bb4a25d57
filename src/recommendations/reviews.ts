import { z } from "zod";
import { InputError, issuesFromZod } from "../errors.js";
import { subjectOfId } from "./identity.js";
import { REVIEW_STATES, type Recommendation, type ReviewState } from "./types.js";

/**
 * One entry of a reviews file: the state a reviewer gave a recommendation
 * of an earlier run. `etag` is the etag the reviewer saw.
 */
export const ReviewInputSchema = z.strictObject({
  id: z
    .string({ error: "a recommendation id such as r-0123456789-abcdef" })
    .regex(/^r-[0-9a-f]{10}-[0-9a-f]{6}$/, {
      error: "a recommendation id such as r-0123456789-abcdef",
    }),
  state: z.enum(REVIEW_STATES as [ReviewState, ...ReviewState[]], {
    error: `one of ${REVIEW_STATES.join(", ")}`,
  }),
  etag: z.string({ error: "the etag string the reviewer saw" }).optional(),
  note: z.string({ error: "a note string" }).optional(),
});

/** The reviews file: a JSON array of review entries, one per id. */
export const ReviewsSchema = z.array(ReviewInputSchema);

export type ReviewInput = z.infer<typeof ReviewInputSchema>;

/** Outcome of carrying the reviews of an earlier run into this one. */
export interface ReviewOutcome {
  /** Entries whose recommendation this run produced again. */
  readonly applied: number;
  /** New recommendations that replace a reviewed one after a material change. */
  readonly superseded: number;
  /** Claimed recommendations kept with their earlier content. */
  readonly frozenByClaim: number;
  /** Reviewed ids whose subject has no recommendation any more. */
  readonly closed: readonly string[];
  /**
   * Claimed ids this run cannot keep frozen because the previous report
   * was not given or does not contain them.
   */
  readonly unfrozen: readonly string[];
}

/**
 * Validates a reviews file's parsed JSON.
 *
 * @throws {InputError} naming each bad entry, or an id listed twice.
 */
export function parseReviews(value: unknown): ReviewInput[] {
  const parsed = ReviewsSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    throw new InputError("reviews", issuesFromZod(parsed.error, value));
  }
  const seen = new Set<string>();
  const issues = [];
  for (const [index, review] of parsed.data.entries()) {
    if (seen.has(review.id)) {
      issues.push({
        path: `${index}.id`,
        received: JSON.stringify(review.id),
        expected: "each id once; keep only the latest state",
      });
    }
    seen.add(review.id);
  }
  if (issues.length > 0) throw new InputError("reviews", issues);
  return parsed.data;
}

/**
 * Carries review states from an earlier run into this run's
 * recommendations:
 * - the same id keeps its state and note (a dismissed recommendation
 *   stays dismissed while its material evidence is unchanged);
 * - a claimed recommendation keeps the content it had in `previous`,
 *   and no new variant of its subject is raised while the claim is in place;
 * - a new id on a reviewed subject (its material evidence changed) starts
 *   pending and names the reviewed id in `supersedes`.
 */
export function applyReviews(
  current: readonly Recommendation[],
  reviews: readonly ReviewInput[],
  previous: readonly Recommendation[] | undefined,
): { recommendations: Recommendation[]; outcome: ReviewOutcome } {
  const reviewById = new Map(reviews.map((review) => [review.id, review]));
  const reviewBySubject = new Map<string, ReviewInput>();
  for (const review of reviews) {
    reviewBySubject.set(subjectOfId(review.id)!, review);
  }
  const previousById = new Map((previous ?? []).map((r) => [r.id, r]));
  const currentIds = new Set(current.map((r) => r.id));

  const result: Recommendation[] = [];
  const linked = new Set<string>();
  let applied = 0;
  let superseded = 0;
  for (const recommendation of current) {
    const review = reviewById.get(recommendation.id);
    if (review !== undefined) {
      applied++;
      linked.add(review.id);
      if (review.state === "claimed" && previousById.has(review.id)) continue;
      result.push(withReview(recommendation, review, recommendation.supersedes));
      continue;
    }
    const earlier = reviewBySubject.get(subjectOfId(recommendation.id)!);
    if (earlier === undefined) {
      result.push(recommendation);
      continue;
    }
    linked.add(earlier.id);
    // A standing claim freezes the subject: the claimed content stays.
    if (earlier.state === "claimed" && previousById.has(earlier.id)) continue;
    superseded++;
    result.push({ ...recommendation, supersedes: earlier.id });
  }

  let frozenByClaim = 0;
  const unfrozen: string[] = [];
  const closed: string[] = [];
  for (const review of reviews) {
    if (review.state === "claimed") {
      const frozen = previousById.get(review.id);
      if (frozen === undefined) {
        if (!currentIds.has(review.id)) unfrozen.push(review.id);
        else if (review.etag !== undefined && !sameEtag(current, review)) {
          unfrozen.push(review.id);
        }
        continue;
      }
      frozenByClaim++;
      result.push(withReview(frozen, review, frozen.supersedes));
      continue;
    }
    if (!linked.has(review.id)) closed.push(review.id);
  }
  return {
    recommendations: result,
    outcome: { applied, superseded, frozenByClaim, closed, unfrozen },
  };
}

function withReview(
  recommendation: Recommendation,
  review: ReviewInput,
  supersedes: string | null,
): Recommendation {
  return {
    ...recommendation,
    review: {
      state: review.state,
      etag: recommendation.review.etag,
      note: review.note ?? null,
      reviewedEtag: review.etag ?? null,
    },
    supersedes,
  };
}

function sameEtag(current: readonly Recommendation[], review: ReviewInput): boolean {
  return current.some(
    (r) => r.id === review.id && r.review.etag === review.etag,
  );
}
