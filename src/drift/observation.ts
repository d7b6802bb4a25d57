import { DAY_MS, formatDate } from "../dates.js";
import type { UsageMatrix } from "../matrix/usage-matrix.js";

/**
 * The observation window and dormancy threshold of one analysis, in epoch
 * milliseconds, with the tests every drift rule applies to a cell.
 */
export interface ObservationWindow {
  /** The analysis instant, or undefined when the input has no dates. */
  readonly asOf: number | undefined;
  /** First instant of the window: `asOf - windowDays`. */
  readonly start: number | undefined;
  readonly windowDays: number;
  readonly dormantDays: number;
  /**
   * Formats an instant as ISO-8601 UTC, or null for undefined or NaN.
   * Texts are shared between calls: evidence repeats the same few
   * hundred days across millions of grants.
   */
  readonly isoDate: (ms: number | undefined) => string | null;
}

/** Creates the window ending at `asOf`. */
export function observationWindow(
  asOf: number | undefined,
  windowDays: number,
  dormantDays: number,
): ObservationWindow {
  const texts = new Map<number, string>();
  return {
    asOf,
    start: asOf === undefined ? undefined : asOf - windowDays * DAY_MS,
    windowDays,
    dormantDays,
    isoDate(ms) {
      if (ms === undefined || Number.isNaN(ms)) return null;
      let text = texts.get(ms);
      if (text === undefined) {
        text = formatDate(ms);
        texts.set(ms, text);
      }
      return text;
    },
  };
}

/** Tests whether the input records anything about the use of cell `c`. */
export function isUsageObserved(matrix: UsageMatrix, c: number): boolean {
  return (
    !Number.isNaN(matrix.uses[c]!) ||
    !Number.isNaN(lastUseOf(matrix, c)) ||
    matrix.neverUsed[c] === 1
  );
}

/**
 * Last successful use of cell `c` in epoch ms: the later of `lastUsedAt`
 * and the last date of its use history, or NaN when neither is known.
 */
export function lastUseOf(matrix: UsageMatrix, c: number): number {
  const recorded = matrix.lastUsedAt[c]!;
  const history = matrix.history.get(c);
  if (history === undefined || history.length === 0) return recorded;
  const dated = history[history.length - 1]!;
  return Number.isNaN(recorded) || dated > recorded ? dated : recorded;
}

/**
 * Tests whether cell `c` had a successful use within the window: a positive
 * count (counts are per window by definition) or a last use on or after
 * the window's start.
 */
export function isUsedInWindow(
  matrix: UsageMatrix,
  window: ObservationWindow,
  c: number,
): boolean {
  if (matrix.uses[c]! > 0) return true;
  const last = lastUseOf(matrix, c);
  return window.start !== undefined && last >= window.start;
}

/** Whole days from the last use of cell `c` to `asOf`, or undefined. */
export function daysSinceLastUse(
  matrix: UsageMatrix,
  window: ObservationWindow,
  c: number,
): number | undefined {
  const last = lastUseOf(matrix, c);
  if (window.asOf === undefined || Number.isNaN(last)) return undefined;
  return Math.floor((window.asOf - last) / DAY_MS);
}
