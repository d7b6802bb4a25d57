import type { Evidence, Priority } from "../drift/types.js";
import { contentEtag, recommendationId } from "./identity.js";
import type {
  Recommendation,
  RecommendationKind,
  RecommendationTarget,
} from "./types.js";

/** Content of a new recommendation, as a rule decides it. */
export interface ProposalContent {
  readonly kind: RecommendationKind;
  readonly target: RecommendationTarget;
  readonly rationale: string;
  readonly evidence: Evidence;
  /** Facts whose change reopens a dismissed recommendation. */
  readonly material: unknown;
  readonly priority: Priority;
  readonly escalation: boolean;
  readonly score: number;
  readonly findings: readonly string[];
}

/**
 * Builds a new recommendation: advisory, pending review, with its id and
 * etag derived from its content. Every recommendation starts here.
 */
export function propose(content: ProposalContent): Recommendation {
  const shown = {
    target: content.target,
    rationale: content.rationale,
    evidence: content.evidence,
  };
  return {
    id: recommendationId(content.kind, content.target, content.material),
    kind: content.kind,
    status: "advisory",
    requiresHumanReview: true,
    review: {
      state: "pending",
      etag: contentEtag(shown),
      note: null,
      reviewedEtag: null,
    },
    priority: content.priority,
    escalation: content.escalation,
    score: content.score,
    ...shown,
    findings: content.findings,
    supersedes: null,
  };
}
