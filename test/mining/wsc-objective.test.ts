import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mineRoles } from "../../src/mining/index.js";
import { grids } from "./arbitraries.js";
import { givenKeys, grantKeys, matrixFromGrid, overAssigned } from "./fixtures.js";

describe("mineRoles wsc objective", () => {
  it("rebuilds the input with direct assignments", () => {
    fc.assert(
      fc.property(grids(10, 10), (grid) => {
        const matrix = matrixFromGrid(grid);
        const result = mineRoles(matrix, { objective: "wsc" });
        const rebuilt = givenKeys(result.roles);
        for (const grant of result.uncovered ?? []) {
          rebuilt.add(`${grant.identity}:${grant.entitlement}`);
        }
        expect([...rebuilt].sort()).toEqual([...grantKeys(matrix)].sort());
        expect(overAssigned(matrix, result.roles)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("never beats its own lower bound", () => {
    fc.assert(
      fc.property(grids(10, 10), (grid) => {
        const result = mineRoles(matrixFromGrid(grid), { objective: "wsc" });
        expect(result.metrics.wsc).toBeGreaterThanOrEqual(result.lowerBound);
      }),
      { numRuns: 200 },
    );
  });

  it("costs no more than the fewest roles", () => {
    fc.assert(
      fc.property(grids(10, 10), (grid) => {
        const matrix = matrixFromGrid(grid);
        const byWsc = mineRoles(matrix, { objective: "wsc" });
        const byRoles = mineRoles(matrix, { objective: "roles" });
        expect(byWsc.metrics.wsc).toBeLessThanOrEqual(byRoles.metrics.wsc);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps roles when direct assignments cost more", () => {
    // Two identities share three entitlements: one role (1 + 2 + 3 = 6)
    // beats six direct assignments at weight 1 each.
    const matrix = matrixFromGrid([
      [true, true, true],
      [true, true, true],
    ]);
    const result = mineRoles(matrix, { objective: "wsc" });
    expect(result.roles).toEqual([
      { entitlements: [0, 1, 2], identities: [0, 1] },
    ]);
    expect(result.metrics.wsc).toBe(6);
    expect(result.uncovered).toBeUndefined();
  });

  it("drops a role that costs more than its grants", () => {
    const matrix = matrixFromGrid([[true]]);
    const result = mineRoles(matrix, { objective: "wsc" });
    expect(result.roles).toEqual([]);
    expect(result.uncovered).toEqual([{ identity: 0, entitlement: 0 }]);
    expect(result.metrics.wsc).toBe(1);
  });
});
