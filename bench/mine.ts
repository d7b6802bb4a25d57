/**
 * Runs the exact role miner on the nine HP Labs role mining sets and
 * checks each cover against the file it came from.
 *
 * For each set the file is parsed and built into a matrix (not timed),
 * then `mineRoles` runs once with the `roles` objective and once with the
 * `wsc` objective. Every cover is checked independently of the miner: the
 * pairs the roles give, plus the grants listed as uncovered, must equal
 * the pairs of the file, and no role may give a pair the file lacks.
 * Times are wall-clock milliseconds of single runs in one process.
 *
 * Usage: npx tsx bench/mine.ts [--sets hc,domino] [--method greedy]
 * Exits with status 1 when a cover fails its check.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildEstate } from "../src/estate/estate.js";
import { parsePairs } from "../src/io/pairs.js";
import type { UsageMatrix } from "../src/matrix/usage-matrix.js";
import {
  type MiningMethod,
  type MiningResult,
  mineRoles,
} from "../src/mining/index.js";

/**
 * Minimum numbers of roles for the basic role mining problem, from Ene et
 * al., "Fast exact and heuristic methods for role minimization problems"
 * (SACMAT 2008).
 */
const MINIMUM_ROLES: Record<string, number> = {
  hc: 14,
  domino: 20,
  emea: 34,
  fire1: 64,
  fire2: 10,
  apj: 453,
  americas_small: 178,
  americas_large: 398,
  customer: 276,
};

const repoRoot = path.resolve(import.meta.dirname, "..");

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Pairs of the file as `identity entitlement` strings, by id. */
function filePairs(text: string): Set<string> {
  return new Set(
    parsePairs(text).map((r) => `${r.identity} ${r.entitlement}`),
  );
}

/**
 * Describes what is wrong with a result against the file's pairs, or
 * returns an empty string when roles and uncovered grants rebuild it.
 */
function checkCover(
  matrix: UsageMatrix,
  result: MiningResult,
  pairs: Set<string>,
): string {
  const rebuilt = new Set<string>();
  const id = (row: number, column: number) =>
    `${matrix.identities[row]} ${matrix.entitlements[column]}`;
  let extra = 0;
  for (const role of result.roles) {
    for (const row of role.identities) {
      for (const column of role.entitlements) {
        const pair = id(row, column);
        if (!pairs.has(pair)) extra++;
        rebuilt.add(pair);
      }
    }
  }
  for (const grant of result.uncovered ?? []) {
    rebuilt.add(id(grant.identity, grant.entitlement));
  }
  let missing = 0;
  for (const pair of pairs) if (!rebuilt.has(pair)) missing++;
  if (extra === 0 && missing === 0) return "";
  return `${extra} pairs given without a grant, ${missing} grants missing`;
}

const method = (argument("method") ?? "exact") as MiningMethod;
const names = argument("sets")?.split(",") ?? Object.keys(MINIMUM_ROLES);
const rows: string[][] = [];
let totalMs = 0;
let failures = 0;
for (const name of names) {
  const file = path.resolve(repoRoot, `../shared/datasets/hp-labs/${name}.txt`);
  const text = readFileSync(file, "utf8");
  const pairs = filePairs(text);
  const { matrix } = buildEstate({ records: parsePairs(text) });

  const byRoles = mineRoles(matrix, { method });
  const byWsc = mineRoles(matrix, { method, objective: "wsc" });
  totalMs += byRoles.timings.totalMs;
  const problems = [byRoles, byWsc]
    .map((result) => checkCover(matrix, result, pairs))
    .filter((problem) => problem !== "");
  failures += problems.length;

  rows.push([
    name,
    String(MINIMUM_ROLES[name] ?? "?"),
    String(byRoles.roles.length),
    String(byRoles.lowerBound),
    byRoles.optimal ? "yes" : "no",
    String(byRoles.metrics.wsc),
    byRoles.timings.totalMs.toFixed(0),
    String(byWsc.metrics.wsc),
    `${byWsc.roles.length} + ${byWsc.metrics.directAssignments}`,
    byWsc.timings.totalMs.toFixed(0),
    problems.length === 0 ? "exact" : problems.join("; "),
  ]);
}

const header = [
  "set",
  "minimum",
  "roles",
  "lower bound",
  "optimal",
  "WSC",
  "ms",
  "WSC (wsc objective)",
  "roles + direct",
  "ms (wsc)",
  "cover check",
];
const table = [header, header.map(() => "---"), ...rows];
for (const row of table) process.stdout.write(`| ${row.join(" | ")} |\n`);
process.stdout.write(
  `\nmethod ${method}, objective roles: ${totalMs.toFixed(0)} ms ` +
    `for ${names.length} sets (mineRoles only, parsing excluded)\n`,
);
if (failures > 0) {
  process.stdout.write(`${failures} covers failed their check\n`);
  process.exitCode = 1;
}
