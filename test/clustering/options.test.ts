import { describe, expect, it } from "vitest";
import { chooseK } from "../../src/clustering/choose-k.js";
import type { SparseRows } from "../../src/clustering/features.js";
import { type KMeansOptions, kMeans } from "../../src/clustering/kmeans.js";
import { seedKMeansPlusPlus } from "../../src/clustering/seeding.js";
import { silhouette } from "../../src/clustering/silhouette.js";
import { sparseRowsFromDense } from "../../src/clustering/sparse-rows.js";
import { InputError, OptionError } from "../../src/errors.js";

const rows = sparseRowsFromDense([
  [1, 0, 1],
  [1, 1, 0],
  [0, 1, 1],
  [0, 0, 1],
]);

/** Runs `action` and returns what it threw, failing if nothing was. */
function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, but nothing was thrown");
}

function expectOptionError(
  action: () => unknown,
  path: string,
  message: string,
): void {
  const error = thrown(action);
  expect(error).toBeInstanceOf(OptionError);
  expect((error as OptionError).code).toBe("invalid_option");
  expect((error as OptionError).issues.map((issue) => issue.path)).toContain(path);
  expect((error as OptionError).message).toContain(message);
}

describe("kMeans option errors", () => {
  const cases: [string, Partial<KMeansOptions>, string, string][] = [
    [
      "k 0",
      { k: 0 },
      "k",
      "at k: received 0, expected a whole number from 1 to the number of rows (4)",
    ],
    ["k above rows", { k: 5 }, "k", "received 5, expected a whole number from 1"],
    ["k fractional", { k: 1.5 }, "k", "received 1.5"],
    ["seed NaN", { k: 2, seed: Number.NaN }, "seed", "received NaN, expected a finite number"],
    [
      "maxIterations 0",
      { k: 2, maxIterations: 0 },
      "maxIterations",
      "at maxIterations: received 0, expected a whole number >= 1",
    ],
    [
      "negative tolerance",
      { k: 2, tolerance: -1 },
      "tolerance",
      "received -1, expected a finite number >= 0 (a squared centroid shift)",
    ],
    [
      "unknown metric",
      { k: 2, metric: "manhattan" as never },
      "metric",
      'received "manhattan", expected one of "euclidean", "cosine"',
    ],
    [
      "unknown algorithm",
      { k: 2, algorithm: "elkan" as never },
      "algorithm",
      'expected one of "auto", "hamerly", "lloyd", "ml-kmeans"',
    ],
    [
      "unknown empty-cluster rule",
      { k: 2, emptyClusters: "drop" as never },
      "emptyClusters",
      'expected one of "relocate", "keep"',
    ],
    [
      "ml-kmeans with cosine",
      { k: 2, algorithm: "ml-kmeans", metric: "cosine" },
      "metric",
      'expected "euclidean" with algorithm "ml-kmeans"',
    ],
    [
      "ml-kmeans relocating",
      { k: 2, algorithm: "ml-kmeans", emptyClusters: "relocate" },
      "emptyClusters",
      'expected "keep" with algorithm "ml-kmeans"',
    ],
    [
      "centroids of wrong size",
      { k: 2, initialCentroids: [1, 2, 3] },
      "initialCentroids",
      "received 3 values, expected k × columnCount = 2 × 3 = 6 values",
    ],
    [
      "centroid value NaN",
      { k: 2, initialCentroids: [1, 0, 0, 0, Number.NaN, 1] },
      "initialCentroids.4",
      "received NaN, expected a finite number",
    ],
    [
      "zero centroid under cosine",
      { k: 2, metric: "cosine", initialCentroids: [1, 0, 0, 0, 0, 0] },
      "initialCentroids (centroid 1)",
      "expected a nonzero direction under the cosine metric",
    ],
    [
      "onIteration not a function",
      { k: 2, onIteration: 3 as never },
      "onIteration",
      "received 3, expected a function or undefined",
    ],
  ];

  for (const [name, options, path, message] of cases) {
    it(`${name}: OptionError at ${path}`, () => {
      expectOptionError(() => kMeans(rows, options as KMeansOptions), path, message);
    });
  }

  it("several invalid options: one error lists all", () => {
    const error = thrown(() =>
      kMeans(rows, { k: 0, maxIterations: 0, tolerance: -1 }),
    ) as OptionError;
    expect(error).toBeInstanceOf(OptionError);
    expect(error.issues.map((issue) => issue.path)).toEqual([
      "k",
      "maxIterations",
      "tolerance",
    ]);
    expect(error.message).toMatch(/^Invalid options \(3 issues\):/);
  });
});

