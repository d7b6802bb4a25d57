import { readFileSync } from "node:fs";
import path from "node:path";
import { buildEstate } from "../../src/estate/estate.js";
import { parsePairs } from "../../src/io/pairs.js";
import type { UsageMatrix } from "../../src/matrix/usage-matrix.js";
import type { MinedRole } from "../../src/mining/index.js";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Loads the HP Labs role mining set `name` (`hc`, `domino`, ...). */
export function loadHpLabsSet(name: string): UsageMatrix {
  const file = path.resolve(repoRoot, `../shared/datasets/hp-labs/${name}.txt`);
  return buildEstate({ records: parsePairs(readFileSync(file, "utf8")) })
    .matrix;
}

/**
 * Builds a matrix whose row `i` is identity `u<i>` and column `j` entitlement
 * `e<j>`, granted where `grid[i][j]` is true. Every identity and
 * entitlement is listed, so rows and columns keep their grid numbers even
 * without grants. Cells in `usedOnly` are stored as use without grant.
 */
export function matrixFromGrid(
  grid: readonly (readonly boolean[])[],
  usedOnly: readonly [number, number][] = [],
): UsageMatrix {
  const columnCount = grid[0]?.length ?? 0;
  const records = [];
  for (let i = 0; i < grid.length; i++) {
    for (let j = 0; j < columnCount; j++) {
      if (grid[i]![j]) records.push({ identity: `u${i}`, entitlement: `e${j}` });
    }
  }
  for (const [i, j] of usedOnly) {
    if (grid[i]![j]) continue;
    records.push({ identity: `u${i}`, entitlement: `e${j}`, granted: false });
  }
  return buildEstate({
    identities: grid.map((_, i) => ({ id: `u${i}` })),
    entitlements: Array.from({ length: columnCount }, (_, j) => ({
      id: `e${j}`,
    })),
    records,
  }).matrix;
}

/** Granted (row, column) pairs of a matrix as `row:column` strings. */
export function grantKeys(matrix: UsageMatrix): Set<string> {
  const keys = new Set<string>();
  for (let row = 0; row < matrix.identities.length; row++) {
    for (let c = matrix.rowOffsets[row]!; c < matrix.rowOffsets[row + 1]!; c++) {
      if (matrix.granted[c] === 1) keys.add(`${row}:${matrix.columns[c]}`);
    }
  }
  return keys;
}

/** Pairs that the roles give, as `row:column` strings. */
export function givenKeys(roles: readonly MinedRole[]): Set<string> {
  const keys = new Set<string>();
  for (const role of roles) {
    for (const row of role.identities) {
      for (const column of role.entitlements) keys.add(`${row}:${column}`);
    }
  }
  return keys;
}

/** Given pairs that the matrix does not grant. */
export function overAssigned(
  matrix: UsageMatrix,
  roles: readonly MinedRole[],
): string[] {
  const grants = grantKeys(matrix);
  return [...givenKeys(roles)].filter((key) => !grants.has(key));
}

/** Grants that no role gives. */
export function missed(
  matrix: UsageMatrix,
  roles: readonly MinedRole[],
): string[] {
  const given = givenKeys(roles);
  return [...grantKeys(matrix)].filter((key) => !given.has(key));
}
