/**
 * The entitlement-usage matrix in compressed sparse row (CSR) form: one row
 * per identity, one column per entitlement, one stored cell per
 * identity-entitlement pair that the input mentions. Real estates are
 * 0.3 % to 19 % dense, so only those cells are kept.
 *
 * Cells of row `i` are `rowOffsets[i]` to `rowOffsets[i + 1] - 1`, with
 * ascending column numbers. Per cell:
 * - `granted[c]` is 1 when the entitlement is granted. A cell with use but
 *   no grant (usage seen in logs for access nobody granted) is kept with 0.
 * - `uses[c]` is the count of successful uses within the observation
 *   window, or NaN when usage was not observed for that cell.
 * - `lastUsedAt[c]` is the last successful use in epoch milliseconds, or
 *   NaN when unknown or never used (see `neverUsed`).
 * - `neverUsed[c]` is 1 when the input states that the grant was never used.
 * - `failures[c]` counts failed (denied) attempts in the window, NaN when
 *   not observed; `lastFailureAt[c]` is the last one, NaN when unknown.
 * - `grantedAt[c]` is when the grant was made, NaN when unknown.
 * - `via[c]` is the column of the group the grant comes through, or -1
 *   for a direct grant.
 * - `channels[c]` is a bit set of `CHANNEL_BITS`, 0 when unknown.
 * - `granularity[c]` is 0 when unknown, 1 for action-level and 2 for
 *   service-level usage.
 * - `history.get(c)` lists dated successful uses, ascending, when known.
 *
 * The matrix is immutable by convention: no function of the library
 * writes to it after it is built.
 */
export interface UsageMatrix {
  readonly identities: readonly string[];
  readonly entitlements: readonly string[];
  readonly rowOffsets: Int32Array;
  readonly columns: Int32Array;
  readonly granted: Uint8Array;
  readonly uses: Float64Array;
  readonly lastUsedAt: Float64Array;
  readonly neverUsed: Uint8Array;
  readonly failures: Float64Array;
  readonly lastFailureAt: Float64Array;
  readonly grantedAt: Float64Array;
  readonly via: Int32Array;
  readonly channels: Uint8Array;
  readonly granularity: Uint8Array;
  readonly history: ReadonlyMap<number, Float64Array>;
  /** Number of stored cells. */
  readonly cellCount: number;
  /** Number of cells with `granted` = 1. */
  readonly grantCount: number;
  /** Whether any cell carries usage (a count or a last-use date). */
  readonly hasUsage: boolean;
}

/** Bit of each channel in `UsageMatrix.channels`. */
export const CHANNEL_BITS = {
  interactive: 1,
  "non-interactive": 2,
  api: 4,
  service: 8,
} as const;

/** Codes of `UsageMatrix.granularity`. */
export const GRANULARITY_CODES = { unknown: 0, action: 1, service: 2 } as const;

/** One cell before packing; ids are row and column numbers. */
export interface CellDraft {
  row: number;
  column: number;
  granted: boolean;
  uses: number;
  lastUsedAt: number;
  neverUsed: boolean;
  failures: number;
  lastFailureAt: number;
  grantedAt: number;
  via: number;
  channels: number;
  granularity: number;
  history: number[] | undefined;
}

/**
 * Packs cells into a CSR matrix. Cells must have distinct (row, column)
 * pairs; the builder in `build.ts` merges duplicates before calling this.
 * Runs in O(cells log(cells per row)).
 */
export function packMatrix(
  identities: readonly string[],
  entitlements: readonly string[],
  cells: readonly CellDraft[],
): UsageMatrix {
  const rowCount = identities.length;
  const rowOffsets = new Int32Array(rowCount + 1);
  for (const cell of cells) rowOffsets[cell.row + 1]! += 1;
  for (let i = 0; i < rowCount; i++) rowOffsets[i + 1]! += rowOffsets[i]!;

  // Counting sort by row, then sort each row's cells by column.
  const order = new Int32Array(cells.length);
  const next = rowOffsets.slice(0, rowCount);
  cells.forEach((cell, index) => {
    order[next[cell.row]!++] = index;
  });
  for (let i = 0; i < rowCount; i++) {
    const slice = order.subarray(rowOffsets[i]!, rowOffsets[i + 1]!);
    slice.sort((a, b) => cells[a]!.column - cells[b]!.column);
  }

  const size = cells.length;
  const columns = new Int32Array(size);
  const granted = new Uint8Array(size);
  const uses = new Float64Array(size);
  const lastUsedAt = new Float64Array(size);
  const neverUsed = new Uint8Array(size);
  const failures = new Float64Array(size);
  const lastFailureAt = new Float64Array(size);
  const grantedAt = new Float64Array(size);
  const via = new Int32Array(size);
  const channels = new Uint8Array(size);
  const granularity = new Uint8Array(size);
  const history = new Map<number, Float64Array>();
  let grantCount = 0;
  let hasUsage = false;
  for (let c = 0; c < size; c++) {
    const cell = cells[order[c]!]!;
    columns[c] = cell.column;
    granted[c] = cell.granted ? 1 : 0;
    uses[c] = cell.uses;
    lastUsedAt[c] = cell.lastUsedAt;
    neverUsed[c] = cell.neverUsed ? 1 : 0;
    failures[c] = cell.failures;
    lastFailureAt[c] = cell.lastFailureAt;
    grantedAt[c] = cell.grantedAt;
    via[c] = cell.via;
    channels[c] = cell.channels;
    granularity[c] = cell.granularity;
    if (cell.history !== undefined) {
      history.set(c, Float64Array.from(cell.history).sort());
    }
    if (cell.granted) grantCount++;
    if (!Number.isNaN(cell.uses) || !Number.isNaN(cell.lastUsedAt)) {
      hasUsage = true;
    }
    if (cell.neverUsed || cell.history !== undefined) hasUsage = true;
  }

  return {
    identities,
    entitlements,
    rowOffsets,
    columns,
    granted,
    uses,
    lastUsedAt,
    neverUsed,
    failures,
    lastFailureAt,
    grantedAt,
    via,
    channels,
    granularity,
    history,
    cellCount: size,
    grantCount,
    hasUsage,
  };
}

/** Column numbers of the entitlements granted to identity `row`, ascending. */
export function grantedColumns(matrix: UsageMatrix, row: number): number[] {
  const result: number[] = [];
  for (let c = matrix.rowOffsets[row]!; c < matrix.rowOffsets[row + 1]!; c++) {
    if (matrix.granted[c] === 1) result.push(matrix.columns[c]!);
  }
  return result;
}

/** Number of grants per entitlement column. */
export function grantsPerEntitlement(matrix: UsageMatrix): Int32Array {
  const counts = new Int32Array(matrix.entitlements.length);
  for (let c = 0; c < matrix.cellCount; c++) {
    if (matrix.granted[c] === 1) counts[matrix.columns[c]!]! += 1;
  }
  return counts;
}

/** Share of the identity-by-entitlement grid that is granted. */
export function density(matrix: UsageMatrix): number {
  const size = matrix.identities.length * matrix.entitlements.length;
  return size === 0 ? 0 : matrix.grantCount / size;
}
