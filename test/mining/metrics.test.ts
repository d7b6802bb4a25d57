import { describe, expect, it } from "vitest";
import { InputError, OptionError } from "../../src/errors.js";
import { type MinedRole, roleMetrics } from "../../src/mining/index.js";
import { matrixFromGrid } from "./fixtures.js";

// Identity 0 holds entitlements 0 and 1, identity 1 holds 0; identity 1
// also used entitlement 1 without a grant.
const matrix = matrixFromGrid(
  [
    [true, true],
    [true, false],
  ],
  [[1, 1]],
);

describe("roleMetrics", () => {
  it("counts an exact cover", () => {
    const metrics = roleMetrics(matrix, [
      { identities: [0, 1], entitlements: [0] },
      { identities: [0], entitlements: [1] },
    ]);
    expect(metrics.roles).toBe(2);
    expect(metrics.userAssignments).toBe(3);
    expect(metrics.permissionAssignments).toBe(2);
    expect(metrics.hierarchyEdges).toBe(0);
    expect(metrics.directAssignments).toBe(0);
    expect(metrics.wsc).toBe(7);
    expect(metrics.grants).toBe(3);
    expect(metrics.coveredGrants).toBe(3);
    expect(metrics.coverage).toBe(1);
    expect(metrics.overAssignments).toBe(0);
  });

  it("counts over-assignment once per pair", () => {
    const metrics = roleMetrics(matrix, [
      { identities: [0, 1], entitlements: [0, 1] },
      { identities: [1], entitlements: [1] },
    ]);
    expect(metrics.overAssignments).toBe(1);
    expect(metrics.coveredGrants).toBe(3);
  });

  it("counts uncovered grants as direct assignments", () => {
    const metrics = roleMetrics(matrix, [{ identities: [1], entitlements: [0] }]);
    expect(metrics.directAssignments).toBe(2);
    expect(metrics.coverage).toBeCloseTo(1 / 3, 12);
    expect(metrics.wsc).toBe(1 + 1 + 1 + 2);
  });

  it("applies the WSC weights", () => {
    const metrics = roleMetrics(
      matrix,
      [{ identities: [0, 1], entitlements: [0] }],
      { roles: 10, userAssignments: 2, permissionAssignments: 3,
        directAssignments: 5 },
    );
    // 10·1 role + 2·2 user links + 3·1 permission link + 5·1 direct.
    expect(metrics.wsc).toBe(22);
    expect(metrics.weights.hierarchy).toBe(1);
  });

  it("rates a matrix without grants as covered", () => {
    const empty = matrixFromGrid([[false]]);
    const metrics = roleMetrics(empty, []);
    expect(metrics.grants).toBe(0);
    expect(metrics.coverage).toBe(1);
    expect(metrics.wsc).toBe(0);
  });

  it("rejects row numbers outside the matrix", () => {
    const roles: MinedRole[] = [{ identities: [0, 2], entitlements: [0] }];
    expect(() => roleMetrics(matrix, roles)).toThrow(InputError);
    expect(() => roleMetrics(matrix, roles)).toThrow(
      "at roles.0.identities.1: received 2, expected a row number from 0 to 1",
    );
  });

  it("rejects unsorted entitlement numbers", () => {
    const roles: MinedRole[] = [{ identities: [0], entitlements: [1, 0] }];
    expect(() => roleMetrics(matrix, roles)).toThrow(
      "at roles.0.entitlements.1: received 0, expected column numbers in " +
        "ascending order without repeats",
    );
  });

  it("rejects a negative weight", () => {
    expect(() => roleMetrics(matrix, [], { roles: -1 })).toThrow(OptionError);
    expect(() => roleMetrics(matrix, [], { roles: -1 })).toThrow(
      "at weights.roles: received -1, expected a finite number >= 0",
    );
  });
});
