import { describe, expect, it } from "vitest";
import { mineRoles } from "../../src/mining/index.js";
import { loadHpLabsSet, matrixFromGrid, overAssigned } from "./fixtures.js";

describe("mineRoles determinism", () => {
  it("returns identical results for identical input", () => {
    const first = mineRoles(loadHpLabsSet("domino"));
    const second = mineRoles(loadHpLabsSet("domino"));
    expect(second.roles).toEqual(first.roles);
    expect(second.incompatibleGrants).toEqual(first.incompatibleGrants);
    expect(second.metrics).toEqual(first.metrics);
  });

  it("local search never raises the WSC", () => {
    for (const name of ["hc", "fire2"]) {
      const matrix = loadHpLabsSet(name);
      const without = mineRoles(matrix, { localSearchSteps: 0 });
      const searched = mineRoles(matrix, { localSearchSteps: 100 });
      expect(searched.roles.length).toBe(without.roles.length);
      expect(searched.metrics.wsc).toBeLessThanOrEqual(without.metrics.wsc);
    }
  });

  it("repeats a seeded local search", () => {
    const matrix = loadHpLabsSet("fire2");
    const first = mineRoles(matrix, { seed: 7, localSearchSteps: 50 });
    const second = mineRoles(matrix, { seed: 7, localSearchSteps: 50 });
    expect(second.roles).toEqual(first.roles);
  });

  it("sorts roles by size, then entitlements", () => {
    const { roles } = mineRoles(loadHpLabsSet("fire2"));
    for (let i = 1; i < roles.length; i++) {
      const previous = roles[i - 1]!;
      const current = roles[i]!;
      const previousSize =
        previous.identities.length * previous.entitlements.length;
      const currentSize = current.identities.length * current.entitlements.length;
      expect(previousSize).toBeGreaterThanOrEqual(currentSize);
    }
    for (const role of roles) {
      expect(role.identities).toEqual([...role.identities].sort((a, b) => a - b));
      expect(role.entitlements).toEqual(
        [...role.entitlements].sort((a, b) => a - b),
      );
    }
  });

  it("leaves the matrix unchanged", () => {
    const matrix = loadHpLabsSet("hc");
    const before = {
      rowOffsets: matrix.rowOffsets.slice(),
      columns: matrix.columns.slice(),
      granted: matrix.granted.slice(),
      identities: matrix.identities.slice(),
    };
    mineRoles(matrix, { objective: "wsc", coverage: 0.9 });
    expect(matrix.rowOffsets).toEqual(before.rowOffsets);
    expect(matrix.columns).toEqual(before.columns);
    expect(matrix.granted).toEqual(before.granted);
    expect(matrix.identities).toEqual(before.identities);
  });

  it("ignores cells used without a grant", () => {
    const matrix = matrixFromGrid(
      [
        [true, false],
        [true, true],
      ],
      [[0, 1]],
    );
    const result = mineRoles(matrix);
    expect(overAssigned(matrix, result.roles)).toEqual([]);
    expect(result.metrics.grants).toBe(3);
    expect(result.roles).toHaveLength(2);
  });
});
