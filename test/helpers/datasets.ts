import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildEstate, type Estate } from "../../src/estate/estate.js";
import { parsePairs } from "../../src/io/pairs.js";

/** Root of the repository. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Path of a file of the shared data sets, which sit beside the repository. */
export function datasetPath(...parts: string[]): string {
  return resolve(REPO_ROOT, "../shared/datasets", ...parts);
}

/** Loads one of the HP Labs role mining sets as an estate. */
export function hpLabsEstate(name: string): Estate {
  const text = readFileSync(datasetPath("hp-labs", `${name}.txt`), "utf8");
  return buildEstate({ records: parsePairs(text) });
}

/** Recursively freezes a value so a test can prove it is not modified. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
