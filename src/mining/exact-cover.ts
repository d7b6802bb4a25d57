import type { Biclique } from "./concept.js";
import type { Deadline } from "./deadline.js";
import type { MergedMatrix } from "./merged-matrix.js";
import { type Reduction, reduceCellGraph } from "./reduction.js";
import { coverResidual } from "./residual-cover.js";

/** A complete role cover of a merged matrix with its proof of quality. */
export interface ExactCover {
  readonly roles: Biclique[];
  /** Pairwise incompatible cells: no cover has fewer roles. */
  readonly incompatibleCells: number[];
  /** Whether no cover has fewer roles than `roles`. */
  readonly proven: boolean;
  readonly reductionMs: number;
  readonly searchMs: number;
}

/**
 * Finds a minimum role cover: the graph reduction of Ene et al. first,
 * then an exact clique cover of the cells it left, then the removed cells
 * are put back. Each role is the rows and columns of the cells it was
 * built from, which the clique property makes a biclique. Stops early
 * when `deadline` expires, returning a complete cover that may not be
 * minimal.
 */
export function exactCover(
  merged: MergedMatrix,
  deadline: Deadline,
): ExactCover {
  const start = performance.now();
  const reduction = reduceCellGraph(merged, deadline);
  const reduced = performance.now();
  const residual = coverResidual(merged, reduction.residual, deadline);
  const roles = rebuildRoles(merged, reduction, residual.cliques);

  // Each forced witness is incompatible with every cell still in the
  // graph when it was taken, which includes all later witnesses and the
  // residual cells.
  const incompatibleCells: number[] = [];
  for (const step of reduction.steps) {
    if (step.kind === "forced") incompatibleCells.push(step.witness);
  }
  incompatibleCells.push(...residual.incompatibleCells);
  return {
    roles,
    incompatibleCells,
    proven: residual.proven,
    reductionMs: reduced - start,
    searchMs: performance.now() - reduced,
  };
}

/**
 * Turns the residual cliques and the reduction's forced roles into roles,
 * then replays the removed dominated cells backwards: each joins the role
 * that holds its dominator. When the cell was removed, every cell of that
 * role was still in the graph and compatible with the dominator, hence
 * with the cell, so the role stays a biclique.
 */
function rebuildRoles(
  merged: MergedMatrix,
  reduction: Reduction,
  residualCliques: readonly number[][],
): Biclique[] {
  const roleOfCell = new Int32Array(merged.cellCount).fill(-1);
  const members: number[][] = [];
  const addRole = (cells: readonly number[]) => {
    for (const cell of cells) roleOfCell[cell] = members.length;
    members.push(cells.slice());
  };

  for (const clique of residualCliques) addRole(clique);
  for (let i = reduction.steps.length - 1; i >= 0; i--) {
    const step = reduction.steps[i]!;
    if (step.kind === "forced") {
      addRole(step.cells);
      continue;
    }
    const role = roleOfCell[step.dominator]!;
    roleOfCell[step.cell] = role;
    members[role]!.push(step.cell);
  }

  return members.map((cells) => {
    const rows = new Set<number>();
    const columns = new Set<number>();
    for (const cell of cells) {
      rows.add(merged.cellRows[cell]!);
      columns.add(merged.cellColumns[cell]!);
    }
    return {
      rows: [...rows].sort((a, b) => a - b),
      columns: [...columns].sort((a, b) => a - b),
    };
  });
}
