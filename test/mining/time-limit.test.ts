import { describe, expect, it } from "vitest";
import { mineRoles } from "../../src/mining/index.js";
import { createRandom } from "../../src/random.js";
import { matrixFromGrid, missed, overAssigned } from "./fixtures.js";

// A dense random 30 × 30 grid: the reduction leaves hundreds of cells
// and the branch and bound cannot prove a minimum within the limit.
function hardGrid(): boolean[][] {
  const random = createRandom(9);
  return Array.from({ length: 30 }, () =>
    Array.from({ length: 30 }, () => random() < 0.5),
  );
}

describe("mineRoles time limit", () => {
  it("returns a complete cover unproven", () => {
    const matrix = matrixFromGrid(hardGrid());
    const result = mineRoles(matrix, { method: "exact", timeLimitMs: 50 });
    expect(result.optimal).toBe(false);
    expect(result.roles.length).toBeGreaterThan(result.lowerBound);
    expect(result.incompatibleGrants).toHaveLength(result.lowerBound);
    expect(missed(matrix, result.roles)).toEqual([]);
    expect(overAssigned(matrix, result.roles)).toEqual([]);
  });

  it("does no worse than greedy when stopped", () => {
    const matrix = matrixFromGrid(hardGrid());
    const exact = mineRoles(matrix, { method: "exact", timeLimitMs: 50 });
    const greedy = mineRoles(matrix, { method: "greedy" });
    expect(exact.roles.length).toBeLessThanOrEqual(greedy.roles.length);
  });
});
