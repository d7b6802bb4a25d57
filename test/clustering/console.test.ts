import { describe, expect, it } from "vitest";
import { chooseK } from "../../src/clustering/choose-k.js";
import { kMeans } from "../../src/clustering/kmeans.js";
import { plantedRows } from "./fixtures.js";

// test/setup.ts replaces the console methods with ones that throw, so a
// library function that prints fails its test.
describe("console guard", () => {
  it("console.log: throws inside a test", () => {
    expect(() => console.log("printed")).toThrow(
      "unexpected console.log: printed",
    );
  });

  it("clustering: prints nothing", () => {
    const rows = plantedRows(1, 3, 10, 5);
    expect(() => kMeans(rows, { k: 3, algorithm: "ml-kmeans" })).not.toThrow();
    expect(() => chooseK(rows, { candidates: [2, 3] })).not.toThrow();
  });
});