describe("kMeans row errors", () => {
  const cases: [string, SparseRows, string, string][] = [
    [
      "column out of range",
      { ...rows, indices: Int32Array.of(0, 2, 0, 1, 1, 9, 2) },
      "rows.indices.5",
      "received 9, expected a column in [0, 3)",
    ],
    [
      "columns not ascending",
      { ...rows, indices: Int32Array.of(2, 0, 0, 1, 1, 2, 2) },
      "rows.indices.1",
      "expected a column above 2 (ascending within row 0)",
    ],
    [
      "infinite value",
      { ...rows, values: Float64Array.of(1, 1, 1, Infinity, 1, 1, 1) },
      "rows.values.3",
      "received Infinity, expected a finite number",
    ],
    [
      "offsets of wrong length",
      { ...rows, offsets: Int32Array.of(0, 2, 4) },
      "rows.offsets.length",
      "received 3, expected rowCount + 1 = 5 entries",
    ],
  ];

  for (const [name, malformed, path, message] of cases) {
    it(`${name}: InputError at ${path}`, () => {
      const error = thrown(() => kMeans(malformed, { k: 2 })) as InputError;
      expect(error).toBeInstanceOf(InputError);
      expect(error.code).toBe("invalid_input");
      expect(error.issues.map((issue) => issue.path)).toContain(path);
      expect(error.message).toContain(message);
    });
  }
});

describe("seedKMeansPlusPlus option errors", () => {
  it("localTrials 0: OptionError", () => {
    expectOptionError(
      () => seedKMeansPlusPlus(rows, { k: 2, localTrials: 0 }),
      "localTrials",
      "received 0, expected a whole number >= 1",
    );
  });

  it("k above rows: OptionError", () => {
    expectOptionError(
      () => seedKMeansPlusPlus(rows, { k: 9 }),
      "k",
      "expected a whole number from 1 to the number of rows (4)",
    );
  });
});

describe("silhouette option errors", () => {
  it("sampleSize 1: OptionError", () => {
    expectOptionError(
      () => silhouette(rows, [0, 0, 1, 1], { sampleSize: 1 }),
      "sampleSize",
      "received 1, expected a whole number >= 2",
    );
  });

  it("unknown metric: OptionError", () => {
    expectOptionError(
      () => silhouette(rows, [0, 0, 1, 1], { metric: "hamming" as never }),
      "metric",
      'expected one of "euclidean", "cosine", "jaccard"',
    );
  });

  it("assignments of wrong length: InputError", () => {
    const error = thrown(() => silhouette(rows, [0, 1])) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      "at assignments.length: received 2, expected one cluster number per row (4)",
    );
  });

  it("negative cluster number: InputError", () => {
    const error = thrown(() => silhouette(rows, [0, -1, 1, 1])) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain("at assignments.1: received -1");
  });
});

describe("chooseK option errors", () => {
  it("candidate 1: OptionError", () => {
    expectOptionError(
      () => chooseK(rows, { candidates: [1, 2] }),
      "candidates.0",
      "received 1, expected a whole number from 2 to rows − 1 (3)",
    );
  });

  it("empty candidates: OptionError", () => {
    expectOptionError(
      () => chooseK(rows, { candidates: [] }),
      "candidates",
      "expected a non-empty array of whole numbers from 2 to rows − 1",
    );
  });

  it("two rows: no default candidate", () => {
    const two = sparseRowsFromDense([
      [1, 0],
      [0, 1],
    ]);
    expectOptionError(
      () => chooseK(two),
      "candidates",
      "received none for 2 rows, expected at least 3 rows",
    );
  });

  it("invalid k-means option: OptionError before any run", () => {
    expectOptionError(
      () => chooseK(rows, { candidates: [2], maxIterations: -3 }),
      "maxIterations",
      "received -3, expected a whole number >= 1",
    );
  });

  it("unknown silhouette metric: OptionError", () => {
    expectOptionError(
      () => chooseK(rows, { candidates: [2], silhouetteMetric: "l1" as never }),
      "silhouetteMetric",
      'expected one of "euclidean", "cosine", "jaccard"',
    );
  });
});
