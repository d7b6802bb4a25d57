import type { ConflictGraph } from "./conflict-graph.js";
import type { Deadline } from "./deadline.js";

/** A clique and whether the search proved it maximum. */
export interface CliqueSearch {
  readonly vertices: number[];
  readonly proven: boolean;
}

/**
 * Finds a maximum clique by branch and bound with greedy colouring
 * bounds, in the manner of Tomita and Seki's MCQ algorithm. Candidates
 * are coloured greedily, and a branch stops when the clique so far plus
 * the number of colours left cannot beat the best clique. Starts from `initial` when it
 * is a clique. When `deadline` expires the best clique so far is returned
 * with `proven: false`; any clique is a valid lower bound on the colouring
 * number. Exponential in the worst case.
 */
export function maximumClique(
  graph: ConflictGraph,
  deadline: Deadline,
  initial: readonly number[] = [],
): CliqueSearch {
  let best = initial.slice();
  let stopped = false;
  const current: number[] = [];

  const expand = (candidates: number[]) => {
    const { order, bounds } = colourSort(graph, candidates);
    for (let i = order.length - 1; i >= 0; i--) {
      if (current.length + bounds[i]! <= best.length) return;
      if (deadline.expired()) {
        stopped = true;
        return;
      }
      const vertex = order[i]!;
      current.push(vertex);
      const next: number[] = [];
      for (let j = 0; j < i; j++) {
        if (graph.hasEdge(vertex, order[j]!)) next.push(order[j]!);
      }
      if (next.length === 0) {
        if (current.length > best.length) best = current.slice();
      } else expand(next);
      current.pop();
      if (stopped) return;
    }
  };

  // Larger degrees first makes good cliques appear early.
  const all = Array.from({ length: graph.size }, (_, v) => v);
  all.sort((a, b) => graph.degrees[b]! - graph.degrees[a]! || a - b);
  if (all.length > 0) expand(all);
  return { vertices: best, proven: !stopped };
}

/**
 * Colours `candidates` greedily in the given order and returns them
 * sorted by colour with, for each position, the number of colours used up
 * to it: a bound on the largest clique among the first i + 1 vertices.
 */
function colourSort(graph: ConflictGraph, candidates: readonly number[]) {
  const classes: number[][] = [];
  for (const vertex of candidates) {
    let placed = false;
    for (const members of classes) {
      if (members.every((member) => !graph.hasEdge(vertex, member))) {
        members.push(vertex);
        placed = true;
        break;
      }
    }
    if (!placed) classes.push([vertex]);
  }
  const order: number[] = [];
  const bounds: number[] = [];
  classes.forEach((members, colour) => {
    for (const vertex of members) {
      order.push(vertex);
      bounds.push(colour + 1);
    }
  });
  return { order, bounds };
}
