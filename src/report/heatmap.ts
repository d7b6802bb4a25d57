import { parseIsoDate } from "../dates.js";
import {
  isUsageObserved,
  isUsedInWindow,
  observationWindow,
} from "../drift/observation.js";
import type { Estate } from "../estate/estate.js";
import type { Report } from "./types.js";

/** State of one matrix cell, in order of display precedence. */
export const CELL_STATES = [
  "used",
  "unused",
  "unknown",
  "ungranted-use",
  "denied",
] as const;
export type CellState = (typeof CELL_STATES)[number];

/** One drawn cell: a single cell, or a bin of cells in a large matrix. */
export interface HeatmapCell {
  readonly row: number;
  readonly column: number;
  /** The most frequent state in the bin. */
  readonly state: CellState;
  /** Stored cells in the bin over the bin's area, in (0, 1]. */
  readonly fill: number;
}

/** Identity × entitlement matrix, reordered and possibly binned. */
export interface HeatmapLayout {
  readonly rows: number;
  readonly columns: number;
  /** Identities per drawn row and entitlements per drawn column. */
  readonly rowBin: number;
  readonly columnBin: number;
  /** Label of each drawn row: an identity id, or a range of them. */
  readonly rowLabels: readonly string[];
  readonly columnLabels: readonly string[];
  /** Cluster of each drawn row (of its first identity). */
  readonly rowClusters: readonly number[];
  readonly cells: readonly HeatmapCell[];
}

/** Options of `heatmapLayout`. */
export interface HeatmapOptions {
  /** Largest number of drawn rows and of drawn columns. Default 400. */
  maxSide?: number;
}

/**
 * Lays out the matrix for a heatmap: identities ordered by cluster (in
 * report order, input order within a cluster), entitlements ordered by
 * candidate role (each role's entitlements by support), then the rest by
 * number of grants. When a side exceeds `maxSide`, consecutive
 * identities or entitlements share one drawn row or column, and each
 * drawn cell shows its most frequent state with a fill for its density.
 */
export function heatmapLayout(
  estate: Estate,
  report: Report,
  options: HeatmapOptions = {},
): HeatmapLayout {
  const maxSide = options.maxSide ?? 400;
  const { matrix } = estate;
  const rowIndex = new Map(matrix.identities.map((id, i) => [id, i]));
  const columnIndex = new Map(matrix.entitlements.map((id, j) => [id, j]));

  const rowOrder: number[] = [];
  const clusterOfRow: number[] = [];
  for (const cluster of report.clusters) {
    for (const member of cluster.members) {
      rowOrder.push(rowIndex.get(member)!);
      clusterOfRow.push(cluster.id);
    }
  }
  const columnOrder = orderColumns(estate, report, columnIndex);
  const rowBin = Math.max(1, Math.ceil(rowOrder.length / maxSide));
  const columnBin = Math.max(1, Math.ceil(columnOrder.length / maxSide));
  const rows = Math.ceil(rowOrder.length / rowBin);
  const columns = Math.ceil(columnOrder.length / columnBin);

  const asOf = report.settings.asOf === null ? undefined : parseIsoDate(report.settings.asOf);
  const window = observationWindow(asOf, report.settings.windowDays, report.settings.dormantDays);
  const drawnColumn = new Int32Array(matrix.entitlements.length);
  columnOrder.forEach((column, position) => {
    drawnColumn[column] = Math.floor(position / columnBin);
  });

  // Count states per drawn cell: key = row * columns + column.
  const counts = new Map<number, Int32Array>();
  rowOrder.forEach((row, position) => {
    const drawnRow = Math.floor(position / rowBin);
    for (let c = matrix.rowOffsets[row]!; c < matrix.rowOffsets[row + 1]!; c++) {
      const state = cellState(estate, window, c);
      const key = drawnRow * columns + drawnColumn[matrix.columns[c]!]!;
      let tally = counts.get(key);
      if (tally === undefined) {
        tally = new Int32Array(CELL_STATES.length);
        counts.set(key, tally);
      }
      tally[CELL_STATES.indexOf(state)]! += 1;
    }
  });

  const cells: HeatmapCell[] = [];
  const keys = [...counts.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const tally = counts.get(key)!;
    let best = 0;
    for (let s = 1; s < tally.length; s++) if (tally[s]! > tally[best]!) best = s;
    const stored = tally.reduce((sum, n) => sum + n, 0);
    cells.push({
      row: Math.floor(key / columns),
      column: key % columns,
      state: CELL_STATES[best]!,
      fill: Math.round((stored / (rowBin * columnBin)) * 1e4) / 1e4,
    });
  }

  const label = (ids: readonly string[], order: number[], bin: number, n: number) => {
    const first = ids[order[n * bin]!]!;
    const lastPosition = Math.min(order.length, (n + 1) * bin) - 1;
    return bin === 1 ? first : `${first} … ${ids[order[lastPosition]!]!}`;
  };
  return {
    rows,
    columns,
    rowBin,
    columnBin,
    rowLabels: Array.from({ length: rows }, (_, n) => label(matrix.identities, rowOrder, rowBin, n)),
    columnLabels: Array.from({ length: columns }, (_, n) =>
      label(matrix.entitlements, columnOrder, columnBin, n),
    ),
    rowClusters: Array.from({ length: rows }, (_, n) => clusterOfRow[n * rowBin]!),
    cells,
  };
}

function orderColumns(
  estate: Estate,
  report: Report,
  columnIndex: Map<string, number>,
): number[] {
  const placed = new Set<number>();
  const order: number[] = [];
  for (const role of report.roles) {
    for (const entry of role.entitlements) {
      const column = columnIndex.get(entry.entitlement)!;
      if (!placed.has(column)) {
        placed.add(column);
        order.push(column);
      }
    }
  }
  const grants = new Int32Array(estate.matrix.entitlements.length);
  for (let c = 0; c < estate.matrix.cellCount; c++) {
    if (estate.matrix.granted[c] === 1) grants[estate.matrix.columns[c]!]! += 1;
  }
  const rest = Array.from({ length: grants.length }, (_, j) => j)
    .filter((j) => !placed.has(j))
    .sort((a, b) => grants[b]! - grants[a]! || a - b);
  return order.concat(rest);
}

function cellState(
  estate: Estate,
  window: ReturnType<typeof observationWindow>,
  cell: number,
): CellState {
  const { matrix } = estate;
  if (matrix.granted[cell] !== 1) {
    // Without a grant, only a successful use is use; the rest were denied.
    return isUsedInWindow(matrix, window, cell) || matrix.uses[cell]! > 0
      ? "ungranted-use"
      : "denied";
  }
  if (isUsedInWindow(matrix, window, cell)) return "used";
  return isUsageObserved(matrix, cell) ? "unused" : "unknown";
}
