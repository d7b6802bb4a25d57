import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minimumColouring } from "../../src/mining/colouring.js";
import { ConflictGraph } from "../../src/mining/conflict-graph.js";
import { Deadline } from "../../src/mining/deadline.js";
import { maximumClique } from "../../src/mining/max-clique.js";

const graphs = fc
  .integer({ min: 1, max: 9 })
  .chain((size) =>
    fc.record({
      size: fc.constant(size),
      edges: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: size - 1 }),
          fc.integer({ min: 0, max: size - 1 }),
        ),
        { maxLength: 30 },
      ),
    }),
  )
  .map(({ size, edges }) => {
    const graph = new ConflictGraph(size);
    for (const [a, b] of edges) graph.addEdge(a, b);
    return graph;
  });

function isClique(graph: ConflictGraph, vertices: readonly number[]) {
  return vertices.every((a) =>
    vertices.every((b) => a === b || graph.hasEdge(a, b)),
  );
}

/** Largest clique by trying every vertex subset. */
function bruteForceClique(graph: ConflictGraph): number {
  let best = 0;
  for (let mask = 0; mask < 1 << graph.size; mask++) {
    const vertices = [...Array(graph.size).keys()].filter(
      (v) => mask & (1 << v),
    );
    if (vertices.length > best && isClique(graph, vertices)) {
      best = vertices.length;
    }
  }
  return best;
}

/** Fewest colours by trying every assignment with k colours. */
function bruteForceColours(graph: ConflictGraph): number {
  const colours = new Int32Array(graph.size);
  const fits = (k: number, vertex: number): boolean => {
    if (vertex === graph.size) return true;
    for (let colour = 0; colour < k; colour++) {
      let free = true;
      for (let other = 0; other < vertex; other++) {
        if (graph.hasEdge(vertex, other) && colours[other] === colour) {
          free = false;
        }
      }
      if (!free) continue;
      colours[vertex] = colour;
      if (fits(k, vertex + 1)) return true;
    }
    return false;
  };
  for (let k = 1; ; k++) if (fits(k, 0)) return k;
}

describe("maximumClique", () => {
  it("matches brute force", () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const search = maximumClique(graph, new Deadline(Infinity));
        expect(search.proven).toBe(true);
        expect(isClique(graph, search.vertices)).toBe(true);
        expect(search.vertices.length).toBe(bruteForceClique(graph));
      }),
      { numRuns: 300 },
    );
  });

  it("returns a clique when out of time", () => {
    const graph = new ConflictGraph(40);
    for (let a = 0; a < 40; a++) {
      for (let b = a + 1; b < 40; b++) if ((a * 7 + b * 13) % 3 !== 0) graph.addEdge(a, b);
    }
    const search = maximumClique(graph, new Deadline(0, 1), [0]);
    expect(search.proven).toBe(false);
    expect(isClique(graph, search.vertices)).toBe(true);
  });
});

describe("minimumColouring", () => {
  it("matches brute force", () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const clique = maximumClique(graph, new Deadline(Infinity)).vertices;
        const search = minimumColouring(graph, clique, new Deadline(Infinity));
        expect(search.proven).toBe(true);
        expect(search.count).toBe(bruteForceColours(graph));
      }),
      { numRuns: 300 },
    );
  });

  it("never gives neighbours one colour", () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const search = minimumColouring(graph, [], new Deadline(Infinity));
        for (let a = 0; a < graph.size; a++) {
          for (let b = 0; b < graph.size; b++) {
            if (!graph.hasEdge(a, b)) continue;
            expect(search.colours[a]).not.toBe(search.colours[b]);
          }
        }
        expect(Math.max(...search.colours) + 1).toBe(search.count);
      }),
      { numRuns: 300 },
    );
  });
});
