import type { z } from "zod";

/** Machine-readable reason attached to every error the library throws. */
export type RolemineErrorCode =
  | "invalid_input"
  | "invalid_option"
  | "parse_failed";

/**
 * Base class of every error rolemine throws, so that `name`, `code` and
 * `cause` are always set and callers can branch on `code`.
 */
export class RolemineError extends Error {
  override readonly name: string = "RolemineError";
  readonly code: RolemineErrorCode;

  constructor(
    code: RolemineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
  }
}

/** One rejected value: where it sits, what was received, what was expected. */
export interface InputIssue {
  /** Dotted path into the input, for example `records.3.lastUsedAt`. */
  path: string;
  /** The value received, rendered for a message (truncated to 80 chars). */
  received: string;
  /** Description of the accepted values. */
  expected: string;
}

/**
 * Rejected input. The message lists every issue (up to ten) with its
 * path, the value received and what was expected; `issues` has them all.
 */
export class InputError extends RolemineError {
  override readonly name = "InputError";
  readonly issues: readonly InputIssue[];

  constructor(
    subject: string,
    issues: readonly InputIssue[],
    options?: { cause?: unknown },
  ) {
    super("invalid_input", formatIssues(subject, issues), options);
    this.issues = issues;
  }
}

/** An option outside its documented range. */
export class OptionError extends RolemineError {
  override readonly name = "OptionError";
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[], options?: { cause?: unknown }) {
    super("invalid_option", formatIssues("options", issues), options);
    this.issues = issues;
  }
}

const MAX_LISTED_ISSUES = 10;

function formatIssues(subject: string, issues: readonly InputIssue[]): string {
  const lines = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map(
      (issue) =>
        `  at ${issue.path || "(root)"}: received ${issue.received}, ` +
        `expected ${issue.expected}`,
    );
  const more = issues.length - MAX_LISTED_ISSUES;
  if (more > 0) lines.push(`  ... and ${more} more`);
  const noun = issues.length === 1 ? "issue" : "issues";
  return `Invalid ${subject} (${issues.length} ${noun}):\n${lines.join("\n")}`;
}

/** Renders any value for an error message, short and unambiguous. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (the field is missing)";
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : String(
      typeof value === "object" && value !== null
        ? JSON.stringify(value)
        : value,
    );
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Converts zod issues (parsed with `reportInput: true`) to input issues.
 * An unknown field becomes one issue at the field itself, with the
 * closest known field as a suggestion; zod's own "Invalid input:"
 * wording is reduced to what was expected.
 */
export function issuesFromZod(
  error: z.core.$ZodError,
  root: unknown,
): InputIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: path === "" ? key : `${path}.${key}`,
        received: describeValue(valueAtPath(root, [...issue.path, key])),
        // A schema's own message wins over the generic suggestion.
        expected: issue.message.startsWith("Unrecognized key")
          ? unknownFieldHint(key, KNOWN_FIELDS)
          : issue.message,
      }));
    }
    const received =
      "input" in issue ? issue.input : valueAtPath(root, issue.path);
    return [{ path, received: describeValue(received), expected: plainMessage(issue.message) }];
  });
}

// zod words a type mismatch as "Invalid input: expected array, received
// undefined"; the received part is already in the issue.
function plainMessage(message: string): string {
  const match = /^Invalid input: expected (\w+), received \w+$/.exec(message);
  return match === null ? message : `a value of type ${match[1]}`;
}

/**
 * Field names of the input schemas, for did-you-mean suggestions. zod
 * does not name the accepted keys in an unrecognized-key issue.
 */
const KNOWN_FIELDS = [
  "identity", "entitlement", "granted", "uses", "lastUsedAt", "grantedAt",
  "via", "failures", "lastFailureAt", "channel", "granularity", "history",
  "id", "kind", "owner", "department", "createdAt", "expiresAt",
  "credentialRotatedAt", "active", "breakGlass", "aliases", "tags",
  "privilege", "system", "environment", "observable", "asOf", "telemetry",
  "identities", "entitlements", "records", "collectedAt", "from", "systems",
  "reason", "state", "etag", "note",
];

function unknownFieldHint(key: string, known: readonly string[]): string {
  const best = closestName(key, known);
  return best !== undefined
    ? `no such field; did you mean ${best}?`
    : "no such field; remove it or check the documented fields";
}

/**
 * Finds the name in `known` closest to `name` by edit distance, ignoring
 * case, when it is close enough to be a likely typo (at most 2 edits, or
 * a third of the length); otherwise undefined.
 */
export function closestName(
  name: string,
  known: readonly string[],
): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, name.length / 3) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
