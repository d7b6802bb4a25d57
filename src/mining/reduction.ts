import {
  bitIndices,
  clearBit,
  isSubset,
  popcount,
  setBit,
} from "./bitset.js";
import type { Deadline } from "./deadline.js";
import { type MergedMatrix, cellIndex } from "./merged-matrix.js";

/**
 * One step of the graph reduction, in the order taken:
 * - `forced`: the cells compatible with `witness` form a biclique, so
 *   that biclique is a role of some minimum cover. `cells` are the
 *   remaining cells it covers, all removed.
 * - `dominated`: every remaining cell compatible with `dominator` is
 *   also compatible with `cell`, so `cell` can join whichever role covers
 *   `dominator`, and is removed.
 */
export type ReductionStep =
  | { kind: "forced"; witness: number; cells: number[] }
  | { kind: "dominated"; cell: number; dominator: number };

/** What the graph reduction did and the cells it left. */
export interface Reduction {
  readonly steps: readonly ReductionStep[];
  /** Cells left for the exact search, ascending. */
  readonly residual: readonly number[];
  /** False when the deadline stopped the reduction early. */
  readonly complete: boolean;
}

/**
 * Largest size of the projections the reduction keeps, in 32-bit words
 * (256 MiB). A larger matrix skips the reduction, and its cells go to the
 * residual search whole, which covers large components greedily.
 */
export const MAX_PROJECTION_WORDS = 2 ** 26;

/**
 * Reduces the cell graph of Ene et al. ("Fast exact and heuristic methods
 * for role minimization problems", SACMAT 2008). Its vertices are the
 * cells (grants) of the merged matrix, and two cells are compatible when
 * some biclique contains both: (u1, p1) and (u2, p2) are compatible when
 * u1 holds p2 and u2 holds p1. A minimum role cover is a minimum cover of
 * this graph by cliques. Each round visits the remaining cells in order:
 *
 * - A cell whose compatible cells are pairwise compatible has only one
 *   maximal clique around it. Some minimum cover takes that clique, so it
 *   becomes a role and its cells leave the graph.
 * - A cell e1 leaves the graph when another remaining cell e2 is
 *   compatible with it and every remaining cell compatible with e2 is
 *   compatible with e1: any clique holding e2 can take e1 as well.
 *
 * Rounds repeat until one changes nothing or `deadline` expires. Neither
 * step changes the minimum number of roles, so that number is the count
 * of forced roles plus the minimum for the residual cells.
 *
 * For a cell e = (u, p), the remaining compatible cells are those of the
 * block rows(p) × columns(u), summarised by their projections: the rows
 * and the columns they touch. Cost per round is about the sum over cells
 * of that block's size. Memory holds both projections of every cell,
 * cells · (rowWords + columnWords) words, up to `maxProjectionWords`.
 */
export function reduceCellGraph(
  merged: MergedMatrix,
  deadline: Deadline,
  maxProjectionWords = MAX_PROJECTION_WORDS,
): Reduction {
  const projectionWords =
    merged.cellCount * (merged.rowWords + merged.columnWords);
  if (projectionWords > maxProjectionWords) {
    const all = Array.from({ length: merged.cellCount }, (_, cell) => cell);
    return { steps: [], residual: all, complete: false };
  }
  const graph = new CellGraph(merged);
  const steps: ReductionStep[] = [];
  let changed = true;
  let complete = true;
  while (changed) {
    changed = false;
    graph.projectAll();
    for (let cell = 0; cell < merged.cellCount; cell++) {
      if (deadline.expired()) {
        complete = false;
        break;
      }
      if (!graph.isAlive(cell)) continue;
      const forced = graph.forcedClique(cell);
      if (forced !== undefined) {
        for (const member of forced) graph.remove(member);
        steps.push({ kind: "forced", witness: cell, cells: forced });
        changed = true;
        continue;
      }
      const dominator = graph.findDominator(cell);
      if (dominator >= 0) {
        graph.remove(cell);
        steps.push({ kind: "dominated", cell, dominator });
        changed = true;
      }
    }
    if (!complete) break;
  }

  const residual: number[] = [];
  for (let cell = 0; cell < merged.cellCount; cell++) {
    if (graph.isAlive(cell)) residual.push(cell);
  }
  return { steps, residual, complete };
}

/**
 * The remaining cells and, per cell, the projections of its remaining
 * compatible cells as computed at the start of the round. Removals only
 * shrink the true projections, so a stale one is a superset, and a
 * domination test passed with it also holds for the true one.
 */
class CellGraph {
  private readonly merged: MergedMatrix;
  private readonly aliveRows: Uint32Array;
  private readonly aliveColumns: Uint32Array;
  private readonly alive: Uint8Array;
  /** Rows touched, per cell, `columnWords` words each. */
  private readonly rowProjection: Uint32Array;
  /** Columns touched, per cell, `rowWords` words each. */
  private readonly columnProjection: Uint32Array;
  private readonly rowCounts: Int32Array;
  private readonly columnCounts: Int32Array;

  constructor(merged: MergedMatrix) {
    this.merged = merged;
    this.aliveRows = merged.rowBits.slice();
    this.aliveColumns = merged.columnBits.slice();
    this.alive = new Uint8Array(merged.cellCount).fill(1);
    this.rowProjection = new Uint32Array(merged.cellCount * merged.columnWords);
    this.columnProjection = new Uint32Array(merged.cellCount * merged.rowWords);
    this.rowCounts = new Int32Array(merged.cellCount);
    this.columnCounts = new Int32Array(merged.cellCount);
  }

