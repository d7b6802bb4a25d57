import { describe, expect, it } from "vitest";
import { distinctRows } from "../../src/clustering/distinct-rows.js";
import { kMeans } from "../../src/clustering/kmeans.js";
import {
  defaultLocalTrials,
  seedKMeansPlusPlus,
} from "../../src/clustering/seeding.js";
import { sparseRowsFromDense } from "../../src/clustering/sparse-rows.js";
import { denseOf, hpLabsRows } from "./fixtures.js";

/** Renders each centre as a string, for set comparisons with rows. */
function centreKeys(centres: Float64Array, k: number): string[] {
  const d = centres.length / k;
  return Array.from({ length: k }, (_, c) =>
    Array.from(centres.subarray(c * d, (c + 1) * d)).join(","),
  );
}

describe("seedKMeansPlusPlus", () => {
  const fire1 = hpLabsRows("fire1");
  const fire1Keys = new Set(denseOf(fire1).map((row) => row.join(",")));

  it("fire1: distinct centres taken from the rows", () => {
    const keys = centreKeys(seedKMeansPlusPlus(fire1, { k: 50, seed: 3 }), 50);
    expect(new Set(keys).size).toBe(50);
    for (const key of keys) expect(fire1Keys.has(key)).toBe(true);
  });

  it("same seed: same centres", () => {
    const first = seedKMeansPlusPlus(fire1, { k: 20, seed: 8 });
    const second = seedKMeansPlusPlus(fire1, { k: 20, seed: 8 });
    expect(Array.from(second)).toEqual(Array.from(first));
  });

  it("hc: k equal to distinct rows takes each once", () => {
    const hc = hpLabsRows("hc");
    const distinct = distinctRows(hc).rows.rowCount;
    const keys = centreKeys(seedKMeansPlusPlus(hc, { k: distinct, seed: 1 }), distinct);
    expect(new Set(keys).size).toBe(distinct);
  });

  it("k above distinct rows: repeats rows", () => {
    const rows = sparseRowsFromDense([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    const keys = centreKeys(seedKMeansPlusPlus(rows, { k: 3, seed: 1 }), 3);
    expect(new Set(keys)).toEqual(new Set(["1,0", "0,1"]));
  });

  it("outlier: always a centre by squared distance", () => {
    const rows = sparseRowsFromDense([
      ...Array.from({ length: 9 }, () => [1, 0]),
      [100, 0],
    ]);
    for (let seed = 1; seed <= 20; seed++) {
      const keys = centreKeys(seedKMeansPlusPlus(rows, { k: 2, seed }), 2);
      expect(new Set(keys)).toEqual(new Set(["1,0", "100,0"]));
    }
  });

  it("first centre: uniform over rows, duplicates included", () => {
    const rows = sparseRowsFromDense([
      ...Array.from({ length: 99 }, () => [1, 0]),
      [0, 1],
    ]);
    let common = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const [key] = centreKeys(seedKMeansPlusPlus(rows, { k: 1, seed }), 1);
      if (key === "1,0") common++;
    }
    expect(common).toBeGreaterThanOrEqual(45);
  });

  it("cosine: centres are unit rows", () => {
    const rows = sparseRowsFromDense([
      [3, 4, 0],
      [0, 0, 2],
      [0, 0, 0],
    ]);
    const centres = seedKMeansPlusPlus(rows, { k: 2, seed: 1, metric: "cosine" });
    expect(new Set(centreKeys(centres, 2))).toEqual(new Set(["0.6,0.8,0", "0,0,1"]));
  });

  it("kMeans seed: same centres as seedKMeansPlusPlus", () => {
    for (const metric of ["euclidean", "cosine"] as const) {
      const seeded = kMeans(fire1, { k: 15, seed: 4, metric, maxIterations: 20 });
      const given = kMeans(fire1, {
        k: 15,
        metric,
        maxIterations: 20,
        initialCentroids: seedKMeansPlusPlus(fire1, { k: 15, seed: 4, metric }),
      });
      expect(Array.from(given.assignments)).toEqual(Array.from(seeded.assignments));
      expect(Array.from(given.centroids)).toEqual(Array.from(seeded.centroids));
    }
  });

  it("localTrials default: 2 + ⌊ln k⌋", () => {
    expect(defaultLocalTrials(1)).toBe(2);
    expect(defaultLocalTrials(100)).toBe(6);
    expect(defaultLocalTrials(398)).toBe(7);
  });
});

describe("distinctRows", () => {
  it("groups equal rows in order of first appearance", () => {
    const rows = sparseRowsFromDense([
      [1, 0, 2],
      [0, 1, 0],
      [1, 0, 2],
      [1, 0, 3],
      [0, 1, 0],
    ]);
    const distinct = distinctRows(rows);
    expect(distinct.rows.rowCount).toBe(3);
    expect(Array.from(distinct.weights)).toEqual([2, 2, 1]);
    expect(Array.from(distinct.distinctOf)).toEqual([0, 1, 0, 2, 1]);
    expect(denseOf(distinct.rows)).toEqual([
      [1, 0, 2],
      [0, 1, 0],
      [1, 0, 3],
    ]);
  });

  it("all rows distinct: returns the input rows", () => {
    const rows = sparseRowsFromDense([
      [1, 0],
      [0, 1],
    ]);
    expect(distinctRows(rows).rows).toBe(rows);
  });
});
