import { describe, expect, it } from "vitest";
import {
  type ChooseKProgress,
  chooseK,
  defaultKCandidates,
} from "../../src/clustering/choose-k.js";
import type { KMeansProgress } from "../../src/clustering/kmeans.js";
import { plantedRows } from "./fixtures.js";

describe("chooseK on planted clusters", () => {
  for (const planted of [3, 5, 7]) {
    for (const metric of ["euclidean", "cosine"] as const) {
      it(`${planted} groups, ${metric}: picks ${planted}`, () => {
        const rows = plantedRows(planted, planted, 30, 12);
        const choice = chooseK(rows, { metric, seed: 2 });
        expect(choice.k).toBe(planted);
        expect(choice.result.k).toBe(planted);
      });
    }
  }

  it("jaccard silhouette: picks the planted 4", () => {
    const rows = plantedRows(11, 4, 25, 10);
    const choice = chooseK(rows, { silhouetteMetric: "jaccard", seed: 3 });
    expect(choice.k).toBe(4);
    expect(choice.silhouetteMetric).toBe("jaccard");
  });
});

describe("chooseK results", () => {
  const rows = plantedRows(1, 4, 20, 8);

  it("scores: one per candidate, ascending k", () => {
    const choice = chooseK(rows, { candidates: [6, 2, 4, 3], seed: 1 });
    expect(choice.scores.map((score) => score.k)).toEqual([2, 3, 4, 6]);
    const best = Math.max(...choice.scores.map((score) => score.silhouette));
    const chosen = choice.scores.find((score) => score.k === choice.k)!;
    expect(chosen.silhouette).toBe(best);
    for (const score of choice.scores) {
      expect(score.silhouette).toBeGreaterThanOrEqual(-1);
      expect(score.silhouette).toBeLessThanOrEqual(1);
      expect(score.nonEmptyClusters).toBeLessThanOrEqual(score.k);
    }
    expect(choice.sampleSize).toBe(rows.rowCount);
  });

  it("result: the k-means run of the chosen k", () => {
    const choice = chooseK(rows, { candidates: [2, 4], seed: 1 });
    const chosen = choice.scores.find((score) => score.k === choice.k)!;
    expect(choice.result.inertia).toBe(chosen.inertia);
    expect(choice.result.iterations).toBe(chosen.iterations);
  });

  it("same seed: same scores", () => {
    const first = chooseK(rows, { seed: 9, sampleSize: 50 });
    const second = chooseK(rows, { seed: 9, sampleSize: 50 });
    expect(second.scores).toEqual(first.scores);
    expect(first.sampleSize).toBe(50);
  });

  it("progress: onCandidate after each candidate", () => {
    const reports: ChooseKProgress[] = [];
    const iterations: KMeansProgress[] = [];
    const choice = chooseK(rows, {
      candidates: [2, 3, 4],
      onCandidate: (progress) => reports.push(progress),
      onIteration: (progress) => iterations.push(progress),
    });
    expect(reports.map((report) => report.done)).toEqual([1, 2, 3]);
    expect(reports.map((report) => report.k)).toEqual([2, 3, 4]);
    expect(reports.every((report) => report.candidateCount === 3)).toBe(true);
    expect(reports.map((report) => report.silhouette)).toEqual(
      choice.scores.map((score) => score.silhouette),
    );
    const totalIterations = choice.scores.reduce(
      (sum, score) => sum + score.iterations,
      0,
    );
    expect(iterations.length).toBe(totalIterations);
    expect(new Set(iterations.map((progress) => progress.k))).toEqual(
      new Set([2, 3, 4]),
    );
  });
});

describe("defaultKCandidates", () => {
  const cases: [number, number[]][] = [
    [3, [2]],
    [10, [2, 3, 4]],
    [200, [2, 3, 4, 5, 6, 7, 8, 9, 10, 12]],
    [2044, [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 24, 32]],
    [10021, [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 24, 32, 48, 64, 96]],
  ];
  for (const [rowCount, expected] of cases) {
    it(`${rowCount} rows: up to ⌈√n⌉`, () => {
      expect(defaultKCandidates(rowCount)).toEqual(expected);
    });
  }

  it("2 rows: none", () => {
    expect(defaultKCandidates(2)).toEqual([]);
  });
});
