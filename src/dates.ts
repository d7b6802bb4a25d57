/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses an ISO-8601 date (`2026-03-01`) or date-time
 * (`2026-03-01T12:00:00Z`) to epoch milliseconds. A date or a date-time
 * without an offset is read as UTC, so results never depend on the
 * machine's time zone. Returns `undefined` for anything else.
 */
export function parseIsoDate(text: string): number | undefined {
  if (!ISO_DATE.test(text)) return undefined;
  const hasTime = text.length > 10;
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text.slice(10));
  const normalised = hasTime
    ? text.replace(" ", "T") + (hasOffset ? "" : "Z")
    : `${text}T00:00:00Z`;
  const ms = Date.parse(normalised);
  if (Number.isNaN(ms)) return undefined;

  // Date.parse rolls 2026-02-30 over to March; reject such dates instead.
  const day = new Date(Date.parse(`${text.slice(0, 10)}T00:00:00Z`));
  if (Number.isNaN(day.getTime())) return undefined;
  if (day.toISOString().slice(0, 10) !== text.slice(0, 10)) return undefined;
  return ms;
}

/** Formats epoch milliseconds as an ISO-8601 UTC date-time. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** Formats epoch milliseconds as an ISO-8601 calendar date (UTC). */
export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `earlier` to `later`, rounded down. */
export function daysBetween(earlier: number, later: number): number {
  return Math.floor((later - earlier) / DAY_MS);
}
