import { bitsOf, type Biclique } from "./concept.js";
import { CoverState } from "./cover-state.js";
import type { MergedMatrix } from "./merged-matrix.js";
import { MaxHeap } from "./priority-queue.js";

/**
 * Takes roles from `roles` greedily until at least `targetWeight`
 * original grants are covered or no role adds any: each step takes the
 * role adding the most uncovered grants, ties to the earlier role. Gains
 * only shrink, so a stale gain is an upper bound and is re-evaluated only
 * when it reaches the top of the heap. Returns the roles in the order
 * they were taken. `state` may start with grants marked covered, and is
 * updated. Runs in
 * O(roles · log(roles) · Σ |rows| · rowWords) in the worst case.
 */
export function selectGreedily(
  merged: MergedMatrix,
  roles: readonly Biclique[],
  targetWeight: number,
  state: CoverState = new CoverState(merged),
): Biclique[] {
  const columnBits = roles.map((role) =>
    bitsOf(merged.columnCount, role.columns),
  );
  const heap = new MaxHeap();
  roles.forEach((role, index) => {
    heap.push(index, state.gain(role.rows, columnBits[index]!));
  });

  const kept: Biclique[] = [];
  while (state.coveredWeight < targetWeight && heap.size > 0) {
    const index = heap.pop()!;
    const gain = state.gain(roles[index]!.rows, columnBits[index]!);
    if (gain === 0) continue;
    const nextKey = heap.peekKey();
    if (
      nextKey !== undefined &&
      (gain < nextKey || (gain === nextKey && heap.peekItem()! < index))
    ) {
      heap.push(index, gain);
      continue;
    }
    state.add(roles[index]!);
    kept.push(roles[index]!);
  }
  return kept;
}
