import { type InputIssue, OptionError, describeValue } from "../errors.js";

/**
 * Search method of `mineRoles`:
 * - `exact`: merges duplicate identities and entitlements, applies the
 *   graph reduction of Ene et al. (SACMAT 2008), then solves the rest by
 *   branch and bound. Proves its cover minimal unless the time limit
 *   stops it first.
 * - `greedy`: takes the single-identity or single-entitlement concept
 *   that covers the most uncovered grants until done. Fast, with no
 *   proof of minimality.
 */
export type MiningMethod = "exact" | "greedy";

/**
 * Quantity that `mineRoles` minimises among complete covers:
 * - `roles`: the number of roles.
 * - `wsc`: the weighted structural complexity (see `WscWeights`).
 */
export type MiningObjective = "roles" | "wsc";

/**
 * Weights of the weighted structural complexity of Molloy et al.
 * ("Mining roles with semantic meanings", SACMAT 2008):
 * WSC = roles·|R| + userAssignments·|UA| + permissionAssignments·|PA|
 *     + hierarchy·|RH| + directAssignments·|DUPA|.
 * Each weight is a finite number >= 0 and defaults to 1.
 */
export interface WscWeights {
  /** Weight of a role (w_r). */
  roles: number;
  /** Weight of an identity-to-role link (w_u). */
  userAssignments: number;
  /** Weight of a role-to-entitlement link (w_p). */
  permissionAssignments: number;
  /** Weight of a role-hierarchy edge (w_h); mined roles are flat. */
  hierarchy: number;
  /** Weight of a grant left as a direct assignment (w_d). */
  directAssignments: number;
}

/** Options of `mineRoles`; every field is optional. */
export interface MineRolesOptions {
  /** Search method. Default `exact`. */
  method?: MiningMethod;
  /** Quantity to minimise. Default `roles`. */
  objective?: MiningObjective;
  /**
   * Share of the grants that the roles must cover, in (0, 1]. Below 1,
   * roles are kept in order of the grants they add until the share is
   * reached, and the rest is returned in `uncovered`. Default 1.
   */
  coverage?: number;
  /**
   * Wall-clock budget of the exact method in milliseconds, > 0. When it
   * runs out, the reduction stops where it is and the search keeps the
   * best cover found so far, which is complete but may not be minimal
   * (`optimal: false` unless it meets the bound). Merging, greedy covers
   * and the final trimming always run to the end, so a call can take
   * longer than the budget. Default Infinity.
   */
  timeLimitMs?: number;
  /** WSC weights, for `metrics` and the `wsc` objective. */
  weights?: Partial<WscWeights>;
  /**
   * Steps of the local search that lowers the WSC of the chosen cover
   * by changing the order in which its roles shrink (see `mineRoles`).
   * Each step costs one shrink of the cover. A whole number >= 0, and 0
   * turns the search off. Default 100.
   */
  localSearchSteps?: number;
  /** Seed of the local search's random moves, a whole number. Default 1. */
  seed?: number;
}

/** `MineRolesOptions` with defaults applied. */
export interface ResolvedMineRolesOptions {
  method: MiningMethod;
  objective: MiningObjective;
  coverage: number;
  timeLimitMs: number;
  weights: WscWeights;
  localSearchSteps: number;
  seed: number;
}

/** Default WSC weights: every relationship counts 1. */
export const DEFAULT_WSC_WEIGHTS: Readonly<WscWeights> = Object.freeze({
  roles: 1,
  userAssignments: 1,
  permissionAssignments: 1,
  hierarchy: 1,
  directAssignments: 1,
});

const METHODS: readonly MiningMethod[] = ["exact", "greedy"];
const OBJECTIVES: readonly MiningObjective[] = ["roles", "wsc"];
const OPTION_NAMES = [
  "method",
  "objective",
  "coverage",
  "timeLimitMs",
  "weights",
  "localSearchSteps",
  "seed",
];

/**
 * Applies the defaults of `MineRolesOptions` and checks every field.
 *
 * @throws {OptionError} listing each invalid or unknown field with the
 *   value received and the values accepted.
 */
