import { parseIsoDate } from "../../dates.js";
import { describeValue } from "../../errors.js";
import type { ActivityLogOptions } from "../activity-log/options.js";
import { LogShapeError } from "../activity-log/shape-error.js";
import type {
  Attempt,
  EventReading,
  ObservedIdentity,
} from "../activity-log/observed.js";
import {
  type EntitlementNaming,
  type ObjectReference,
  k8sEntitlement,
} from "./entitlement.js";
import { k8sIdentityKind, serviceAccountOf } from "./identity.js";

/** Options of reading one Kubernetes audit event. */
export interface K8sAuditEventOptions extends EntitlementNaming {
  /** See `ActivityLogOptions.erroredCalls`; default `"skip"`. */
  erroredCalls?: ActivityLogOptions["erroredCalls"];
}

interface UserInfo {
  username?: unknown;
}

interface AuditEventFields {
  kind?: unknown;
  apiVersion?: unknown;
  stage?: unknown;
  verb?: unknown;
  requestURI?: unknown;
  user?: UserInfo;
  impersonatedUser?: UserInfo | null;
  objectRef?: ObjectReference | null;
  responseStatus?: { code?: unknown; message?: unknown } | null;
  requestReceivedTimestamp?: unknown;
  stageTimestamp?: unknown;
  timestamp?: unknown;
  metadata?: { creationTimestamp?: unknown } | null;
}

/** The system of every Kubernetes entitlement. */
export const K8S_SYSTEM = "kubernetes";

// The apiserver's message when the caller may not impersonate, e.g.
// `User "alice" cannot impersonate resource "serviceaccounts" in API
// group "" in the namespace "ns1"`.
const CANNOT_IMPERSONATE = new RegExp(
  'cannot impersonate resource "([^"]+)" in API group "([^"]*)"' +
    '(?: in the namespace "([^"]+)")?',
);

/**
 * Reads one Kubernetes audit event (`audit.k8s.io/v1` or `v1beta1`).
 *
 * - Only the `ResponseComplete` stage is counted, so that a request
 *   logged at several stages counts once; other stages are skipped
 *   (`stage`), `Panic` included.
 * - The identity is `user.username`, or `impersonatedUser.username` when
 *   the request was made by impersonation, because the apiserver checks
 *   the impersonated identity's permissions. The caller is then credited
 *   with a use of `impersonate:core/users`, or of
 *   `impersonate:core/serviceaccounts` for a service account. Impersonated
 *   groups are not credited, because the log does not show which groups
 *   were asked for and which the apiserver added. A skipped errored
 *   request credits nothing, not even the caller's `impersonate`. Kinds
 *   follow `k8sIdentityKind`.
 * - The entitlement follows `k8sEntitlement`; its system is `kubernetes`.
 * - Response code 2xx or 3xx is a use, 401 or 403 a failed attempt (a 403
 *   saying the caller "cannot impersonate" is a failure of the caller's
 *   `impersonate`), any other code an errored request (`HTTP 404` ...).
 * - The time is `requestReceivedTimestamp`, else `timestamp` (v1beta1),
 *   else `stageTimestamp`, else `metadata.creationTimestamp`.
 * - The channel is `api`: the log does not tell a person at `kubectl`
 *   from a program.
 *
 * @throws {LogShapeError} when the value is not an audit event: `kind` is
 *   not `Event`, `apiVersion` not `audit.k8s.io/...`, or the stage, verb
 *   or time is missing. The error's path is relative to the event.
 */
export function readK8sAuditEvent(
  value: unknown,
  options: K8sAuditEventOptions = {},
): EventReading {
  const event = checkEvent(value);
  const time = eventTime(event)!;
  if (event.stage !== "ResponseComplete") {
    return { status: "skipped", time, reason: "stage" };
  }

  const caller = username(event.user);
  const impersonated = username(event.impersonatedUser ?? undefined);
  const actor = impersonated ?? caller;
  if (actor === undefined) {
    return { status: "skipped", time, reason: "unresolvedIdentity" };
  }
  const identity = identityOf(actor);
  const code = event.responseStatus?.code;
  const outcome = classifyResponse(typeof code === "number" ? code : NaN);
  const errorCode = outcome.kind === "errored" ? outcome.code : undefined;
  if (outcome.kind === "errored" && options.erroredCalls !== "use") {
    return { status: "skipped", time, reason: "errored", identity, errorCode };
  }

  const attempt = (
    actingIdentity: ObservedIdentity,
    entitlement: string,
    result: Attempt["outcome"],
  ): Attempt => ({
    identity: actingIdentity,
    entitlement,
    system: K8S_SYSTEM,
    channel: "api",
    outcome: result,
    time,
  });
  const denied = outcome.kind === "denied";
  const rejected = denied ? rejectedImpersonation(event, options) : undefined;
  if (rejected !== undefined) {
    const requester = identityOf(caller ?? actor);
    const failure = attempt(requester, `impersonate:${rejected}`, "failure");
    return { status: "counted", time, attempts: [failure] };
  }

  const entitlement = k8sEntitlement(
    event.verb as string,
    event.objectRef ?? undefined,
    typeof event.requestURI === "string" ? event.requestURI : "",
    options,
  );
  const attempts = [attempt(identity, entitlement, denied ? "failure" : "use")];
  if (impersonated !== undefined && caller !== undefined) {
    const target = impersonationTarget(impersonated, options);
    attempts.push(attempt(identityOf(caller), target, "use"));
  }
  return { status: "counted", time, attempts, errorCode };
}

