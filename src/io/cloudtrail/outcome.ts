import type { Channel } from "../../estate/schema.js";
import type { CloudTrailUserIdentity } from "./identity.js";

/**
 * `errorCode` values that mean the caller was not authorized, compared
 * after any `Client.` or `Server.` prefix is removed. They are
 * `AccessDenied` (IAM, S3, STS and other query APIs),
 * `AccessDeniedException` (JSON APIs such as KMS, Lambda and Secrets
 * Manager), `UnauthorizedOperation` (EC2, logged as
 * `Client.UnauthorizedOperation`), and `AuthorizationError` or
 * `AuthorizationErrorException` (SNS). An error message containing "is
 * not authorized to perform" counts as a denial whatever the code.
 */
export const DENIED_ERROR_CODES: ReadonlySet<string> = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "AuthorizationError",
  "AuthorizationErrorException",
]);

const NOT_AUTHORIZED = /\bis not authorized to perform\b/i;

/** Outcome of the call that a CloudTrail event records. */
export type CallOutcome =
  | { kind: "success" }
  | { kind: "denied" }
  | { kind: "errored"; code: string };

/** The event fields that decide the outcome and the channel. */
export interface CallFields {
  eventType?: unknown;
  eventName?: unknown;
  errorCode?: unknown;
  errorMessage?: unknown;
  responseElements?: unknown;
  sessionCredentialFromConsole?: unknown;
  userIdentity?: CloudTrailUserIdentity;
}

/**
 * Classifies a call. A call without `errorCode` is a success. A code in
 * `DENIED_ERROR_CODES`, or a message saying the caller "is not authorized
 * to perform" the action, is a denial. Any other code is an errored call.
 * A console sign-in (`AwsConsoleSignIn`) whose response reads `Failure`
 * (for example `{"ConsoleLogin": "Failure"}`) is a denial too, although
 * CloudTrail gives it no error code.
 *
 * @example
 * classifyCall({ errorCode: "Client.UnauthorizedOperation" });
 * // { kind: "denied" }
 */
export function classifyCall(event: CallFields): CallOutcome {
  const code = typeof event.errorCode === "string" ? event.errorCode : "";
  if (code === "") {
    return signInFailed(event) ? { kind: "denied" } : { kind: "success" };
  }
  const bare = code.replace(/^(?:Client|Server)\./, "");
  if (DENIED_ERROR_CODES.has(bare)) return { kind: "denied" };
  const message =
    typeof event.errorMessage === "string" ? event.errorMessage : "";
  if (NOT_AUTHORIZED.test(message)) return { kind: "denied" };
  return { kind: "errored", code };
}

function signInFailed(event: CallFields): boolean {
  if (event.eventType !== "AwsConsoleSignIn") return false;
  const response = event.responseElements;
  if (response === null || typeof response !== "object") return false;
  const name = typeof event.eventName === "string" ? event.eventName : "";
  return (response as Record<string, unknown>)[name] === "Failure";
}

/**
 * Returns the channel of a call:
 * - `service` when an AWS service made it for the principal: the identity
 *   has an `invokedBy` (including the value `AWS Internal`) or is of type
 *   `AWSService`;
 * - `interactive` for a console sign-in event, or a call made with the
 *   credentials of a console session (`sessionCredentialFromConsole` is
 *   `"true"`);
 * - `api` for every other call.
 */
export function callChannel(event: CallFields): Channel {
  const identity = event.userIdentity;
  if (identity?.invokedBy !== undefined || identity?.type === "AWSService") {
    return "service";
  }
  if (
    event.eventType === "AwsConsoleSignIn" ||
    event.sessionCredentialFromConsole === "true"
  ) {
    return "interactive";
  }
  return "api";
}