export function resolveMineRolesOptions(
  options: MineRolesOptions = {},
): ResolvedMineRolesOptions {
  const issues: InputIssue[] = [];
  if (typeof options !== "object" || options === null) {
    throw new OptionError([
      {
        path: "",
        received: describeValue(options),
        expected: "an options object such as { method: \"exact\" }",
      },
    ]);
  }
  for (const name of Object.keys(options)) {
    if (OPTION_NAMES.includes(name)) continue;
    issues.push({
      path: name,
      received: describeValue((options as Record<string, unknown>)[name]),
      expected: `no such option; known options are ${OPTION_NAMES.join(", ")}`,
    });
  }

  const method = options.method ?? "exact";
  if (!METHODS.includes(method)) {
    issues.push(choiceIssue("method", method, METHODS));
  }
  const objective = options.objective ?? "roles";
  if (!OBJECTIVES.includes(objective)) {
    issues.push(choiceIssue("objective", objective, OBJECTIVES));
  }
  const coverage = options.coverage ?? 1;
  if (typeof coverage !== "number" || !(coverage > 0 && coverage <= 1)) {
    issues.push({
      path: "coverage",
      received: describeValue(coverage),
      expected: "a share of grants greater than 0 and at most 1, such as 0.95",
    });
  }
  const timeLimitMs = options.timeLimitMs ?? Infinity;
  if (typeof timeLimitMs !== "number" || !(timeLimitMs > 0)) {
    issues.push({
      path: "timeLimitMs",
      received: describeValue(timeLimitMs),
      expected: "a number of milliseconds greater than 0, or Infinity",
    });
  }
  const weights = resolveWeights(options.weights, issues, "weights");
  const localSearchSteps = options.localSearchSteps ?? 100;
  if (!Number.isInteger(localSearchSteps) || localSearchSteps < 0) {
    issues.push({
      path: "localSearchSteps",
      received: describeValue(localSearchSteps),
      expected: "a whole number of steps >= 0, such as 100 (0 turns it off)",
    });
  }
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) {
    issues.push({
      path: "seed",
      received: describeValue(seed),
      expected: "a whole number, such as 1",
    });
  }

  if (issues.length > 0) throw new OptionError(issues);
  return {
    method,
    objective,
    coverage,
    timeLimitMs,
    weights,
    localSearchSteps,
    seed,
  };
}

/**
 * Fills the default of each missing WSC weight and checks the others,
 * appending an issue under `path` for each invalid or unknown field.
 */
export function resolveWeights(
  weights: Partial<WscWeights> | undefined,
  issues: InputIssue[],
  path: string,
): WscWeights {
  if (weights === undefined) return { ...DEFAULT_WSC_WEIGHTS };
  if (typeof weights !== "object" || weights === null) {
    issues.push({
      path,
      received: describeValue(weights),
      expected: "an object of WSC weights such as { roles: 1 }",
    });
    return { ...DEFAULT_WSC_WEIGHTS };
  }
  const names = Object.keys(DEFAULT_WSC_WEIGHTS);
  for (const name of Object.keys(weights)) {
    if (names.includes(name)) continue;
    issues.push({
      path: `${path}.${name}`,
      received: describeValue((weights as Record<string, unknown>)[name]),
      expected: `no such weight; known weights are ${names.join(", ")}`,
    });
  }
  const resolved = { ...DEFAULT_WSC_WEIGHTS, ...weights };
  for (const name of names as (keyof WscWeights)[]) {
    const value = resolved[name];
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) {
      continue;
    }
    issues.push({
      path: `${path}.${name}`,
      received: describeValue(value),
      expected: "a finite number >= 0",
    });
  }
  return resolved;
}

function choiceIssue(
  path: string,
  value: unknown,
  choices: readonly string[],
): InputIssue {
  return {
    path,
    received: describeValue(value),
    expected: `one of ${choices.map((choice) => `"${choice}"`).join(", ")}`,
  };
}
