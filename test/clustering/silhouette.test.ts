import { describe, expect, it } from "vitest";
import { pairwiseDistances } from "../../src/clustering/distances.js";
import { silhouette } from "../../src/clustering/silhouette.js";
import { sparseRowsFromDense } from "../../src/clustering/sparse-rows.js";
import { denseOf, hpLabsRows } from "./fixtures.js";

const matrix = [
  [1, 1, 1, 0, 0, 0],
  [1, 1, 0, 0, 0, 0],
  [1, 1, 1, 1, 0, 0],
  [0, 0, 1, 1, 1, 0],
  [0, 0, 0, 1, 1, 0],
  [0, 0, 0, 0, 1, 1],
  [0, 1, 0, 0, 1, 1],
  [0, 0, 0, 0, 0, 1],
];
const labels = [0, 0, 0, 1, 1, 2, 2, 2];
const rows = sparseRowsFromDense(matrix);

// scikit-learn 1.2.1: silhouette_score and silhouette_samples of this
// matrix and these labels, with the rows as booleans for "jaccard".
const reference = {
  euclidean: {
    score: 0.3926883112213388,
    values: [
      0.518927630227, 0.337252379508, 0.353113425606, 0.476627109439,
      0.385033584171, 0.364325509608, 0.353113425606, 0.353113425606,
    ],
  },
  cosine: {
    score: 0.6665044510723961,
    values: [
      0.809513190827, 0.724281089813, 0.600720908892, 0.736511780656,
      0.736818545573, 0.563640126482, 0.518321441148, 0.642228525188,
    ],
  },
  jaccard: {
    score: 0.5048095622222102,
    values: [
      0.675925925926, 0.545454545455, 0.464285714286, 0.583333333333,
      0.586206896552, 0.411764705882, 0.354838709677, 0.416666666667,
    ],
  },
};

describe("silhouette against scikit-learn", () => {
  for (const metric of ["euclidean", "cosine", "jaccard"] as const) {
    it(`${metric}: score and per-row values`, () => {
      const result = silhouette(rows, labels, { metric });
      expect(result.metric).toBe(metric);
      expect(Array.from(result.sample)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(result.score).toBeCloseTo(reference[metric].score, 12);
      reference[metric].values.forEach((value, index) => {
        expect(result.values[index]).toBeCloseTo(value, 11);
      });
    });
  }
});

describe("silhouette cases", () => {
  it("separated pairs: score 1", () => {
    const pairs = sparseRowsFromDense([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(silhouette(pairs, [0, 0, 1, 1]).score).toBe(1);
  });

  it("one cluster: score NaN", () => {
    const result = silhouette(rows, new Array(8).fill(0));
    expect(result.score).toBeNaN();
  });

  it("row alone in its cluster: value 0", () => {
    const result = silhouette(rows, [0, 0, 0, 1, 1, 1, 1, 2]);
    expect(result.values[7]).toBe(0);
  });

  it("sample: seeded, ascending, of the requested size", () => {
    const apj = hpLabsRows("apj");
    const assignments = Int32Array.from({ length: apj.rowCount }, (_, i) => i % 5);
    const first = silhouette(apj, assignments, { sampleSize: 300, seed: 4 });
    const again = silhouette(apj, assignments, { sampleSize: 300, seed: 4 });
    const other = silhouette(apj, assignments, { sampleSize: 300, seed: 5 });
    expect(first.sample.length).toBe(300);
    expect(new Set(first.sample).size).toBe(300);
    expect(Array.from(first.sample)).toEqual(
      Array.from(first.sample).sort((a, b) => a - b),
    );
    expect(Array.from(again.sample)).toEqual(Array.from(first.sample));
    expect(again.score).toBe(first.score);
    expect(Array.from(other.sample)).not.toEqual(Array.from(first.sample));
  });
});

describe("pairwiseDistances", () => {
  const dense = denseOf(rows);
  const sample = Int32Array.of(0, 3, 5, 6);

  it("euclidean: matches the definition", () => {
    const distances = pairwiseDistances(rows, sample, "euclidean");
    sample.forEach((a, x) => {
      sample.forEach((b, y) => {
        const expected = Math.sqrt(
          dense[a]!.reduce((sum, value, j) => sum + (value - dense[b]![j]!) ** 2, 0),
        );
        expect(distances[x * 4 + y]).toBeCloseTo(expected, 12);
      });
    });
  });

  it("jaccard: rows 0 and 1 are 1/3 apart", () => {
    // scikit-learn 1.2.1 pairwise_distances(..., metric="jaccard"): 0.333…
    const distances = pairwiseDistances(rows, Int32Array.of(0, 1), "jaccard");
    expect(distances[1]).toBeCloseTo(1 / 3, 12);
    expect(distances[2]).toBeCloseTo(1 / 3, 12);
    expect(distances[0]).toBe(0);
  });

  it("cosine: a row with no value is 1 from any row", () => {
    const withEmpty = sparseRowsFromDense([
      [0, 0],
      [1, 2],
    ]);
    const distances = pairwiseDistances(withEmpty, Int32Array.of(0, 1), "cosine");
    expect(distances[1]).toBe(1);
  });

  it("jaccard: two empty rows are 0 apart", () => {
    const empty = sparseRowsFromDense([
      [0, 0],
      [0, 0],
    ]);
    expect(pairwiseDistances(empty, Int32Array.of(0, 1), "jaccard")[1]).toBe(0);
  });
});
