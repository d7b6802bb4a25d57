import { DAY_MS } from "../dates.js";

/** A regular rhythm of use found in a grant's history. */
export interface Periodicity {
  /** Median days between consecutive uses. */
  readonly periodDays: number;
  /** Number of dated uses the rhythm rests on. */
  readonly occurrences: number;
}

/** Fewest dated uses (so at least two gaps) that can show a rhythm. */
export const MIN_PERIODIC_USES = 3;
/** Largest coefficient of variation of the gaps that still counts as regular. */
export const MAX_GAP_VARIATION = 0.25;
/** Shortest period considered; daily or weekly use is ordinary use. */
export const MIN_PERIOD_DAYS = 14;

/**
 * Detects periodic use (monthly, quarterly, yearly jobs) from dated uses
 * in epoch ms, ascending. Uses on the same day count once. Returns the
 * period when at least `MIN_PERIODIC_USES` distinct days are spaced with
 * a coefficient of variation of at most `MAX_GAP_VARIATION` and a median
 * gap of at least `MIN_PERIOD_DAYS`; otherwise undefined.
 */
export function detectPeriodicity(
  history: ArrayLike<number>,
): Periodicity | undefined {
  const days: number[] = [];
  for (let i = 0; i < history.length; i++) {
    const day = Math.floor(history[i]! / DAY_MS);
    if (days.length === 0 || days[days.length - 1] !== day) days.push(day);
  }
  if (days.length < MIN_PERIODIC_USES) return undefined;

  const gaps = days.slice(1).map((day, i) => day - days[i]!);
  const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
  const variance =
    gaps.reduce((sum, gap) => sum + (gap - mean) ** 2, 0) / gaps.length;
  if (Math.sqrt(variance) / mean > MAX_GAP_VARIATION) return undefined;

  const sorted = gaps.slice().sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? sorted[middle]!
      : (sorted[middle - 1]! + sorted[middle]!) / 2;
  if (median < MIN_PERIOD_DAYS) return undefined;
  return { periodDays: median, occurrences: days.length };
}
