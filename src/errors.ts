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
  /** What the field accepts. */
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

/** Converts zod issues (parsed with `reportInput: true`) to input issues. */
export function issuesFromZod(
  error: z.core.$ZodError,
  root: unknown,
): InputIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const received =
      "input" in issue ? issue.input : valueAtPath(root, issue.path);
    return { path, received: describeValue(received), expected: issue.message };
  });
}

function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