const identityOf = (username: string): ObservedIdentity => ({
  id: username,
  kind: k8sIdentityKind(username),
});

/** Names the `impersonate` entitlement used to act as `username`. */
function impersonationTarget(
  username: string,
  naming: EntitlementNaming,
): string {
  const serviceAccount = serviceAccountOf(username);
  if (serviceAccount === undefined) return "impersonate:core/users";
  const scope =
    naming.namespaceScope === true ? `@${serviceAccount.namespace}` : "";
  return `impersonate:core/serviceaccounts${scope}`;
}

type ResponseOutcome =
  | { kind: "success" }
  | { kind: "denied" }
  | { kind: "errored"; code: string };

function classifyResponse(code: number): ResponseOutcome {
  if (code >= 200 && code < 400) return { kind: "success" };
  if (code === 401 || code === 403) return { kind: "denied" };
  return {
    kind: "errored",
    code: Number.isNaN(code) ? "no response code" : `HTTP ${code}`,
  };
}

/**
 * Returns the `GROUP/RESOURCE` (with `@NAMESPACE` under `namespaceScope`)
 * that a 403 message reports the caller cannot impersonate, or
 * `undefined` for any other 403.
 */
function rejectedImpersonation(
  event: AuditEventFields,
  naming: EntitlementNaming,
): string | undefined {
  const message = event.responseStatus?.message;
  if (typeof message !== "string") return undefined;
  const match = CANNOT_IMPERSONATE.exec(message);
  if (match === null) return undefined;
  const namespace = match[3];
  const scope =
    naming.namespaceScope === true && namespace !== undefined
      ? `@${namespace}`
      : "";
  return `${match[2] || "core"}/${match[1]}${scope}`;
}

function username(user: UserInfo | undefined): string | undefined {
  const name = user?.username;
  return typeof name === "string" && name !== "" ? name : undefined;
}

function eventTime(event: AuditEventFields): number | undefined {
  const candidates = [
    event.requestReceivedTimestamp,
    event.timestamp,
    event.stageTimestamp,
    event.metadata?.creationTimestamp,
  ];
  for (const candidate of candidates) {
    if (typeof candidate !== "string") continue;
    const ms = parseIsoDate(candidate);
    if (ms !== undefined) return ms;
  }
  return undefined;
}

const NOT_AUDIT =
  "is this a Kubernetes audit log (JSON lines of audit.k8s.io events)?";

function checkEvent(value: unknown): AuditEventFields {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new LogShapeError(
      "",
      describeValue(value),
      `an audit event object; ${NOT_AUDIT}`,
    );
  }
  const event = value as AuditEventFields;
  if (event.kind !== "Event") {
    throw new LogShapeError(
      "kind",
      describeValue(event.kind),
      `"Event"; ${NOT_AUDIT}`,
    );
  }
  const version = event.apiVersion;
  if (typeof version !== "string" || !version.startsWith("audit.k8s.io/")) {
    throw new LogShapeError(
      "apiVersion",
      describeValue(version),
      "audit.k8s.io/v1 or audit.k8s.io/v1beta1",
    );
  }
  for (const field of ["stage", "verb"] as const) {
    const text = event[field];
    if (typeof text !== "string" || text === "") {
      throw new LogShapeError(
        field,
        describeValue(text),
        "a non-empty string, as in every audit event",
      );
    }
  }
  if (eventTime(event) === undefined) {
    throw new LogShapeError(
      "requestReceivedTimestamp",
      describeValue(event.requestReceivedTimestamp),
      "an ISO-8601 time in requestReceivedTimestamp, timestamp or " +
        "stageTimestamp",
    );
  }
  return event;
}
