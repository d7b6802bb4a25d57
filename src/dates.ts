/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses an ISO-8601 date (`2026-03-01`) or date-time
 * (`2026-03-01T12:00:00Z`) to epoch milliseconds. A date or a date-time
 * without an offset is read as UTC, so results never depend on the
 * machine's time zone. Returns `undefined` for anything else, including
 * impossible dates such as 2026-02-30 and hours past 23.
 */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // setUTCFullYear, unlike Date.UTC, keeps years 0 to 99 as written.
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  const dayMs = check.getTime();
  // Dates roll 2026-02-30 over to March; reject such dates instead.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return undefined;
  }
  if (match[4] === undefined) return dayMs;

  const hours = Number(match[4]);
  const minutes = Number(match[5]);
  const seconds = match[6] === undefined ? 0 : Number(match[6]);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const fraction = match[7] === undefined ? 0 : Math.floor(Number(match[7]) * 1000);
  return (
    dayMs + ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction -
    offsetMs(match[8])
  );
}

function offsetMs(offset: string | undefined): number {
  if (offset === undefined || offset === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  return sign * (hours * 60 + minutes) * 60_000;
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

/**
 * Returns a `parseIsoDate` that remembers each distinct text it has
 * parsed. Usage data repeats a few hundred days over millions of rows;
 * create one per parse so memory ends with it.
 */
export function createDateParser(): (text: string) => number | undefined {
  const parsed = new Map<string, number | undefined>();
  return (text) => {
    if (parsed.has(text)) return parsed.get(text);
    const ms = parseIsoDate(text);
    parsed.set(text, ms);
    return ms;
  };
}
