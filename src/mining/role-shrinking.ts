import { type Biclique, conceptOfRows } from "./concept.js";
import { type MergedMatrix, cellIndex } from "./merged-matrix.js";
import { MaxHeap } from "./priority-queue.js";

/**
 * Orders in which `shrinkRoles` visits the roles. The first three are
 * fixed before shrinking starts. The last two are chosen step by step:
 * next comes the role whose shrinking removes the most links, or the one
 * whose essential cells span the fewest rows and columns (weighed by the
 * identities and entitlements they stand for).
 */
export type ShrinkOrder =
  | "given"
  | "smallest-first"
  | "largest-first"
  | "most-saving-first"
  | "least-essential-first";

/** Every order, in the order `mineRoles` tries them. */
export const SHRINK_ORDERS: readonly ShrinkOrder[] = [
  "given",
  "smallest-first",
  "largest-first",
  "most-saving-first",
  "least-essential-first",
];

/**
 * Rebuilds a cover so that each role keeps only what it alone provides.
 * Every role starts widened to its concept (all holders of its
 * entitlements, all entitlements its identities share; see
 * `WidenedCover`), then each role in
 * turn shrinks to the rows and columns of its essential cells: those no
 * other current role covers. The rows × columns of essential cells lie
 * inside the role, so it stays a biclique, and every cell stays covered.
 * A role with no essential cell is dropped. Roles visited early shrink
 * most, so `order` matters a great deal for the WSC. `order` is one of
 * the named orders or a permutation of the role indices.
 *
 * Shrinking a role only adds essential cells to the others, so their
 * savings only fall and their essential spans only grow: the step-by-step
 * orders re-evaluate a role lazily when it reaches the top of a heap.
 * Runs in O(visits · Σ |rows| · |columns|) with few re-evaluations in
 * practice.
 */
export function shrinkRoles(
  cover: WidenedCover,
  order: ShrinkOrder | readonly number[],
): ShrinkResult {
  const shrinker = new Shrinker(cover);
  const count = cover.roles.length;
  if (typeof order !== "string") {
    for (const index of order) shrinker.shrink(index);
    return shrinker.result();
  }
  if (order === "most-saving-first" || order === "least-essential-first") {
    const key = (index: number) => {
      const plan = shrinker.plan(index);
      return order === "most-saving-first" ? plan.saving : -plan.span;
    };
    const heap = new MaxHeap();
    for (let index = 0; index < count; index++) heap.push(index, key(index));
    while (heap.size > 0) {
      const index = heap.pop()!;
      const fresh = key(index);
      const nextKey = heap.peekKey();
      const stale =
        nextKey !== undefined &&
        (fresh < nextKey || (fresh === nextKey && heap.peekItem()! < index));
      if (stale) heap.push(index, fresh);
      else shrinker.shrink(index);
    }
    return shrinker.result();
  }

  const visit = Array.from({ length: count }, (_, index) => index);
  const area = (index: number) => shrinker.area(index);
  if (order === "smallest-first") {
    visit.sort((a, b) => area(a) - area(b) || a - b);
  } else if (order === "largest-first") {
    visit.sort((a, b) => area(b) - area(a) || a - b);
  }
  for (const index of visit) shrinker.shrink(index);
  return shrinker.result();
}

/** Shrunk roles and the order in which the input roles were visited. */
export interface ShrinkResult {
  /** The roles left, in input order, without the dropped ones. */
  readonly roles: Biclique[];
  /** Every input role index once, in visiting order. */
  readonly order: number[];
}

interface ShrinkPlan {
  readonly rows: Set<number>;
  readonly columns: Set<number>;
  /** Weighted rows plus columns that the essential cells span. */
  readonly span: number;
  /** Weighted rows plus columns the role loses by shrinking. */
  readonly saving: number;
}

/**
 * A cover with every role widened to its concept, the cells of each and
 * how many roles cover each cell: the common start of every shrink of
 * that cover, built once.
 */
export class WidenedCover {
  readonly merged: MergedMatrix;
  readonly roles: readonly Biclique[];
  readonly cellsOf: readonly (readonly number[])[];
  readonly givers: Int32Array;
  readonly rowWeights: Int32Array;
  readonly columnWeights: Int32Array;

  constructor(merged: MergedMatrix, roles: readonly Biclique[]) {
    this.merged = merged;
    this.roles = roles.map((role) => conceptOfRows(merged, role.rows));
    const givers = new Int32Array(merged.cellCount);
    this.cellsOf = this.roles.map((role) => {
      const cells = cellsOfRole(merged, role);
      for (const cell of cells) givers[cell]!++;
      return cells;
    });
    this.givers = givers;
    this.rowWeights = Int32Array.from(merged.rowMembers, (m) => m.length);
    this.columnWeights = Int32Array.from(merged.columnMembers, (m) => m.length);
  }
}

/** One shrink in progress, working on copies of a widened cover. */
class Shrinker {
  private readonly merged: MergedMatrix;
  private readonly roles: (Biclique | undefined)[];
  private readonly cellsOf: (readonly number[])[];
  private readonly givers: Int32Array;
  private readonly rowWeights: Int32Array;
  private readonly columnWeights: Int32Array;
  private readonly visited: number[] = [];

  constructor(cover: WidenedCover) {
    this.merged = cover.merged;
    this.roles = cover.roles.slice();
    this.cellsOf = cover.cellsOf.slice();
    this.givers = cover.givers.slice();
    this.rowWeights = cover.rowWeights;
    this.columnWeights = cover.columnWeights;
  }

  area(index: number): number {
    const role = this.roles[index]!;
    return role.rows.length * role.columns.length;
  }

  plan(index: number): ShrinkPlan {
    const { merged } = this;
    const rows = new Set<number>();
    const columns = new Set<number>();
    for (const cell of this.cellsOf[index]!) {
      if (this.givers[cell] !== 1) continue;
      rows.add(merged.cellRows[cell]!);
      columns.add(merged.cellColumns[cell]!);
    }
    const span = this.weigh(rows, columns);
    const role = this.roles[index]!;
    return { rows, columns, span, saving: this.weigh(role.rows, role.columns) - span };
  }

  shrink(index: number): void {
    const { merged } = this;
    this.visited.push(index);
    const { rows, columns } = this.plan(index);
    const kept: number[] = [];
    for (const cell of this.cellsOf[index]!) {
      const inside =
        rows.has(merged.cellRows[cell]!) &&
        columns.has(merged.cellColumns[cell]!);
      if (inside) kept.push(cell);
      else this.givers[cell]!--;
    }
    this.cellsOf[index] = kept;
    this.roles[index] =
      rows.size === 0
        ? undefined
        : {
            rows: [...rows].sort((a, b) => a - b),
            columns: [...columns].sort((a, b) => a - b),
          };
  }

  result(): ShrinkResult {
    return {
      roles: this.roles.filter((role): role is Biclique => role !== undefined),
      order: this.visited,
    };
  }

  private weigh(rows: Iterable<number>, columns: Iterable<number>): number {
    let total = 0;
    for (const row of rows) total += this.rowWeights[row]!;
    for (const column of columns) total += this.columnWeights[column]!;
    return total;
  }
}

/** Cells of the merged matrix inside a role, row by row. */
export function cellsOfRole(merged: MergedMatrix, role: Biclique): number[] {
  const cells: number[] = [];
  for (const row of role.rows) {
    for (const column of role.columns) {
      cells.push(cellIndex(merged, row, column));
    }
  }
  return cells;
}
