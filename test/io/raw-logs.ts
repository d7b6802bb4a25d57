// Independent readings of the sample logs for the tests: whole files read
// with readFileSync, gunzipSync and JSON.parse, and the counts taken with
// plain loops, so that the streaming readers are checked against a second
// implementation rather than against themselves.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

// The raw events are untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawEvent = Record<string, any>;

/** Reads every event of a sample folder, files in name order. */
export function rawCloudTrailEvents(folder: string): RawEvent[] {
  const events: RawEvent[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (name.endsWith(".json.gz")) {
      const document = JSON.parse(gunzipSync(readFileSync(path)).toString());
      events.push(...document.Records);
    } else if (name.endsWith(".json")) {
      events.push(...JSON.parse(readFileSync(path, "utf8")));
    }
  }
  return events;
}

/**
 * Whether a call was denied. The samples write denials only as the codes
 * AccessDenied and Client.UnauthorizedOperation, most with a message
 * containing "not authorized".
 */
export function isDenied(event: RawEvent): boolean {
  return (
    event.errorCode === "AccessDenied" ||
    event.errorCode === "Client.UnauthorizedOperation" ||
    /not authorized/i.test(event.errorMessage ?? "")
  );
}

/** Whether the call failed with an error other than a denial. */
export const isErrored = (event: RawEvent) =>
  event.errorCode !== undefined && !isDenied(event);

/** Resolves the role, user or service that an event's permissions belong to. */
export function rawIdentity(event: RawEvent, mergeAccounts = false): string {
  const user = event.userIdentity;
  let id: string;
  if (user.type === "AssumedRole") {
    id = user.sessionContext.sessionIssuer.arn;
  } else if (user.type === "IAMUser") {
    id = user.arn ?? `arn:aws:iam::${user.accountId}:user/${user.userName}`;
  } else if (user.type === "AWSService" || user.type === undefined) {
    id = user.invokedBy;
  } else {
    id = user.arn;
  }
  if (!mergeAccounts) return id;
  const [arn, partition, service, region, , ...rest] = id.split(":");
  return arn === "arn"
    ? [arn, partition, service, region, "*", ...rest].join(":")
    : id;
}

export const rawEntitlement = (event: RawEvent) =>
  `${event.eventSource}:${event.eventName}`;

export function rawChannel(event: RawEvent): string {
  const user = event.userIdentity;
  if ("invokedBy" in user || user.type === "AWSService") return "service";
  if (event.eventType === "AwsConsoleSignIn") return "interactive";
  if (event.sessionCredentialFromConsole === "true") return "interactive";
  return "api";
}

/** Parses every line of a JSON-lines file. */
export function rawAuditEvents(path: string): RawEvent[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));
}

/** `verb:group/resource` or `verb:/path`; the samples have no subresource. */
export function rawAuditEntitlement(event: RawEvent): string {
  const ref = event.objectRef;
  if (ref?.resource === undefined) {
    return `${event.verb}:${event.requestURI.split("?")[0]}`;
  }
  const group = ref.apiGroup ? ref.apiGroup : "core";
  return `${event.verb}:${group}/${ref.resource}`;
}

/** Counts of each value of `key` over `items`. */
export function countBy<T>(
  items: readonly T[],
  key: (item: T) => string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}
