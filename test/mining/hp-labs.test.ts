import { describe, expect, it } from "vitest";
import { mineRoles } from "../../src/mining/index.js";
import { loadHpLabsSet, missed, overAssigned } from "./fixtures.js";

// Minimum numbers of roles for the basic role mining problem on the HP
// Labs sets, as published by Ene et al., "Fast exact and heuristic
// methods for role minimization problems", SACMAT 2008. The larger sets
// run in the benchmark (bench/mine.ts) instead of the suite.
const MINIMUM_ROLES = [
  ["hc", 14],
  ["domino", 20],
  ["emea", 34],
  ["fire2", 10],
] as const;

describe("mineRoles on HP Labs sets", () => {
  it.each(MINIMUM_ROLES)("reaches the minimum on %s", (name, minimum) => {
    const matrix = loadHpLabsSet(name);
    const result = mineRoles(matrix, { method: "exact" });
    expect(result.roles).toHaveLength(minimum);
    expect(result.lowerBound).toBe(minimum);
    expect(result.incompatibleGrants).toHaveLength(minimum);
    expect(result.optimal).toBe(true);
    expect(missed(matrix, result.roles)).toEqual([]);
    expect(overAssigned(matrix, result.roles)).toEqual([]);
  });

  it.each(MINIMUM_ROLES)("greedy stays near the minimum on %s", (name, minimum) => {
    const matrix = loadHpLabsSet(name);
    const result = mineRoles(matrix, { method: "greedy" });
    expect(result.roles.length).toBeGreaterThanOrEqual(minimum);
    expect(result.lowerBound).toBeLessThanOrEqual(minimum);
    expect(missed(matrix, result.roles)).toEqual([]);
    expect(overAssigned(matrix, result.roles)).toEqual([]);
  });
});
