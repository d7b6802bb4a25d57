import { forEachCsvRow } from "./csv-rows.js";
import { createDateParser } from "../dates.js";
import { InputError, type InputIssue, describeValue } from "../errors.js";
import {
  CHANNELS,
  type Channel,
  GRANULARITIES,
  type Granularity,
  type UsageRecordInput,
} from "../estate/schema.js";

/**
 * Columns of the usage CSV that rolemine reads. `identity` and
 * `entitlement` are required; the rest are optional.
 *
 * - `uses`: successful uses within the observation window, a whole number.
 *   Empty means not observed.
 * - `last_used`: ISO-8601 date of the last successful use. Empty means no
 *   use was recorded.
 * - `granted`: `true`/`false`, `1`/`0` or `yes`/`no`; default true. A row
 *   with `false` records use of access that was not granted.
 * - `granted_at`: ISO-8601 date of the grant.
 * - `via`: the group the grant comes through; empty for a direct grant.
 * - `failures`: denied attempts within the window, a whole number.
 * - `last_failure`: ISO-8601 date of the last denied attempt.
 * - `channel`: interactive, non-interactive, api or service.
 * - `granularity`: action or service, the resolution of the usage source.
 *
 * Rows that repeat an identity-entitlement pair (say, one per channel)
 * are merged by the estate builder.
 *
 * Any other column is allowed, left unread, and listed in
 * `ignoredColumns` of the result so the report can show it.
 */
export const USAGE_CSV_COLUMNS = [
  "identity",
  "entitlement",
  "uses",
  "last_used",
  "granted",
  "granted_at",
  "via",
  "failures",
  "last_failure",
  "channel",
  "granularity",
] as const;

/** Records read from a usage CSV, with the columns that were not read. */
export interface UsageCsv {
  records: UsageRecordInput[];
  ignoredColumns: string[];
}

const TRUE_WORDS = new Set(["true", "1", "yes"]);
const FALSE_WORDS = new Set(["false", "0", "no"]);

/**
 * Parses a usage CSV with a header row (RFC 4180 quoting).
 *
 * @throws {InputError} naming the line, column and value of each bad cell,
 *   or the missing required columns.
 */
export function parseUsageCsv(text: string): UsageCsv {
  let reader: ((fields: string[], line: number) => void) | undefined;
  let result: (UsageCsv & { issues: InputIssue[] }) | undefined;
  forEachCsvRow(text, "usage CSV", (fields, line) => {
    if (reader === undefined) {
      const started = startUsageCsv(fields);
      reader = started.read;
      result = started.result;
    } else reader(fields, line);
  });
  const csv = result ?? startUsageCsv([]).result;
  if (csv.issues.length > 0) throw new InputError("usage CSV", csv.issues);
  return { records: csv.records, ignoredColumns: csv.ignoredColumns };
}

/** Checks the header and returns the reader of the following rows. */
function startUsageCsv(headerFields: readonly string[]): {
  read: (fields: string[], line: number) => void;
  result: UsageCsv & { issues: InputIssue[] };
} {
  const header = headerFields.map((name) => name.toLowerCase());
  const position = (name: string) => header.indexOf(name);
  const missing = ["identity", "entitlement"].filter((n) => position(n) < 0);
  if (missing.length > 0) {
    throw new InputError("usage CSV", [
      {
        path: "header",
        received: describeValue(header.join(",")),
        expected: `a header with the columns ${missing.join(" and ")}`,
      },
    ]);
  }
  const known = new Set<string>(USAGE_CSV_COLUMNS);
  const ignoredColumns = header.filter((name) => !known.has(name));

  const at = {
    identity: position("identity"),
    entitlement: position("entitlement"),
    uses: position("uses"),
    lastUsed: position("last_used"),
    granted: position("granted"),
    grantedAt: position("granted_at"),
    via: position("via"),
    failures: position("failures"),
    lastFailure: position("last_failure"),
    channel: position("channel"),
    granularity: position("granularity"),
  };
  const records: UsageRecordInput[] = [];
  const issues: InputIssue[] = [];
  const parseIsoDate = createDateParser();
  const read = (row: string[], line: number) => {
    const issue = (column: string, value: string, expected: string) =>
      issues.push({
        path: `line ${line}, column ${column}`,
        received: describeValue(value),
        expected,
      });

    const identity = row[at.identity]!;
    const entitlement = row[at.entitlement]!;
    if (identity === "") issue("identity", identity, "a non-empty id");
    if (entitlement === "") issue("entitlement", entitlement, "a non-empty id");
    const record: UsageRecordInput = { identity, entitlement };

    const usesText = at.uses < 0 ? "" : row[at.uses]!;
    if (usesText !== "") {
      const uses = Number(usesText);
      if (!Number.isInteger(uses) || uses < 0) {
        issue("uses", usesText, "a whole number of uses, 0 or more");
      } else record.uses = uses;
    }
    if (at.lastUsed >= 0) {
      const lastText = row[at.lastUsed]!;
      if (lastText === "") record.lastUsedAt = null;
      else if (parseIsoDate(lastText) === undefined) {
        issue("last_used", lastText, "an ISO-8601 date such as 2026-03-01");
      } else record.lastUsedAt = lastText;
    }
    if (at.granted >= 0) {
      const word = row[at.granted]!.toLowerCase();
      if (TRUE_WORDS.has(word)) record.granted = true;
      else if (FALSE_WORDS.has(word)) record.granted = false;
      else if (word !== "") {
        issue("granted", row[at.granted]!, "true, false, 1, 0, yes or no");
      }
    }
    readGrantColumns(row, at, record, issue, parseIsoDate);
    records.push(record);
  };
  return { read, result: { records, ignoredColumns, issues } };
}

const CHANNEL_WORDS = new Set(CHANNELS);
const GRANULARITY_WORDS = new Set(GRANULARITIES);
const DATE_EXPECTED = "an ISO-8601 date such as 2026-03-01";

function readGrantColumns(
  row: readonly string[],
  at: Readonly<Record<"grantedAt" | "via" | "failures" | "lastFailure" | "channel" | "granularity", number>>,
  record: UsageRecordInput,
  issue: (column: string, value: string, expected: string) => void,
  parseIsoDate: (text: string) => number | undefined,
): void {
  const cell = (position: number) => (position < 0 ? "" : row[position]!);
  const date = (position: number, column: string) => {
    const text = cell(position);
    if (text === "") return undefined;
    if (parseIsoDate(text) === undefined) issue(column, text, DATE_EXPECTED);
    return text;
  };
  const grantedAt = date(at.grantedAt, "granted_at");
  if (grantedAt !== undefined) record.grantedAt = grantedAt;
  const lastFailure = date(at.lastFailure, "last_failure");
  if (lastFailure !== undefined) record.lastFailureAt = lastFailure;
  if (cell(at.via) !== "") record.via = cell(at.via);

  const failures = cell(at.failures);
  if (failures !== "") {
    const count = Number(failures);
    if (!Number.isInteger(count) || count < 0) {
      issue("failures", failures, "a whole number of failed attempts, 0 or more");
    } else record.failures = count;
  }
  const channel = cell(at.channel);
  if (channel !== "") {
    if (CHANNEL_WORDS.has(channel as Channel)) record.channel = channel as Channel;
    else issue("channel", channel, `one of ${CHANNELS.join(", ")}`);
  }
  const granularity = cell(at.granularity);
  if (granularity !== "") {
    if (GRANULARITY_WORDS.has(granularity as Granularity)) {
      record.granularity = granularity as Granularity;
    } else issue("granularity", granularity, `one of ${GRANULARITIES.join(", ")}`);
  }
}
