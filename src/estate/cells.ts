import {
  CHANNEL_BITS,
  type CellDraft,
  GRANULARITY_CODES,
} from "../matrix/usage-matrix.js";
import type { UsageRecordInput } from "./schema.js";


/** Converts one validated record to a cell draft at (row, column). */
export function cellFromRecord(
  record: UsageRecordInput,
  row: number,
  column: number,
  viaColumn: number,
  parseDate: (text: string) => number | undefined,
): CellDraft {
  const toMs = (text: string | null | undefined) =>
    text == null ? Number.NaN : (parseDate(text) ?? Number.NaN);
  const history = record.history?.map((text) => toMs(text));
  // A dated use is a use: the latest one bounds the last use from below.
  let lastUsedAt = toMs(record.lastUsedAt);
  for (const day of history ?? []) lastUsedAt = maxKnown(lastUsedAt, day);
  return {
    row,
    column,
    granted: record.granted ?? true,
    uses: record.uses ?? Number.NaN,
    lastUsedAt,
    neverUsed: record.lastUsedAt === null,
    failures: record.failures ?? Number.NaN,
    lastFailureAt: toMs(record.lastFailureAt),
    grantedAt: toMs(record.grantedAt),
    via: viaColumn,
    channels: record.channel === undefined ? 0 : CHANNEL_BITS[record.channel],
    granularity:
      GRANULARITY_CODES[record.granularity ?? "unknown"],
    history,
  };
}

/**
 * Merges a record that repeats a pair into the first cell: granted if any
 * record grants; uses and failures summed (records split by channel or by
 * alias add up); latest dates kept; earliest grant date kept; channels and
 * histories united. The coarser granularity wins, because service-level
 * data cannot prove non-use of an action.
 */
export function mergeCell(target: CellDraft, source: CellDraft): void {
  target.granted = target.granted || source.granted;
  target.uses = addKnown(target.uses, source.uses);
  target.failures = addKnown(target.failures, source.failures);
  target.lastUsedAt = maxKnown(target.lastUsedAt, source.lastUsedAt);
  target.lastFailureAt = maxKnown(target.lastFailureAt, source.lastFailureAt);
  target.grantedAt = -maxKnown(-target.grantedAt, -source.grantedAt);
  target.neverUsed =
    target.neverUsed && source.neverUsed && Number.isNaN(target.lastUsedAt);
  target.channels |= source.channels;
  target.granularity = Math.max(target.granularity, source.granularity);
  // NOTE: one cell records one path. A pair granted directly and through a
  // group is judged through the group (so use credits the membership and
  // no removal is proposed on partial facts); with two groups the first
  // one seen is kept.
  if (target.via < 0) target.via = source.via;
  if (source.history !== undefined) {
    target.history = (target.history ?? []).concat(source.history);
  }
}

function addKnown(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a + b;
}

function maxKnown(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return Math.max(a, b);
}
