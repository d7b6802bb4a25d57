import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mineRoles } from "../../src/mining/index.js";
import { grids } from "./arbitraries.js";
import {
  grantKeys,
  loadHpLabsSet,
  matrixFromGrid,
  missed,
  overAssigned,
} from "./fixtures.js";

const shares = fc.double({ min: 0.05, max: 0.99, noNaN: true });

describe("mineRoles partial coverage", () => {
  it("covers at least the share asked for", () => {
    fc.assert(
      fc.property(grids(10, 10), shares, (grid, coverage) => {
        const matrix = matrixFromGrid(grid);
        const result = mineRoles(matrix, { coverage });
        const grants = grantKeys(matrix).size;
        expect(result.metrics.coveredGrants).toBeGreaterThanOrEqual(
          Math.ceil(coverage * grants - 1e-9),
        );
        expect(overAssigned(matrix, result.roles)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("lists exactly the grants left uncovered", () => {
    fc.assert(
      fc.property(grids(10, 10), shares, (grid, coverage) => {
        const matrix = matrixFromGrid(grid);
        const result = mineRoles(matrix, { coverage });
        const listed = (result.uncovered ?? []).map(
          (grant) => `${grant.identity}:${grant.entitlement}`,
        );
        expect(listed.sort()).toEqual(missed(matrix, result.roles).sort());
        expect(result.metrics.directAssignments).toBe(listed.length);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps its lower bound below the roles", () => {
    fc.assert(
      fc.property(grids(10, 10), shares, (grid, coverage) => {
        const result = mineRoles(matrixFromGrid(grid), { coverage });
        expect(result.roles.length).toBeGreaterThanOrEqual(result.lowerBound);
      }),
      { numRuns: 200 },
    );
  });

  it("needs fewer roles for 95 % of hc", () => {
    const matrix = loadHpLabsSet("hc");
    const result = mineRoles(matrix, { coverage: 0.95 });
    expect(result.roles.length).toBeLessThan(14);
    expect(result.metrics.coverage).toBeGreaterThanOrEqual(0.95);
    expect(result.uncovered!.length).toBe(
      result.metrics.grants - result.metrics.coveredGrants,
    );
  });
});
