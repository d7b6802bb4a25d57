import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { forEachCsvRow } from "./csv-rows.js";
import { z } from "zod";
import { parseIsoDate } from "../dates.js";
import {
  InputError,
  type InputIssue,
  describeValue,
  issuesFromZod,
} from "../errors.js";
import { IdSchema, IsoDateSchema } from "../estate/schema.js";

/**
 * One grant: `identity` is granted `entitlement`, since `grantedAt` when
 * known, through the group entitlement `via` when not direct. Ids must be
 * written as the usage source writes them (a role ARN and
 * `s3.amazonaws.com:GetObject` for CloudTrail) to join with its usage.
 */
export const GrantSchema = z.strictObject(
  {
    identity: IdSchema,
    entitlement: IdSchema,
    grantedAt: IsoDateSchema.optional(),
    via: IdSchema.optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? "only the keys identity, entitlement, grantedAt and via; " +
          `rename or remove ${issue.keys.join(", ")}`
        : "a grant object {identity, entitlement, grantedAt?, via?}",
  },
);

/** A JSON grants file: an array of grants. */
export const GrantListSchema = z.array(GrantSchema, {
  error: "an array of grants {identity, entitlement, grantedAt?, via?}",
});

export type Grant = z.infer<typeof GrantSchema>;

/**
 * Columns of the grants CSV. `identity` and `entitlement` are required;
 * `granted_at` (ISO-8601 date) and `via` (group entitlement id) may be
 * missing or empty. Other columns are left unread and listed in
 * `ignoredColumns`.
 */
export const GRANTS_CSV_COLUMNS = [
  "identity",
  "entitlement",
  "granted_at",
  "via",
] as const;

/** Grants read from a file, with the CSV columns that were not read. */
export interface GrantsFile {
  grants: Grant[];
  ignoredColumns: string[];
}

/**
 * Parses a grants CSV with a header row (RFC 4180 quoting; column names
 * are case-insensitive).
 *
 * @throws {InputError} naming the line, column and value of each bad
 *   cell, or the missing required columns.
 * @example
 * parseGrantsCsv("identity,entitlement\nana,s3.amazonaws.com:GetObject\n")
 *   .grants;
 * // [{ identity: "ana", entitlement: "s3.amazonaws.com:GetObject" }]
 */
export function parseGrantsCsv(text: string): GrantsFile {
  const rows: { fields: string[]; line: number }[] = [];
  forEachCsvRow(text, "grants CSV", (fields, line) => rows.push({ fields, line }));
  const header = (rows[0]?.fields ?? []).map((name) => name.toLowerCase());
  const position = (name: string) => header.indexOf(name);
  const missing = ["identity", "entitlement"].filter((n) => position(n) < 0);
  if (missing.length > 0) {
    throw new InputError("grants CSV", [
      {
        path: "header",
        received: describeValue(header.join(",")),
        expected: `a header with the columns ${missing.join(" and ")}`,
      },
    ]);
  }
  const known = new Set<string>(GRANTS_CSV_COLUMNS);
  const ignoredColumns = header.filter((name) => !known.has(name));

  const at = {
    identity: position("identity"),
    entitlement: position("entitlement"),
    grantedAt: position("granted_at"),
    via: position("via"),
  };
  const grants: Grant[] = [];
  const issues: InputIssue[] = [];
  for (let r = 1; r < rows.length; r++) {
    const { fields: row, line } = rows[r]!;
    const issue = (column: string, value: string, expected: string) =>
      issues.push({
        path: `line ${line}, column ${column}`,
        received: describeValue(value),
        expected,
      });

    const grant: Grant = {
      identity: row[at.identity]!,
      entitlement: row[at.entitlement]!,
    };
    if (grant.identity === "") issue("identity", "", "a non-empty id");
    if (grant.entitlement === "") issue("entitlement", "", "a non-empty id");
    const grantedAt = at.grantedAt < 0 ? "" : row[at.grantedAt]!;
    if (grantedAt !== "") {
      if (parseIsoDate(grantedAt) === undefined) {
        issue("granted_at", grantedAt, "an ISO-8601 date such as 2026-03-01");
      } else grant.grantedAt = grantedAt;
    }
    const via = at.via < 0 ? "" : row[at.via]!;
    if (via !== "") grant.via = via;
    grants.push(grant);
  }
  if (issues.length > 0) throw new InputError("grants CSV", issues);
  return { grants, ignoredColumns };
}

/**
 * Parses a JSON array of grants `{identity, entitlement, grantedAt?,
 * via?}`. Unknown keys are rejected, so that a misspelt `granted_at` is
 * reported rather than dropped.
 *
 * @throws {InputError} when the text is not JSON, or naming the path,
 *   value and expectation of each bad grant.
 * @example
 * parseGrantsJson('[{"identity": "ana", "entitlement": "crm:read"}]');
 * // [{ identity: "ana", entitlement: "crm:read" }]
 */
export function parseGrantsJson(text: string): Grant[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      "grants JSON",
      [
        {
          path: "file",
          received: error instanceof Error ? error.message : String(error),
          expected: "a JSON array of grants {identity, entitlement, ...}",
        },
      ],
      { cause: error },
    );
  }
  const result = GrantListSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    throw new InputError("grants JSON", issuesFromZod(result.error, value));
  }
  return result.data;
}

/**
 * Validates grants built in code, as `joinUsage` and the loaders receive
 * them.
 *
 * @throws {InputError} naming the path, value and expectation of each bad
 *   grant, or saying that `grants` is not an array.
 */
export function checkGrants(grants: unknown): readonly Grant[] {
  const result = GrantListSchema.safeParse(grants, { reportInput: true });
  if (!result.success) {
    throw new InputError("grants", issuesFromZod(result.error, grants));
  }
  return grants as readonly Grant[];
}

/**
 * Reads a grants file: `.json` as JSON, `.csv` as CSV, and any other
 * name as JSON when its first character is `[`, else as CSV.
 *
 * @throws {InputError} when the file cannot be read or parsed; the
 *   message names the file.
 */
export async function readGrantsFile(path: string): Promise<GrantsFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(
      "grants file",
      [
        {
          path: "path",
          received: describeValue(path),
          expected: "an existing, readable grants file (.csv or .json)",
        },
      ],
      { cause: error },
    );
  }
  const extension = extname(path).toLowerCase();
  const json =
    extension === ".json" ||
    (extension !== ".csv" && text.trimStart().startsWith("["));
  try {
    return json
      ? { grants: parseGrantsJson(text), ignoredColumns: [] }
      : parseGrantsCsv(text);
  } catch (error) {
    // Name the file in the message; the issues stay as they are.
    if (!(error instanceof InputError)) throw error;
    const format = json ? "JSON" : "CSV";
    throw new InputError(`grants ${format} ${path}`, error.issues, {
      cause: error,
    });
  }
}
