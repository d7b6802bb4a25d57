import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UsageMatrix } from "../../src/matrix/usage-matrix.js";
import { mineRoles } from "../../src/mining/index.js";
import { grids } from "./arbitraries.js";
import { grantKeys, matrixFromGrid, missed, overAssigned } from "./fixtures.js";

/**
 * Minimum number of bicliques covering the grants, by brute force: every
 * concept (closed row set) is a candidate, and covers of growing size are
 * tried until one covers every grant. For tiny grids only.
 */
function bruteForceMinimum(grid: readonly (readonly boolean[])[]): number {
  const rows = grid.length;
  const columns = grid[0]!.length;
  const grants: number[] = [];
  grid.forEach((line, i) =>
    line.forEach((granted, j) => {
      if (granted) grants.push(i * columns + j);
    }),
  );
  if (grants.length === 0) return 0;

  const concepts = new Map<string, Set<number>>();
  for (let mask = 1; mask < 1 << rows; mask++) {
    const chosen = [...Array(rows).keys()].filter((i) => mask & (1 << i));
    const shared = [...Array(columns).keys()].filter((j) =>
      chosen.every((i) => grid[i]![j]),
    );
    if (shared.length === 0) continue;
    const holders = [...Array(rows).keys()].filter((i) =>
      shared.every((j) => grid[i]![j]),
    );
    const cells = new Set<number>();
    for (const i of holders) for (const j of shared) cells.add(i * columns + j);
    concepts.set(shared.join(","), cells);
  }
  const candidates = [...concepts.values()];

  const covers = (size: number, from: number, covered: Set<number>): boolean => {
    if (grants.every((cell) => covered.has(cell))) return true;
    if (size === 0) return false;
    for (let c = from; c < candidates.length; c++) {
      const next = new Set([...covered, ...candidates[c]!]);
      if (covers(size - 1, c + 1, next)) return true;
    }
    return false;
  };
  for (let size = 1; ; size++) {
    if (covers(size, 0, new Set())) return size;
  }
}

function granted(matrix: UsageMatrix, row: number, column: number) {
  return grantKeys(matrix).has(`${row}:${column}`);
}

describe("mineRoles exact", () => {
  it("rebuilds random matrices exactly", () => {
    fc.assert(
      fc.property(grids(12, 12), (grid) => {
        const matrix = matrixFromGrid(grid);
        // The limit keeps a rare hard grid from stalling the suite; the
        // cover is complete either way.
        const result = mineRoles(matrix, { method: "exact", timeLimitMs: 2000 });
        expect(missed(matrix, result.roles)).toEqual([]);
        expect(overAssigned(matrix, result.roles)).toEqual([]);
        expect(result.metrics.coverage).toBe(1);
        expect(result.uncovered).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it("never goes below its lower bound", () => {
    fc.assert(
      fc.property(grids(12, 12), (grid) => {
        const result = mineRoles(matrixFromGrid(grid), {
          method: "exact",
          timeLimitMs: 2000,
        });
        expect(result.roles.length).toBeGreaterThanOrEqual(result.lowerBound);
        expect(result.optimal).toBe(result.roles.length === result.lowerBound);
      }),
      { numRuns: 300 },
    );
  });

  it("proves its bound with incompatible grants", () => {
    fc.assert(
      fc.property(grids(12, 12), (grid) => {
        const matrix = matrixFromGrid(grid);
        const result = mineRoles(matrix, { method: "exact" });
        const witnesses = result.incompatibleGrants;
        for (const a of witnesses) {
          expect(granted(matrix, a.identity, a.entitlement)).toBe(true);
          for (const b of witnesses) {
            if (a === b) continue;
            const fitOneRole =
              granted(matrix, a.identity, b.entitlement) &&
              granted(matrix, b.identity, a.entitlement);
            expect(fitOneRole).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("matches brute force on tiny matrices", () => {
    fc.assert(
      fc.property(grids(5, 6), (grid) => {
        const result = mineRoles(matrixFromGrid(grid), { method: "exact" });
        expect(result.optimal).toBe(true);
        expect(result.roles.length).toBe(bruteForceMinimum(grid));
      }),
      { numRuns: 200 },
    );
  });

  it("returns no roles without grants", () => {
    const matrix = matrixFromGrid([
      [false, false],
      [false, false],
    ]);
    const result = mineRoles(matrix, { method: "exact" });
    expect(result.roles).toEqual([]);
    expect(result.lowerBound).toBe(0);
    expect(result.optimal).toBe(true);
    expect(result.uncovered).toBeUndefined();
  });

  it("gives merged duplicates the same roles", () => {
    const matrix = matrixFromGrid([
      [true, true, false],
      [true, true, false],
      [false, true, true],
    ]);
    const result = mineRoles(matrix, { method: "exact" });
    expect(result.roles).toEqual([
      { entitlements: [0, 1], identities: [0, 1] },
      { entitlements: [1, 2], identities: [2] },
    ]);
    expect(result.optimal).toBe(true);
  });

  it("returns the same roles for the same input", () => {
    fc.assert(
      fc.property(grids(10, 10), (grid) => {
        const first = mineRoles(matrixFromGrid(grid), { method: "exact" });
        const second = mineRoles(matrixFromGrid(grid), { method: "exact" });
        expect(second.roles).toEqual(first.roles);
      }),
      { numRuns: 100 },
    );
  });
});