  isAlive(cell: number): boolean {
    return this.alive[cell] === 1;
  }

  remove(cell: number): void {
    const { merged } = this;
    const row = merged.cellRows[cell]!;
    const column = merged.cellColumns[cell]!;
    this.alive[cell] = 0;
    clearBit(this.aliveRows, row * merged.rowWords, column);
    clearBit(this.aliveColumns, column * merged.columnWords, row);
  }

  projectAll(): void {
    for (let cell = 0; cell < this.merged.cellCount; cell++) {
      if (this.alive[cell] === 1) this.project(cell);
    }
  }

  /**
   * Computes the rows and columns touched by the remaining cells of the
   * block rows(p) × columns(u) of cell (u, p). One pass over the block's
   * rows or one over its columns finds both, so the cheaper one is taken:
   * |rows(p)| · rowWords against |columns(u)| · columnWords word tests.
   */
  private project(cell: number): void {
    const { merged } = this;
    const { rowWords, columnWords } = merged;
    const row = merged.cellRows[cell]!;
    const column = merged.cellColumns[cell]!;
    const rowsOffset = cell * columnWords;
    const columnsOffset = cell * rowWords;
    const rows = this.rowProjection;
    const columns = this.columnProjection;
    rows.fill(0, rowsOffset, rowsOffset + columnWords);
    columns.fill(0, columnsOffset, columnsOffset + rowWords);

    const holders = merged.columnRows[column]!;
    const held = merged.rowColumns[row]!;
    if (holders.length * rowWords <= held.length * columnWords) {
      // Each holder's remaining cells within columns(u) name its columns.
      for (const other of holders) {
        let touched = false;
        for (let w = 0; w < rowWords; w++) {
          const word =
            this.aliveRows[other * rowWords + w]! &
            merged.rowBits[row * rowWords + w]!;
          if (word === 0) continue;
          touched = true;
          columns[columnsOffset + w]! |= word;
        }
        if (touched) setBit(rows, rowsOffset, other);
      }
    } else {
      for (const other of held) {
        let touched = false;
        for (let w = 0; w < columnWords; w++) {
          const word =
            this.aliveColumns[other * columnWords + w]! &
            merged.columnBits[column * columnWords + w]!;
          if (word === 0) continue;
          touched = true;
          rows[rowsOffset + w]! |= word;
        }
        if (touched) setBit(columns, columnsOffset, other);
      }
    }
    this.rowCounts[cell] = popcount(rows, rowsOffset, columnWords);
    this.columnCounts[cell] = popcount(columns, columnsOffset, rowWords);
  }

  /**
   * Returns the remaining cells compatible with `cell` when they form a
   * biclique, else undefined. Refreshes the projections of `cell` first.
   */
  forcedClique(cell: number): number[] | undefined {
    const { merged } = this;
    const { rowWords, columnWords } = merged;
    this.project(cell);
    const rowsOffset = cell * columnWords;
    const columnsOffset = cell * rowWords;
    const rows = bitIndices(this.rowProjection, rowsOffset, columnWords);
    for (const row of rows) {
      const full = isSubset(
        this.columnProjection,
        columnsOffset,
        merged.rowBits,
        row * rowWords,
        rowWords,
      );
      if (!full) return undefined;
    }

    const cells: number[] = [];
    for (const row of rows) {
      const offset = row * rowWords;
      for (let w = 0; w < rowWords; w++) {
        let word =
          this.aliveRows[offset + w]! & this.columnProjection[columnsOffset + w]!;
        while (word !== 0) {
          const low = word & -word;
          const column = (w << 5) + 31 - Math.clz32(low);
          cells.push(cellIndex(merged, row, column));
          word ^= low;
        }
      }
    }
    return cells;
  }

  /**
   * Finds a remaining cell e2 ≠ `cell` compatible with it whose remaining
   * compatible cells all lie in the block of `cell`, or returns -1. For
   * `cell` = (u1, p1), the candidate's projections must fit inside
   * rows(p1) and columns(u1).
   */
  findDominator(cell: number): number {
    const { merged } = this;
    const { rowWords, columnWords } = merged;
    const row = merged.cellRows[cell]!;
    const column = merged.cellColumns[cell]!;
    const holders = merged.columnRows[column]!.length;
    const held = merged.rowColumns[row]!.length;
    const rowOffset = row * rowWords;
    const columnOffset = column * columnWords;
    for (const other of merged.columnRows[column]!) {
      const otherOffset = other * rowWords;
      for (let w = 0; w < rowWords; w++) {
        let word =
          this.aliveRows[otherOffset + w]! & merged.rowBits[rowOffset + w]!;
        while (word !== 0) {
          const low = word & -word;
          word ^= low;
          const candidate = cellIndex(
            merged,
            other,
            (w << 5) + 31 - Math.clz32(low),
          );
          if (candidate === cell) continue;
          if (this.rowCounts[candidate]! > holders) continue;
          if (this.columnCounts[candidate]! > held) continue;
          const fits =
            isSubset(
              this.columnProjection,
              candidate * rowWords,
              merged.rowBits,
              rowOffset,
              rowWords,
            ) &&
            isSubset(
              this.rowProjection,
              candidate * columnWords,
              merged.columnBits,
              columnOffset,
              columnWords,
            );
          if (fits) return candidate;
        }
      }
    }
    return -1;
  }
}
