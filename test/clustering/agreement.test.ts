import { kmeans } from "ml-kmeans";
import { describe, expect, it } from "vitest";
import type { SparseRows } from "../../src/clustering/features.js";
import { kMeans } from "../../src/clustering/kmeans.js";
import { seedKMeansPlusPlus } from "../../src/clustering/seeding.js";
import { sparseRowsFromDense } from "../../src/clustering/sparse-rows.js";
import {
  denseOf,
  hpLabsRows,
  randomBinaryRows,
  randomCountRows,
} from "./fixtures.js";

interface Case {
  name: string;
  rows: () => SparseRows;
  k: number;
}

const CASES: Case[] = [
  { name: "hc", rows: () => hpLabsRows("hc"), k: 5 },
  { name: "domino", rows: () => hpLabsRows("domino"), k: 10 },
  { name: "emea", rows: () => hpLabsRows("emea"), k: 6 },
  { name: "fire1", rows: () => hpLabsRows("fire1"), k: 20 },
  { name: "fire2", rows: () => hpLabsRows("fire2"), k: 8 },
  { name: "apj", rows: () => hpLabsRows("apj"), k: 8 },
  ...[1, 2, 3].map((seed) => ({
    name: `random 0/1, seed ${seed}`,
    rows: () => randomBinaryRows(seed, 120, 40, 0.1),
    k: 6,
  })),
  ...[1, 2, 3].map((seed) => ({
    name: `random counts, seed ${seed}`,
    rows: () => randomCountRows(seed, 100, 30, 0.2, 5),
    k: 5,
  })),
];

function centresAsArrays(centres: Float64Array, k: number): number[][] {
  const d = centres.length / k;
  return Array.from({ length: k }, (_, c) =>
    Array.from(centres.subarray(c * d, (c + 1) * d)),
  );
}

describe("kMeans agrees with ml-kmeans 7 from the same centres", () => {
  for (const { name, rows: makeRows, k } of CASES) {
    it(`${name}, k ${k}`, () => {
      const rows = makeRows();
      const centres = seedKMeansPlusPlus(rows, { k, seed: 3 });
      const reference = kmeans(denseOf(rows), k, {
        initialization: centresAsArrays(centres, k),
        maxIterations: 300,
        tolerance: 0,
      });

      for (const algorithm of ["hamerly", "lloyd", "ml-kmeans"] as const) {
        const result = kMeans(rows, {
          k,
          initialCentroids: centres,
          maxIterations: 300,
          tolerance: 0,
          algorithm,
          emptyClusters: "keep",
        });
        expect(reference.converged).toBe(true);
        expect(result.converged).toBe(true);
        expect(Array.from(result.assignments)).toEqual(reference.clusters);
        expect(result.iterations).toBe(reference.iterations);
        const expected = reference.centroids.flat();
        let largestDifference = 0;
        result.centroids.forEach((value, index) => {
          largestDifference = Math.max(
            largestDifference,
            Math.abs(value - expected[index]!),
          );
        });
        expect(largestDifference).toBeLessThan(1e-12);
      }
    });
  }
});

describe("kMeans agrees with scikit-learn 1.2.1", () => {
  // KMeans(n_clusters=3, init=rows 0, 3 and 6, n_init=1, tol=0,
  // max_iter=100) on this matrix as a scipy CSR matrix, with both
  // algorithm="lloyd" and algorithm="elkan".
  const counts = [
    [3, 0, 1, 0, 0],
    [2, 1, 0, 0, 0],
    [4, 0, 2, 0, 1],
    [0, 5, 0, 1, 0],
    [0, 4, 1, 0, 0],
    [1, 6, 0, 2, 0],
    [0, 0, 0, 3, 3],
    [0, 1, 0, 4, 2],
    [0, 0, 1, 2, 5],
    [2, 2, 2, 2, 2],
  ];
  const labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 0];
  const inertia = 27.333333333333318;
  const centres = [
    [2.75, 0.75, 1.25, 0.5, 0.75],
    [1 / 3, 5, 1 / 3, 1, 0],
    [0, 1 / 3, 1 / 3, 3, 10 / 3],
  ];

  for (const algorithm of ["hamerly", "lloyd"] as const) {
    it(`${algorithm}: labels, inertia, iterations, centres`, () => {
      const result = kMeans(sparseRowsFromDense(counts), {
        k: 3,
        initialCentroids: [counts[0]!, counts[3]!, counts[6]!].flat(),
        maxIterations: 100,
        tolerance: 0,
        algorithm,
      });
      expect(Array.from(result.assignments)).toEqual(labels);
      expect(result.inertia).toBeCloseTo(inertia, 10);
      expect(result.iterations).toBe(2);
      centres.flat().forEach((value, index) => {
        expect(result.centroids[index]).toBeCloseTo(value, 12);
      });
    });
  }
});
