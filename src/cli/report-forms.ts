import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Estate } from "../estate/estate.js";
import { renderReportCsv } from "../report/csv.js";
import { heatmapLayout } from "../report/heatmap.js";
import { heatmapVegaLite, renderHeatmapSvg } from "../report/heatmap-render.js";
import { writeJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import type { Report } from "../report/types.js";
import { UsageError, writeChunks, writeOutput } from "./output.js";

/** File names `--out-dir` writes, by form. */
export const REPORT_FILES = {
  json: "report.json",
  markdown: "report.md",
  csv: "report.csv",
  svg: "report.svg",
  vegaLite: "report.vl.json",
} as const;

/**
 * Writes every report form into `dir`, each through a temporary file and
 * a rename, so a scheduler never picks up a half-written file.
 */
export function writeReportForms(dir: string, estate: Estate, report: Report): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(`--out-dir: ${dir} exists and is not a folder; give a folder path.`);
  }
  const title =
    `rolemine: ${report.summary.identities} identities × ` +
    `${report.summary.entitlements} entitlements, as of ${report.settings.asOf ?? "undated input"}`;
  const layout = heatmapLayout(estate, report);
  writeChunks(join(dir, REPORT_FILES.json), (write) => writeJson(report, write));
  writeOutput(renderMarkdown(report), join(dir, REPORT_FILES.markdown));
  writeOutput(renderReportCsv(report), join(dir, REPORT_FILES.csv));
  writeOutput(renderHeatmapSvg(layout, title), join(dir, REPORT_FILES.svg));
  writeOutput(
    `${JSON.stringify(heatmapVegaLite(layout, title), null, 2)}\n`,
    join(dir, REPORT_FILES.vegaLite),
  );
}
