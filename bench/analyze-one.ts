// Child process of analyze-scale.ts: reads one usage CSV, analyses it,
// writes the JSON report, and prints the stage times and peak memory as
// one JSON line. Run in its own process so that peak memory is its own.
import { readFileSync } from "node:fs";
import { writeChunks } from "../src/cli/output.js";
import { buildEstate } from "../src/estate/estate.js";
import { parseUsageCsv } from "../src/io/usage-csv.js";
import { analyze } from "../src/pipeline/analyze.js";
import { writeJson } from "../src/report/json.js";

const [file, out] = process.argv.slice(2);
if (file === undefined || out === undefined) {
  throw new Error("usage: analyze-one.ts USAGE.csv REPORT.json");
}

const started = performance.now();
const estate = buildEstate({ records: parseUsageCsv(readFileSync(file, "utf8")).records });
const loaded = performance.now();
const report = analyze(estate);
const analysed = performance.now();
writeChunks(out, (write) => writeJson(report, write));
const written = performance.now();

process.stdout.write(
  `${JSON.stringify({
    loadMs: loaded - started,
    analyzeMs: analysed - loaded,
    writeMs: written - analysed,
    totalMs: written - started,
    stages: report.timings,
    findings: report.findings.length,
    recommendations: report.recommendations.length,
    clusters: report.summary.clusters,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
