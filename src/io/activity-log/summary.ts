import type { Channel } from "../../estate/schema.js";

/** Activity-log formats that rolemine reads. */
export type ActivityLogSource = "cloudtrail" | "k8s-audit";

/**
 * Reasons an event read from a log is not credited as a use or a failed
 * attempt.
 *
 * - `errored`: the call failed with an error that is not an authorization
 *   denial (a throttle, a missing resource, a validation error), and the
 *   `erroredCalls` option is `"skip"`.
 * - `unresolvedIdentity`: no identity can be read from the event: a
 *   CloudTrail event without `userIdentity`, a failed console sign-in of
 *   an unknown user name (logged as `HIDDEN_DUE_TO_SECURITY_REASONS`), or
 *   a Kubernetes event without a user name.
 * - `insight`: a CloudTrail Insights event, which reports unusual call
 *   rates and is not a call.
 * - `duplicate`: an event whose id was already read (CloudTrail with the
 *   `deduplicate` option only).
 * - `stage`: a Kubernetes audit event of a stage other than
 *   `ResponseComplete`, so that each request counts once.
 */
export const SKIP_REASONS = [
  "errored",
  "unresolvedIdentity",
  "insight",
  "duplicate",
  "stage",
] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

/** Counts of one read of an activity log, before grants are joined. */
export interface ReadSummary {
  readonly source: ActivityLogSource;
  /** Files read. */
  readonly files: number;
  /** Files inside the given folders passed over: CloudTrail digest files. */
  readonly filesSkipped: number;
  /** Events parsed from the files, whatever became of them. */
  readonly eventsRead: number;
  /** Events credited to an identity as a use or a failed attempt. */
  readonly eventsCounted: number;
  /** Events not credited: the sum of `skipped`. */
  readonly eventsSkipped: number;
  /** Events not credited, by reason. Every reason is present. */
  readonly skipped: Readonly<Record<SkipReason, number>>;
  /**
   * Calls that failed with an error other than a denial, by error code
   * (CloudTrail `errorCode`, or `HTTP 404` and the like for Kubernetes).
   * They are in `skipped.errored`, or in `uses` when the `erroredCalls`
   * option is `"use"`.
   */
  readonly erroredCalls: Readonly<Record<string, number>>;
  /**
   * Successful uses credited. Usually one per counted event; a Kubernetes
   * request made by impersonation also credits the caller's use of
   * `impersonate`.
   */
  readonly uses: number;
  /** Failed (denied) attempts credited. */
  readonly failures: number;
  /** Uses and failures credited, by channel. Every channel is present. */
  readonly channels: Readonly<Record<Channel, number>>;
  /** Earliest event time read, ISO-8601 UTC; absent when no event. */
  readonly from: string | undefined;
  /** Latest event time read, ISO-8601 UTC; absent when no event. */
  readonly to: string | undefined;
}
