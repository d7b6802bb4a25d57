// Notebook-style walk through a real CloudTrail sample: each `// %%`
// block is a cell. Run the whole script with
//
//   npx tsx examples/notebook-cloudtrail.ts [CLOUDTRAIL_FOLDER] [OUT_DIR]
//
// The folder defaults to the scrubbed attack-simulation sample that sits
// beside this repository; OUT_DIR (default: a new temporary folder)
// receives the heatmap as SVG and as a Vega-Lite spec.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { analyze, buildEstate } from "../src/index.js";
import { loadCloudTrail } from "../src/io/cloudtrail/index.js";
import { heatmapLayout } from "../src/report/heatmap.js";
import { heatmapVegaLite, renderHeatmapSvg } from "../src/report/heatmap-render.js";

const folder = process.argv[2] ?? resolve(import.meta.dirname, "../../shared/datasets/cloudtrail/invictus");
const outDir = process.argv[3] ?? mkdtempSync(join(tmpdir(), "rolemine-notebook-"));

// %% Read the log. Logs show use, not grants: without a grants file,
// a pair counts as granted when the log shows a successful use.
const loaded = await loadCloudTrail(folder);
console.table({
  files: loaded.summary.files,
  events: loaded.summary.eventsRead,
  identities: loaded.summary.identities,
  entitlements: loaded.summary.entitlements,
  failures: loaded.summary.failures,
});
console.table(loaded.summary.channels);

// %% Analyse. The estate's newest event is the analysis instant.
const estate = buildEstate(loaded.parts);
const report = analyze(estate, { seed: 1, timings: false });
console.table(report.summary.verdicts);
console.table(
  report.clusters.map((cluster) => ({
    cluster: cluster.id,
    size: cluster.size,
    role: cluster.role ?? "",
    first: cluster.members[0],
  })),
);

// %% Review queue: every recommendation is advisory and pending review.
console.table(
  report.recommendations.slice(0, 10).map((r) => ({
    priority: r.priority,
    kind: r.kind,
    identity: r.target.identity,
    entitlement: r.target.entitlement,
    state: r.review.state,
  })),
);

// %% Heatmap: identities by cluster against entitlements by role.
const layout = heatmapLayout(estate, report);
const title = `CloudTrail sample: ${layout.rows} identities × ${layout.columns} entitlements`;
const svgPath = join(outDir, "heatmap.svg");
writeFileSync(svgPath, renderHeatmapSvg(layout, title));
writeFileSync(join(outDir, "heatmap.vl.json"), JSON.stringify(heatmapVegaLite(layout, title), null, 2));
console.log(`Heatmap written to ${svgPath} (open it in a browser or notebook).`);
