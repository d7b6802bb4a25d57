import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mineRoles } from "../../src/mining/index.js";
import { matrixFromGrid, missed, overAssigned } from "./fixtures.js";

const grids = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
  .chain(([rows, columns]) =>
    fc.array(fc.array(fc.boolean(), { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  );

describe("mineRoles greedy", () => {
  it("rebuilds random matrices exactly", () => {
    fc.assert(
      fc.property(grids, (grid) => {
        const matrix = matrixFromGrid(grid);
        const result = mineRoles(matrix, { method: "greedy" });
        expect(missed(matrix, result.roles)).toEqual([]);
        expect(overAssigned(matrix, result.roles)).toEqual([]);
        expect(result.roles.length).toBeGreaterThanOrEqual(result.lowerBound);
      }),
      { numRuns: 300 },
    );
  });
});
