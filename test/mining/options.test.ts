import { describe, expect, it } from "vitest";
import { OptionError } from "../../src/errors.js";
import { type MineRolesOptions, mineRoles } from "../../src/mining/index.js";
import { matrixFromGrid } from "./fixtures.js";

const matrix = matrixFromGrid([
  [true, true],
  [true, false],
]);

function optionError(options: unknown): OptionError {
  try {
    mineRoles(matrix, options as MineRolesOptions);
  } catch (error) {
    if (error instanceof OptionError) return error;
    throw error;
  }
  throw new Error("mineRoles accepted the options");
}

describe("mineRoles options", () => {
  it("defaults to exact role minimisation", () => {
    const result = mineRoles(matrix);
    expect(result.method).toBe("exact");
    expect(result.objective).toBe("roles");
    expect(result.metrics.coverage).toBe(1);
  });

  it("rejects an unknown method", () => {
    const error = optionError({ method: "fast" });
    expect(error.code).toBe("invalid_option");
    expect(error.issues).toHaveLength(1);
    expect(error.message).toContain(
      'at method: received "fast", expected one of "exact", "greedy"',
    );
  });

  it("rejects an unknown objective", () => {
    const error = optionError({ objective: "users" });
    expect(error.message).toContain(
      'at objective: received "users", expected one of "roles", "wsc"',
    );
  });

  it.each([0, -0.5, 1.5, Number.NaN, "0.9"])(
    "rejects coverage %s",
    (coverage) => {
      const error = optionError({ coverage });
      expect(error.issues[0]!.path).toBe("coverage");
      expect(error.message).toContain(
        "expected a share of grants greater than 0 and at most 1",
      );
    },
  );

  it.each([0, -1, Number.NaN, "fast"])("rejects timeLimitMs %s", (limit) => {
    const error = optionError({ timeLimitMs: limit });
    expect(error.issues[0]!.path).toBe("timeLimitMs");
    expect(error.message).toContain(
      "expected a number of milliseconds greater than 0, or Infinity",
    );
  });

  it("rejects negative and unknown weights", () => {
    const error = optionError({ weights: { roles: -1, edges: 2 } });
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toEqual(["weights.edges", "weights.roles"]);
    expect(error.message).toContain(
      "at weights.roles: received -1, expected a finite number >= 0",
    );
    expect(error.message).toContain("no such weight");
  });

  it.each([-1, 2.5, Number.NaN, "10"])(
    "rejects localSearchSteps %s",
    (steps) => {
      const error = optionError({ localSearchSteps: steps });
      expect(error.issues[0]!.path).toBe("localSearchSteps");
      expect(error.message).toContain(
        "expected a whole number of steps >= 0, such as 100",
      );
    },
  );

  it.each([0.5, Number.NaN, "7"])("rejects seed %s", (seed) => {
    const error = optionError({ seed });
    expect(error.issues[0]!.path).toBe("seed");
    expect(error.message).toContain("expected a whole number, such as 1");
  });

  it("rejects an unknown option by name", () => {
    const error = optionError({ methd: "exact" });
    expect(error.issues[0]!.path).toBe("methd");
    expect(error.message).toContain("no such option; known options are");
  });

  it("lists every invalid option at once", () => {
    const error = optionError({ method: "x", coverage: 2, timeLimitMs: 0 });
    expect(error.issues.map((issue) => issue.path)).toEqual([
      "method",
      "coverage",
      "timeLimitMs",
    ]);
    expect(error.message).toMatch(/^Invalid options \(3 issues\):/);
  });

  it("rejects options that are not an object", () => {
    const error = optionError("exact");
    expect(error.issues[0]!.path).toBe("");
    expect(error.message).toContain("expected an options object");
  });

  it("does not modify the options", () => {
    const options = Object.freeze({
      method: "greedy" as const,
      weights: Object.freeze({ roles: 2 }),
    });
    expect(() => mineRoles(matrix, options)).not.toThrow();
  });
});
