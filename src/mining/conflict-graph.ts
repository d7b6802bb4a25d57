import { hasBit, setBit, wordCount } from "./bitset.js";

/**
 * An undirected graph on vertices 0..size-1 stored as one adjacency bit
 * set per vertex (size² / 8 bytes). In the miner an edge joins two cells
 * that no role can contain together, so a colouring of this graph is a
 * role cover and a clique is a set of pairwise incompatible cells.
 */
export class ConflictGraph {
  readonly size: number;
  readonly words: number;
  readonly adjacency: Uint32Array;
  readonly degrees: Int32Array;

  constructor(size: number) {
    this.size = size;
    this.words = wordCount(size);
    this.adjacency = new Uint32Array(size * this.words);
    this.degrees = new Int32Array(size);
  }

  addEdge(a: number, b: number): void {
    if (a === b || this.hasEdge(a, b)) return;
    setBit(this.adjacency, a * this.words, b);
    setBit(this.adjacency, b * this.words, a);
    this.degrees[a]!++;
    this.degrees[b]!++;
  }

  hasEdge(a: number, b: number): boolean {
    return hasBit(this.adjacency, a * this.words, b);
  }
}
