// Times `analyze` end to end (read CSV, analyse, write JSON) on generated
// estates of growing size, each run in a fresh process, and prints the
// median of the runs with peak memory.
//
//   npx tsx bench/analyze-scale.ts [--runs 3] [--sizes 200000,500000,1000000,2000000]
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateUsageCsv } from "../src/generate/scale-estate.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
};
const runs = Number(option("--runs", "3"));
const sizes = option("--sizes", "200000,500000,1000000,2000000").split(",").map(Number);

// The largest estate is 100,000 identities × 20,000 entitlements with
// 2,000,000 grants (20 per identity); smaller ones keep that shape.
const shape = (grants: number) => ({
  identities: grants / 20,
  entitlements: Math.max(1000, Math.round(grants / 100)),
  grants,
});

const median = (values: number[]) => {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const dir = mkdtempSync(join(tmpdir(), "rolemine-bench-"));
const child = resolve(import.meta.dirname, "analyze-one.ts");
console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, ${runs} runs per size`);
console.log("grants\tidentities\tentitlements\tload s\tanalyze s\twrite s\ttotal s\tpeak MiB\tfindings");
try {
  for (const grants of sizes) {
    const size = shape(grants);
    const csv = join(dir, `usage-${grants}.csv`);
    const fd = openSync(csv, "w");
    generateUsageCsv({ ...size, seed: 1 }, (chunk) => writeSync(fd, chunk));
    closeSync(fd);

    const results: Record<string, number>[] = [];
    for (let run = 0; run < runs; run++) {
      const result = spawnSync(
        process.execPath,
        ["--max-old-space-size=6144", "--import", "tsx", child, csv, join(dir, "report.json")],
        { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
      );
      if (result.status !== 0) throw new Error(`run failed: ${result.stderr}`);
      results.push(JSON.parse(result.stdout));
    }
    const pick = (key: string) => median(results.map((r) => r[key]!)) / 1000;
    console.log(
      [
        grants,
        size.identities,
        size.entitlements,
        pick("loadMs").toFixed(1),
        pick("analyzeMs").toFixed(1),
        pick("writeMs").toFixed(1),
        pick("totalMs").toFixed(1),
        Math.max(...results.map((r) => r["maxRssMiB"]!)).toFixed(0),
        results[0]!["findings"],
      ].join("\t"),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
