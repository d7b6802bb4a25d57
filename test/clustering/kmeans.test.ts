import { describe, expect, it } from "vitest";
import type { SparseRows } from "../../src/clustering/features.js";
import { type KMeansProgress, kMeans } from "../../src/clustering/kmeans.js";
import { sparseRowsFromDense } from "../../src/clustering/sparse-rows.js";
import {
  denseOf,
  hpLabsRows,
  randomCountRows,
  snapshot,
  squaredDistance,
} from "./fixtures.js";

const fire1 = hpLabsRows("fire1");
const counts = randomCountRows(5, 150, 25, 0.15, 4);

describe("kMeans invariants", () => {
  const cases: [string, SparseRows, number][] = [
    ["hc", hpLabsRows("hc"), 5],
    ["fire1", fire1, 20],
    ["apj", hpLabsRows("apj"), 100],
    ["random counts", counts, 12],
  ];

  for (const [name, rows, k] of cases) {
    for (const metric of ["euclidean", "cosine"] as const) {
      it(`${name} ${metric}: sizes count the assignments`, () => {
        const result = kMeans(rows, { k, seed: 2, metric });
        const tally = new Array<number>(k).fill(0);
        for (const c of result.assignments) tally[c]! += 1;
        expect(result.assignments.length).toBe(rows.rowCount);
        expect(result.sizes).toEqual(tally);
        expect(tally.reduce((a, b) => a + b, 0)).toBe(rows.rowCount);
      });
    }

    it(`${name}: converged assignments are nearest`, () => {
      const result = kMeans(rows, { k, seed: 2, tolerance: 0 });
      expect(result.converged).toBe(true);
      const dense = denseOf(rows);
      dense.forEach((row, i) => {
        const own = squaredDistance(row, result.centroids, result.assignments[i]!);
        let nearest = Infinity;
        for (let c = 0; c < k; c++) {
          nearest = Math.min(nearest, squaredDistance(row, result.centroids, c));
        }
        expect(own).toBeLessThanOrEqual(nearest + 1e-9);
      });
    });
  }

  for (const metric of ["euclidean", "cosine"] as const) {
    it(`${metric}: inertia never rises with more iterations`, () => {
      let previous = Infinity;
      for (let cap = 1; cap <= 12; cap++) {
        const result = kMeans(fire1, {
          k: 20,
          seed: 4,
          metric,
          maxIterations: cap,
          tolerance: 0,
        });
        expect(result.inertia).toBeLessThanOrEqual(previous + 1e-9);
        previous = result.inertia;
      }
    });
  }

  it("inertia: matches the distances to the centroids", () => {
    const result = kMeans(counts, { k: 7, seed: 9 });
    const expected = denseOf(counts).reduce(
      (sum, row, i) =>
        sum + squaredDistance(row, result.centroids, result.assignments[i]!),
      0,
    );
    expect(result.inertia).toBeCloseTo(expected, 9);
  });

  it("cosine: centroids of occupied clusters are unit", () => {
    const result = kMeans(fire1, { k: 15, seed: 1, metric: "cosine" });
    const d = fire1.columnCount;
    result.sizes.forEach((size, c) => {
      if (size === 0) return;
      let norm = 0;
      for (let j = c * d; j < (c + 1) * d; j++) norm += result.centroids[j]! ** 2;
      expect(norm).toBeCloseTo(1, 12);
    });
  });

  it("cosine: rows with no grant join cluster 0", () => {
    const rows = sparseRowsFromDense([
      [1, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 1, 1],
      [1, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 1, 1],
    ]);
    const result = kMeans(rows, { k: 2, seed: 1, metric: "cosine" });
    expect(result.assignments[1]).toBe(0);
    expect(result.assignments[4]).toBe(0);
    expect(result.assignments[0]).toBe(result.assignments[3]);
    expect(result.assignments[2]).toBe(result.assignments[5]);
    expect(result.assignments[0]).not.toBe(result.assignments[2]);
  });

  it("equal rows: always share a cluster", () => {
    const rows = hpLabsRows("americas_small");
    const result = kMeans(rows, { k: 50, seed: 1 });
    const clusterOfRow = new Map<string, number>();
    for (let i = 0; i < rows.rowCount; i++) {
      const key = rows.indices
        .subarray(rows.offsets[i]!, rows.offsets[i + 1]!)
        .join(",");
      const cluster = clusterOfRow.get(key) ?? result.assignments[i]!;
      clusterOfRow.set(key, cluster);
      expect(result.assignments[i]).toBe(cluster);
    }
  });
});

describe("kMeans algorithms", () => {
  for (const [name, k] of [
    ["apj", 100],
    ["americas_small", 178],
    ["customer", 276],
  ] as const) {
    it(`${name}: hamerly matches lloyd with fewer searches`, () => {
      const rows = hpLabsRows(name);
      const options = { k, seed: 5, maxIterations: 300, tolerance: 0 };
      const hamerly = kMeans(rows, { ...options, algorithm: "hamerly" });
      const lloyd = kMeans(rows, { ...options, algorithm: "lloyd" });
      expect(hamerly.algorithm).toBe("hamerly");
      expect(lloyd.algorithm).toBe("lloyd");
      expect(Array.from(hamerly.assignments)).toEqual(Array.from(lloyd.assignments));
      expect(hamerly.iterations).toBe(lloyd.iterations);
      expect(hamerly.inertia).toBeCloseTo(lloyd.inertia, 9);
      expect(hamerly.nearestSearches).toBeLessThan(lloyd.nearestSearches);
    });
  }

  it("auto: runs hamerly", () => {
    expect(kMeans(fire1, { k: 5 }).algorithm).toBe("hamerly");
  });
});

