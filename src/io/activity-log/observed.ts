import type {
  Channel,
  EntitlementInput,
  Granularity,
  IdentityKind,
} from "../../estate/schema.js";
import type { ReadSummary, SkipReason } from "./summary.js";

/** An identity as a log names it, with its kind when the log shows it. */
export interface ObservedIdentity {
  readonly id: string;
  readonly kind?: IdentityKind | undefined;
}

/**
 * One attempt by an identity to use an entitlement, as a log event shows
 * it: a successful use or a failed (denied) attempt.
 */
export interface Attempt {
  readonly identity: ObservedIdentity;
  readonly entitlement: string;
  /** System the entitlement belongs to, e.g. `s3.amazonaws.com`. */
  readonly system: string;
  readonly channel: Channel;
  readonly outcome: "use" | "failure";
  /** Event time, epoch milliseconds. */
  readonly time: number;
}

/**
 * Usage a log shows for one identity, entitlement and channel. Dates are
 * ISO-8601 UTC; `days` are the distinct calendar days (UTC) of successful
 * use, ascending.
 */
export interface ObservedPair {
  readonly identity: string;
  readonly entitlement: string;
  readonly channel: Channel;
  readonly uses: number;
  readonly lastUsedAt: string | undefined;
  readonly failures: number;
  readonly lastFailureAt: string | undefined;
  readonly days: readonly string[];
}

/**
 * Contribution of one log event to the usage read: the attempts it shows,
 * or the reason it is skipped. `errorCode` is set for a call that failed
 * with an error other than a denial, whether skipped or credited as use.
 */
export type EventReading =
  | {
      readonly status: "counted";
      /** Event time, epoch milliseconds. */
      readonly time: number;
      /** Usually one; a Kubernetes impersonated request shows two. */
      readonly attempts: readonly Attempt[];
      readonly errorCode?: string | undefined;
    }
  | {
      readonly status: "skipped";
      readonly time: number;
      readonly reason: SkipReason;
      /** The identity, when it was resolved before the event was skipped. */
      readonly identity?: ObservedIdentity | undefined;
      readonly errorCode?: string | undefined;
    };

/** Everything read from an activity log, before grants are joined. */
export interface ObservedUsage {
  readonly summary: ReadSummary;
  /** Granularity of the entitlements the log names. */
  readonly granularity: Granularity;
  /** Pairs in the order first seen; a pair used on two channels is two. */
  readonly pairs: readonly ObservedPair[];
  /**
   * Every identity the log names in an event it read, including those of
   * skipped errored calls: the identities the telemetry covers.
   */
  readonly identities: readonly ObservedIdentity[];
  /** Entitlements of the pairs, with their system. */
  readonly entitlements: readonly EntitlementInput[];
}
