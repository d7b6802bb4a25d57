import { hasBit } from "./bitset.js";
import { bitsOf } from "./concept.js";
import { MAX_COLOURING_SIZE, minimumColouring } from "./colouring.js";
import { ConflictGraph } from "./conflict-graph.js";
import { CoverState } from "./cover-state.js";
import type { Deadline } from "./deadline.js";
import { candidateConcepts } from "./greedy.js";
import { selectGreedily } from "./greedy-selection.js";
import { areIncompatible } from "./incompatible-grants.js";
import { maximumClique } from "./max-clique.js";
import { type MergedMatrix, cellIndex } from "./merged-matrix.js";

/** A cover of the residual cells by cliques, with its lower bound. */
export interface ResidualCover {
  /** Cells of each role; the cells of one role are pairwise compatible. */
  readonly cliques: number[][];
  /** Pairwise incompatible residual cells: a bound on `cliques.length`. */
  readonly incompatibleCells: number[];
  /** Whether `cliques` is proved minimal. */
  readonly proven: boolean;
}

/**
 * Covers the cells the reduction left with the fewest cliques of the
 * compatibility graph. Each connected component is solved on its own:
 * a maximum set of pairwise incompatible cells (a clique of the conflict
 * graph) bounds it from below, and an exact colouring of the conflict
 * graph gives the cover. A component larger than `MAX_COLOURING_SIZE`
 * cells gets the greedy concept cover and a greedy bound instead.
 */
export function coverResidual(
  merged: MergedMatrix,
  residual: readonly number[],
  deadline: Deadline,
): ResidualCover {
  const cliques: number[][] = [];
  const incompatibleCells: number[] = [];
  let proven = true;
  for (const component of compatibleComponents(merged, residual)) {
    const part =
      component.length <= MAX_COLOURING_SIZE
        ? colourComponent(merged, component, deadline)
        : coverGreedily(merged, component);
    cliques.push(...part.cliques);
    incompatibleCells.push(...part.incompatibleCells);
    proven &&= part.proven;
  }
  return { cliques, incompatibleCells, proven };
}

function colourComponent(
  merged: MergedMatrix,
  cells: readonly number[],
  deadline: Deadline,
): ResidualCover {
  const graph = new ConflictGraph(cells.length);
  for (let a = 0; a < cells.length; a++) {
    for (let b = a + 1; b < cells.length; b++) {
      if (areIncompatible(merged, cells[a]!, cells[b]!)) graph.addEdge(a, b);
    }
  }
  const clique = maximumClique(graph, deadline, greedyClique(graph));

  // The greedy concept cover is often better than DSATUR's own greedy
  // colouring, so the search starts from it.
  const vertexOfCell = new Map(cells.map((cell, vertex) => [cell, vertex]));
  const incumbent = new Int32Array(cells.length);
  coverGreedily(merged, cells).cliques.forEach((members, colour) => {
    for (const cell of members) incumbent[vertexOfCell.get(cell)!] = colour;
  });
  const colouring = minimumColouring(
    graph,
    clique.vertices,
    deadline,
    incumbent,
  );
  const cliques: number[][] = Array.from({ length: colouring.count }, () => []);
  colouring.colours.forEach((colour, vertex) => {
    cliques[colour]!.push(cells[vertex]!);
  });
  return {
    cliques,
    incompatibleCells: clique.vertices.map((vertex) => cells[vertex]!),
    proven: colouring.proven,
  };
}

/** Grows a maximal clique from the vertices of highest degree. */
function greedyClique(graph: ConflictGraph): number[] {
  const order = Array.from({ length: graph.size }, (_, v) => v);
  order.sort((a, b) => graph.degrees[b]! - graph.degrees[a]! || a - b);
  const clique: number[] = [];
  for (const vertex of order) {
    if (clique.every((member) => graph.hasEdge(vertex, member))) {
      clique.push(vertex);
    }
  }
  return clique;
}

/**
 * Covers `cells` with greedily chosen row and column concepts, each
 * taking the listed cells it contains that no earlier concept took.
 */
function coverGreedily(
  merged: MergedMatrix,
  cells: readonly number[],
): ResidualCover {
  const state = new CoverState(merged);
  state.coverAllExcept(cells);
  const rows = new Set(cells.map((cell) => merged.cellRows[cell]!));
  const columns = new Set(cells.map((cell) => merged.cellColumns[cell]!));
  const candidates = candidateConcepts(merged, rows, columns);
  const roles = selectGreedily(merged, candidates, merged.grantCount, state);

  const taken = new Set<number>();
  const cliques = roles.map((role) => {
    const roleColumns = bitsOf(merged.columnCount, role.columns);
    const roleRows = new Set(role.rows);
    const members = cells.filter(
      (cell) =>
        !taken.has(cell) &&
        roleRows.has(merged.cellRows[cell]!) &&
        hasBit(roleColumns, 0, merged.cellColumns[cell]!),
    );
    for (const member of members) taken.add(member);
    return members;
  });

  const incompatibleCells: number[] = [];
  for (const cell of cells) {
    const fits = incompatibleCells.every((other) =>
      areIncompatible(merged, cell, other),
    );
    if (fits) {
      incompatibleCells.push(cell);
    }
  }
  return {
    cliques: cliques.filter((members) => members.length > 0),
    incompatibleCells,
    proven: cliques.length <= incompatibleCells.length,
  };
}

/**
 * Splits `cells` into the connected components of the compatibility
 * graph among them. The cells compatible with (u, p) lie in the block
 * rows(p) × columns(u), so each cell scans only its block.
 */
function compatibleComponents(
  merged: MergedMatrix,
  cells: readonly number[],
): number[][] {
  const { rowWords } = merged;
  const remaining = new Uint32Array(merged.rowBits.length);
  for (const cell of cells) {
    const row = merged.cellRows[cell]!;
    const column = merged.cellColumns[cell]!;
    remaining[row * rowWords + (column >>> 5)]! |= 1 << (column & 31);
  }

  const components: number[][] = [];
  for (const start of cells) {
    const startRow = merged.cellRows[start]!;
    const startColumn = merged.cellColumns[start]!;
    const startIndex = startRow * rowWords + (startColumn >>> 5);
    if ((remaining[startIndex]! & (1 << (startColumn & 31))) === 0) continue;
    remaining[startIndex]! &= ~(1 << (startColumn & 31));

    const component = [start];
    for (let next = 0; next < component.length; next++) {
      const cell = component[next]!;
      const row = merged.cellRows[cell]!;
      const column = merged.cellColumns[cell]!;
      for (const other of merged.columnRows[column]!) {
        for (let w = 0; w < rowWords; w++) {
          const index = other * rowWords + w;
          let word = remaining[index]! & merged.rowBits[row * rowWords + w]!;
          remaining[index]! &= ~word;
          while (word !== 0) {
            const low = word & -word;
            word ^= low;
            const found = (w << 5) + 31 - Math.clz32(low);
            component.push(cellIndex(merged, other, found));
          }
        }
      }
    }
    components.push(component.sort((a, b) => a - b));
  }
  return components;
}
