import type { Biclique } from "./concept.js";
import type { MergedMatrix } from "./merged-matrix.js";
import type { WscWeights } from "./options.js";
import { type RandomSource, randomInt } from "../random.js";
import {
  type ShrinkResult,
  type WidenedCover,
  shrinkRoles,
} from "./role-shrinking.js";
import { mergedWsc } from "./wsc.js";

/** How to compare two covers: the smaller key wins. */
export type CoverKey = (roles: readonly Biclique[]) => [number, number];

/**
 * Searches for a better order in which `shrinkRoles` visits the roles of
 * `cover`, starting from `start`. Each of `steps` steps moves one role,
 * drawn from `random`, to another place in the order, and keeps the move
 * when the shrunk cover is no worse by `key`, so plateaus are crossed.
 * Returns the best shrunk cover met, starting with that of `start`.
 * Runs in O(steps · cost of one shrink).
 */
export function searchShrinkOrder(
  cover: WidenedCover,
  start: readonly number[],
  steps: number,
  random: RandomSource,
  key: CoverKey,
): ShrinkResult {
  let best = shrinkRoles(cover, start);
  let bestKey = key(best.roles);
  let order = start.slice();
  if (order.length < 2) return best;
  for (let step = 0; step < steps; step++) {
    const from = randomInt(random, order.length);
    const to = randomInt(random, order.length - 1);
    const next = order.slice();
    const [moved] = next.splice(from, 1);
    next.splice(to >= from ? to + 1 : to, 0, moved!);

    const candidate = shrinkRoles(cover, next);
    const candidateKey = key(candidate.roles);
    const noWorse =
      candidateKey[0] < bestKey[0] ||
      (candidateKey[0] === bestKey[0] && candidateKey[1] <= bestKey[1]);
    if (!noWorse) continue;
    best = candidate;
    bestKey = candidateKey;
    order = next;
  }
  return best;
}

/** Compares covers by role count, then by WSC with these weights. */
export function rolesThenWsc(merged: MergedMatrix, weights: WscWeights) {
  return (roles: readonly Biclique[]): [number, number] => [
    roles.length,
    mergedWsc(merged, roles, weights),
  ];
}

/** Compares covers by WSC with these weights, then by role count. */
export function wscThenRoles(merged: MergedMatrix, weights: WscWeights) {
  return (roles: readonly Biclique[]): [number, number] => [
    mergedWsc(merged, roles, weights),
    roles.length,
  ];
}