describe("kMeans empty clusters", () => {
  // Rows sit near the origin; the third centroid is far from every row,
  // so it gets no row in the first assignment.
  const rows = sparseRowsFromDense([
    [1, 0],
    [1, 0.2],
    [0, 1],
    [0.2, 1],
    [1, 1],
  ]);
  const initialCentroids = [1, 0, 0, 1, 50, 50];

  it("relocate: moves the farthest row into it", () => {
    const result = kMeans(rows, { k: 3, initialCentroids, tolerance: 0 });
    expect(result.sizes.every((size) => size > 0)).toBe(true);
    expect(result.assignments[4]).toBe(2);
  });

  it("keep: leaves it empty and in place", () => {
    const result = kMeans(rows, {
      k: 3,
      initialCentroids,
      tolerance: 0,
      emptyClusters: "keep",
    });
    expect(result.sizes[2]).toBe(0);
    expect(Array.from(result.centroids.subarray(4))).toEqual([50, 50]);
  });
});

describe("kMeans determinism and inputs", () => {
  it("same seed: same result", () => {
    const first = kMeans(fire1, { k: 12, seed: 7 });
    const second = kMeans(fire1, { k: 12, seed: 7 });
    expect(Array.from(second.assignments)).toEqual(Array.from(first.assignments));
    expect(Array.from(second.centroids)).toEqual(Array.from(first.centroids));
    expect(second.inertia).toBe(first.inertia);
    expect(second.iterations).toBe(first.iterations);
  });

  it("other seed: other initial centres", () => {
    const first = kMeans(fire1, { k: 12, seed: 7, maxIterations: 1 });
    const second = kMeans(fire1, { k: 12, seed: 8, maxIterations: 1 });
    expect(Array.from(second.centroids)).not.toEqual(Array.from(first.centroids));
  });

  it("inputs: rows, options and centroids stay unchanged", () => {
    const before = snapshot(counts);
    const initialCentroids = new Float64Array(5 * counts.columnCount).map(
      (_, index) => (index % 7) / 3,
    );
    const centroidsBefore = initialCentroids.slice();
    const options = Object.freeze({
      k: 5,
      initialCentroids,
      metric: "cosine" as const,
    });
    kMeans(counts, options);
    expect(counts).toEqual(before);
    expect(initialCentroids).toEqual(centroidsBefore);
  });

  it("onIteration: reports each iteration in order", () => {
    const reports: KMeansProgress[] = [];
    const result = kMeans(fire1, {
      k: 10,
      seed: 1,
      maxIterations: 50,
      onIteration: (progress) => reports.push(progress),
    });
    expect(reports.length).toBe(result.iterations);
    reports.forEach((progress, index) => {
      expect(progress.iteration).toBe(index + 1);
      expect(progress.k).toBe(10);
      expect(progress.maxIterations).toBe(50);
    });
    expect(reports[0]!.changed).toBe(fire1.rowCount);
  });

  it("no rows: k 1 gives an empty clustering", () => {
    const rows = sparseRowsFromDense([]);
    const result = kMeans(rows, { k: 1 });
    expect(result.assignments.length).toBe(0);
    expect(result.sizes).toEqual([0]);
    expect(result.inertia).toBe(0);
  });
});

describe("kMeans auto on small dense rows", () => {
  const dense = randomCountRows(3, 300, 20, 0.9, 9);

  it("dense counts: runs ml-kmeans, same result as hamerly", () => {
    const auto = kMeans(dense, { k: 6, seed: 2, tolerance: 0 });
    const hamerly = kMeans(dense, {
      k: 6,
      seed: 2,
      tolerance: 0,
      algorithm: "hamerly",
    });
    expect(auto.algorithm).toBe("ml-kmeans");
    expect(Array.from(auto.assignments)).toEqual(Array.from(hamerly.assignments));
    expect(auto.iterations).toBe(hamerly.iterations);
    expect(auto.inertia).toBeCloseTo(hamerly.inertia, 9);
  });

  it("dense counts: progress of each iteration", () => {
    const reports: KMeansProgress[] = [];
    const result = kMeans(dense, {
      k: 6,
      seed: 2,
      onIteration: (progress) => reports.push(progress),
    });
    expect(result.algorithm).toBe("ml-kmeans");
    expect(reports.map((progress) => progress.iteration)).toEqual(
      Array.from({ length: result.iterations }, (_, index) => index + 1),
    );
  });

  it("emptied cluster: restarts with hamerly", () => {
    const rows = sparseRowsFromDense([
      [1, 0.5],
      [1, 0.7],
      [0.5, 1],
      [0.7, 1],
      [1, 1],
    ]);
    const result = kMeans(rows, {
      k: 3,
      initialCentroids: [1, 0.5, 0.5, 1, 50, 50],
    });
    expect(result.algorithm).toBe("hamerly");
    expect(result.sizes.every((size) => size > 0)).toBe(true);
  });
});
