import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Deadline } from "../../src/mining/deadline.js";
import { areIncompatible } from "../../src/mining/incompatible-grants.js";
import { mergeDuplicates } from "../../src/mining/merged-matrix.js";
import { reduceCellGraph } from "../../src/mining/reduction.js";
import { coverResidual } from "../../src/mining/residual-cover.js";
import { grids } from "./arbitraries.js";
import { matrixFromGrid } from "./fixtures.js";

describe("reduceCellGraph", () => {
  it("accounts for every cell once", () => {
    fc.assert(
      fc.property(grids(10, 10), (grid) => {
        const merged = mergeDuplicates(matrixFromGrid(grid));
        const reduction = reduceCellGraph(merged, new Deadline(Infinity));
        const seen = new Array<number>(merged.cellCount).fill(0);
        for (const step of reduction.steps) {
          const cells = step.kind === "forced" ? step.cells : [step.cell];
          for (const cell of cells) seen[cell]!++;
        }
        for (const cell of reduction.residual) seen[cell]!++;
        expect(seen.every((count) => count === 1)).toBe(true);
        expect(reduction.complete).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("takes pairwise incompatible forced witnesses", () => {
    fc.assert(
      fc.property(grids(10, 10), (grid) => {
        const merged = mergeDuplicates(matrixFromGrid(grid));
        const reduction = reduceCellGraph(merged, new Deadline(Infinity));
        const witnesses = reduction.steps.flatMap((step) =>
          step.kind === "forced" ? [step.witness] : [],
        );
        for (const a of witnesses) {
          for (const b of witnesses) {
            if (a !== b) expect(areIncompatible(merged, a, b)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("skips itself above the memory cap", () => {
    const merged = mergeDuplicates(
      matrixFromGrid([
        [true, true],
        [true, false],
      ]),
    );
    const reduction = reduceCellGraph(merged, new Deadline(Infinity), 0);
    expect(reduction.steps).toEqual([]);
    expect(reduction.residual).toEqual([0, 1, 2]);
    expect(reduction.complete).toBe(false);
  });
});

describe("coverResidual", () => {
  it("covers all cells with compatible cliques", () => {
    fc.assert(
      fc.property(grids(8, 8), (grid) => {
        const merged = mergeDuplicates(matrixFromGrid(grid));
        const all = Array.from({ length: merged.cellCount }, (_, c) => c);
        // The limit keeps a rare hard grid from stalling the suite.
        const cover = coverResidual(merged, all, new Deadline(2000));
        const covered = cover.cliques.flat().sort((a, b) => a - b);
        expect(covered).toEqual(all);
        for (const clique of cover.cliques) {
          for (const a of clique) {
            for (const b of clique) {
              if (a !== b) expect(areIncompatible(merged, a, b)).toBe(false);
            }
          }
        }
        expect(cover.cliques.length).toBeGreaterThanOrEqual(
          cover.incompatibleCells.length,
        );
      }),
      { numRuns: 200 },
    );
  });
});
