/**
 * Verdict on one grant:
 * - `used`: a successful use within the observation window.
 * - `dormant`: observed for the whole window without a successful use,
 *   or last used longer ago than the dormancy threshold.
 * - `over-broad`: dormant and outside the role of the identity's cluster.
 * - `insufficient-observation`: the grant, the identity or the telemetry
 *   is younger than the window, or use is periodic with a period the
 *   window cannot judge; `judgeableAt` says when it can be judged.
 * - `unknown`: the telemetry does not cover the grant (missing, stale or
 *   blind), or only service-level data shows no use; never a reason to
 *   remove it.
 * - `not-actionable`: managed by the platform, not by the estate's owners.
 */
export type Verdict =
  | "used"
  | "dormant"
  | "over-broad"
  | "insufficient-observation"
  | "unknown"
  | "not-actionable";

export const VERDICTS: readonly Verdict[] = [
  "used",
  "dormant",
  "over-broad",
  "insufficient-observation",
  "unknown",
  "not-actionable",
];

/** Kinds of finding. */
export type FindingType =
  | "dormant-grant"
  | "over-broad-grant"
  | "unobserved-grant"
  | "unjudgeable-grant"
  | "not-actionable-grant"
  | "idle-membership"
  | "peer-outlier"
  | "dormant-identity"
  | "ownerless-identity"
  | "expired-identity"
  | "stale-credential"
  | "break-glass-identity";

/** Review priority; `critical` and `high` need escalation. */
export type Priority = "critical" | "high" | "medium" | "low";

/** Values a reviewer can check without rerunning: counts, dates, shares. */
export type Evidence = Readonly<
  Record<string, string | number | boolean | null | readonly string[]>
>;

/**
 * One drift observation about a grant or an identity, with the facts
 * behind it. Findings describe; they never act.
 */
export interface Finding {
  /** Content-derived id: the same facts give the same id in every run. */
  readonly id: string;
  readonly type: FindingType;
  /** Verdict of the grant, or of the identity for identity findings. */
  readonly verdict: Verdict;
  /** Machine-readable reasons, for example `no-use-in-window`. */
  readonly reasons: readonly string[];
  readonly identity: string;
  /** Set on grant findings. */
  readonly entitlement: string | null;
  readonly priority: Priority;
  /** Sort key within a priority: larger first. */
  readonly score: number;
  /** One plain sentence for a reviewer. */
  readonly sentence: string;
  readonly evidence: Evidence;
}
