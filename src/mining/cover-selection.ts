import type { RandomSource } from "../random.js";
import { trimAssignments } from "./assignments.js";
import type { Biclique } from "./concept.js";
import { selectGreedily } from "./greedy-selection.js";
import type { MergedMatrix } from "./merged-matrix.js";
import type { MiningObjective, WscWeights } from "./options.js";
import {
  type CoverKey,
  rolesThenWsc,
  searchShrinkOrder,
  wscThenRoles,
} from "./order-search.js";
import {
  SHRINK_ORDERS,
  WidenedCover,
  shrinkRoles,
} from "./role-shrinking.js";
import { dropCostlyRoles } from "./wsc.js";

/** Settings of `selectCover`, resolved from `MineRolesOptions`. */
export interface SelectionSettings {
  /** Original grants the roles must cover at least. */
  readonly targetWeight: number;
  readonly objective: MiningObjective;
  readonly weights: WscWeights;
  readonly localSearchSteps: number;
  readonly random: RandomSource;
}

interface Candidate {
  /** The finished roles. */
  readonly roles: Biclique[];
  readonly key: [number, number];
  /** The widened cover they were shrunk from, and the order of visits. */
  readonly base: WidenedCover;
  readonly order: readonly number[];
}

/**
 * Chooses the final roles among candidate covers. Each cover is first cut
 * to the target coverage, then tried as it is and shrunk to essential
 * cells in every named order. Each variant gets its links trimmed and,
 * under the `wsc` objective, its costly roles turned into direct
 * assignments. The best variant by the objective (fewest roles then
 * lowest WSC, or the reverse) wins, the first of equals. A local search
 * over its shrink order then runs `localSearchSteps` steps, and its
 * result replaces the winner only if strictly better.
 */
export function selectCover(
  merged: MergedMatrix,
  covers: readonly (readonly Biclique[])[],
  settings: SelectionSettings,
): Biclique[] {
  const key: CoverKey =
    settings.objective === "wsc"
      ? wscThenRoles(merged, settings.weights)
      : rolesThenWsc(merged, settings.weights);
  const finish = (roles: readonly Biclique[]): Biclique[] => {
    const trimmed = trimAssignments(merged, roles);
    return settings.objective === "wsc"
      ? dropCostlyRoles(merged, trimmed, settings.weights)
      : trimmed;
  };

  let best: Candidate | undefined;
  const consider = (
    roles: readonly Biclique[],
    base: WidenedCover,
    order: readonly number[],
  ) => {
    const finished = finish(roles);
    const candidateKey = key(finished);
    if (best === undefined || isLess(candidateKey, best.key)) {
      best = { roles: finished, key: candidateKey, base, order };
    }
  };
  for (const cover of covers) {
    const base =
      settings.targetWeight < merged.grantCount
        ? selectGreedily(merged, cover, settings.targetWeight)
        : cover;
    const widened = new WidenedCover(merged, base);
    consider(base, widened, base.map((_, index) => index));
    for (const order of SHRINK_ORDERS) {
      const shrunk = shrinkRoles(widened, order);
      consider(shrunk.roles, widened, shrunk.order);
    }
  }
  if (best === undefined) return [];

  // The search judges shrunk covers before trimming, which is cheaper.
  // Trimming can change the ranking, so its result is trimmed and then
  // competes with the winner like any other variant.
  const winner: Candidate = best;
  if (settings.localSearchSteps > 0) {
    const searched = searchShrinkOrder(
      winner.base,
      winner.order,
      settings.localSearchSteps,
      settings.random,
      key,
    );
    consider(searched.roles, winner.base, searched.order);
  }
  return best.roles;
}

function isLess(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}
