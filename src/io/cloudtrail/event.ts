import { parseIsoDate } from "../../dates.js";
import { describeValue } from "../../errors.js";
import type { EventReading } from "../activity-log/observed.js";
import type { ActivityLogOptions } from "../activity-log/options.js";
import { LogShapeError } from "../activity-log/shape-error.js";
import {
  type CloudTrailUserIdentity,
  type IdentityResolution,
  resolveCloudTrailIdentity,
} from "./identity.js";
import { type CallFields, callChannel, classifyCall } from "./outcome.js";

/** Options of reading one CloudTrail event. */
export interface CloudTrailEventOptions extends IdentityResolution {
  /** See `ActivityLogOptions.erroredCalls`; default `"skip"`. */
  erroredCalls?: ActivityLogOptions["erroredCalls"];
}

interface CloudTrailEventFields extends CallFields {
  eventTime?: unknown;
  eventSource?: unknown;
  eventName?: unknown;
  userIdentity?: CloudTrailUserIdentity;
}

/**
 * Reads one CloudTrail event (one element of `Records`). The entitlement
 * is `eventSource:eventName`, kept as CloudTrail writes them, e.g.
 * `s3.amazonaws.com:GetObject`; its system is the `eventSource`. Event
 * names are API operation names, which are not always IAM action names
 * (S3 `ListObjects` is authorized by `s3:ListBucket`). See
 * `resolveCloudTrailIdentity` for the identity, `classifyCall` for
 * success, denial and error, and `callChannel` for the channel.
 *
 * An event without a `userIdentity` object is skipped as
 * `unresolvedIdentity`, like one whose identity is hidden, so that one odd
 * event does not stop the read of a large log.
 *
 * @throws {LogShapeError} when `eventTime`, `eventSource` or `eventName`
 *   is missing or of the wrong type: the value is not a CloudTrail event.
 *   The error's path is relative to the event.
 * @example
 * readCloudTrailEvent({
 *   eventTime: "2023-07-10T12:00:00Z",
 *   eventSource: "s3.amazonaws.com",
 *   eventName: "GetObject",
 *   userIdentity: { type: "IAMUser", arn: "arn:aws:iam::1:user/ana" },
 * }).status; // "counted"
 */
export function readCloudTrailEvent(
  value: unknown,
  options: CloudTrailEventOptions = {},
): EventReading {
  const event = checkEvent(value);
  const time = parseIsoDate(event.eventTime as string)!;
  if (event.eventType === "AwsCloudTrailInsight") {
    return { status: "skipped", time, reason: "insight" };
  }
  const userIdentity = event.userIdentity;
  const identity =
    userIdentity !== null && typeof userIdentity === "object"
      ? resolveCloudTrailIdentity(userIdentity, options)
      : undefined;
  if (identity === undefined) {
    return { status: "skipped", time, reason: "unresolvedIdentity" };
  }
  const outcome = classifyCall(event);
  const errorCode = outcome.kind === "errored" ? outcome.code : undefined;
  if (outcome.kind === "errored" && options.erroredCalls !== "use") {
    return { status: "skipped", time, reason: "errored", identity, errorCode };
  }

  const source = event.eventSource as string;
  const attempt = {
    identity,
    entitlement: `${source}:${event.eventName as string}`,
    system: source,
    channel: callChannel(event),
    outcome: outcome.kind === "denied" ? "failure" : "use",
    time,
  } as const;
  return { status: "counted", time, attempts: [attempt], errorCode };
}

function checkEvent(value: unknown): CloudTrailEventFields {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new LogShapeError(
      "",
      describeValue(value),
      "a CloudTrail event object",
    );
  }
  const event = value as CloudTrailEventFields;
  const time = event.eventTime;
  if (typeof time !== "string" || parseIsoDate(time) === undefined) {
    throw new LogShapeError(
      "eventTime",
      describeValue(time),
      "an ISO-8601 time such as 2023-07-10T12:00:00Z; " +
        "is this a CloudTrail log?",
    );
  }
  for (const field of ["eventSource", "eventName"] as const) {
    const text = event[field];
    if (typeof text !== "string" || text === "") {
      throw new LogShapeError(
        field,
        describeValue(text),
        "a non-empty string, as in every CloudTrail event",
      );
    }
  }
  return event;
}
