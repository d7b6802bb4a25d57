import type { ConflictGraph } from "./conflict-graph.js";
import type { Deadline } from "./deadline.js";

/** A colouring and whether the search proved it uses the fewest colours. */
export interface ColouringSearch {
  /** Colour of each vertex, from 0. */
  readonly colours: Int32Array;
  readonly count: number;
  readonly proven: boolean;
}

/**
 * Largest graph that the miner colours. The exact search recurses once
 * per vertex and keeps a count per vertex and colour, so this caps both
 * its stack depth and its memory (about 16 MB at this size).
 */
export const MAX_COLOURING_SIZE = 2000;

/**
 * Colours `graph` with the fewest colours by DSATUR branch and bound. The
 * vertices of `clique` get colours 0..k-1 first, and the search always
 * branches on the uncoloured vertex with the most distinct colours among
 * its neighbours. A branch stops when it cannot beat the best colouring,
 * and the search stops when that colouring uses as many colours as
 * `clique` has vertices, since no colouring can use fewer. A valid
 * `incumbent` colouring, when given, is the one to beat if it uses fewer
 * colours than DSATUR's greedy colouring.
 *
 * When `deadline` expires the best colouring so far is returned with
 * `proven` true only if it meets the clique. Callers keep graphs to
 * `MAX_COLOURING_SIZE` vertices.
 */
export function minimumColouring(
  graph: ConflictGraph,
  clique: readonly number[],
  deadline: Deadline,
  incumbent?: Int32Array,
): ColouringSearch {
  let maxDegree = 0;
  for (const degree of graph.degrees) maxDegree = Math.max(maxDegree, degree);
  // A greedy colouring never needs more than maxDegree + 1 colours.
  const first = new Dsatur(graph, Math.min(graph.size, maxDegree + 1));
  first.precolour(clique);
  first.completeGreedily();
  let best = first.colours.slice();
  let bestCount = first.used;
  if (incumbent !== undefined) {
    const count = Math.max(0, ...incumbent) + 1;
    if (count < bestCount) {
      best = incumbent.slice();
      bestCount = count;
    }
  }
  if (bestCount <= clique.length) {
    return { colours: best, count: bestCount, proven: true };
  }

  const search = new Dsatur(graph, bestCount);
  search.precolour(clique);
  let stopped = false;
  const branch = () => {
    if (search.coloured === graph.size) {
      best = search.colours.slice();
      bestCount = search.used;
      return;
    }
    if (deadline.expired()) {
      stopped = true;
      return;
    }
    const vertex = search.mostSaturated();
    const used = search.used;
    for (let colour = 0; colour <= used; colour++) {
      // Opening colour `used` only helps while it stays below the best.
      if (colour === used && used + 1 >= bestCount) break;
      if (!search.canTake(vertex, colour)) continue;
      search.assign(vertex, colour);
      branch();
      search.unassign(vertex, colour);
      if (stopped || bestCount <= clique.length) return;
    }
  };
  branch();
  return {
    colours: best,
    count: bestCount,
    proven: !stopped || bestCount <= clique.length,
  };
}

/** Colouring state with DSATUR saturation counts, undoable per vertex. */
class Dsatur {
  readonly colours: Int32Array;
  coloured = 0;
  /** Colours in use: the largest assigned colour plus one. */
  used = 0;
  private readonly graph: ConflictGraph;
  private readonly maxColours: number;
  /** Per vertex and colour, neighbours holding that colour. */
  private readonly neighbourColours: Int32Array;
  private readonly saturation: Int32Array;
  private readonly usedHistory: number[] = [];

  constructor(graph: ConflictGraph, maxColours: number) {
    this.graph = graph;
    this.maxColours = maxColours;
    this.colours = new Int32Array(graph.size).fill(-1);
    this.neighbourColours = new Int32Array(graph.size * maxColours);
    this.saturation = new Int32Array(graph.size);
  }

  precolour(clique: readonly number[]): void {
    clique.forEach((vertex, colour) => this.assign(vertex, colour));
  }

  /** Colours every uncoloured vertex with its smallest free colour. */
  completeGreedily(): void {
    while (this.coloured < this.graph.size) {
      const vertex = this.mostSaturated();
      let colour = 0;
      while (!this.canTake(vertex, colour)) colour++;
      this.assign(vertex, colour);
    }
  }

  canTake(vertex: number, colour: number): boolean {
    return this.neighbourColours[vertex * this.maxColours + colour] === 0;
  }

  /**
   * Returns the uncoloured vertex with the highest saturation, then the
   * highest degree, then the lowest number.
   */
  mostSaturated(): number {
    let best = -1;
    for (let v = 0; v < this.graph.size; v++) {
      if (this.colours[v] !== -1) continue;
      if (
        best === -1 ||
        this.saturation[v]! > this.saturation[best]! ||
        (this.saturation[v] === this.saturation[best] &&
          this.graph.degrees[v]! > this.graph.degrees[best]!)
      ) {
        best = v;
      }
    }
    return best;
  }

  assign(vertex: number, colour: number): void {
    this.colours[vertex] = colour;
    this.coloured++;
    this.usedHistory.push(this.used);
    this.used = Math.max(this.used, colour + 1);
    this.forEachNeighbour(vertex, (neighbour) => {
      const index = neighbour * this.maxColours + colour;
      if (this.neighbourColours[index] === 0) this.saturation[neighbour]!++;
      this.neighbourColours[index]!++;
    });
  }

  /** Undoes the latest `assign`, which must be of `vertex` and `colour`. */
  unassign(vertex: number, colour: number): void {
    this.colours[vertex] = -1;
    this.coloured--;
    this.used = this.usedHistory.pop()!;
    this.forEachNeighbour(vertex, (neighbour) => {
      const index = neighbour * this.maxColours + colour;
      if (--this.neighbourColours[index]! === 0) this.saturation[neighbour]!--;
    });
  }

  private forEachNeighbour(vertex: number, visit: (n: number) => void) {
    const { adjacency, words } = this.graph;
    const offset = vertex * words;
    for (let w = 0; w < words; w++) {
      let word = adjacency[offset + w]!;
      while (word !== 0) {
        const low = word & -word;
        visit((w << 5) + 31 - Math.clz32(low));
        word ^= low;
      }
    }
  }
}
