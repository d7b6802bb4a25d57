import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createEstate } from "../../src/estate/parse.js";
import { generateDemoEstate } from "../../src/generate/demo-estate.js";
import { analyze } from "../../src/pipeline/analyze.js";
import { REPORT_CSV_COLUMNS, csvCell, renderReportCsv } from "../../src/report/csv.js";
import { heatmapLayout } from "../../src/report/heatmap.js";
import { heatmapVegaLite, renderHeatmapSvg } from "../../src/report/heatmap-render.js";
import { hpLabsEstate } from "../helpers/datasets.js";

const FORMULA_START = /^[=+\-@\t\r]/;

describe("renderReportCsv", () => {
  const hostile = createEstate({
    asOf: "2026-11-30",
    records: [
      { identity: "=HYPERLINK(\"http://x\")", entitlement: "+cmd|'/c calc'!A0", uses: 0, lastUsedAt: "2026-01-01" },
      { identity: "=HYPERLINK(\"http://x\")", entitlement: "crm:read", uses: 3, lastUsedAt: "2026-11-20" },
      { identity: "@sum", entitlement: "-2+3", uses: 0, lastUsedAt: null },
      { identity: "@sum", entitlement: "crm:read", uses: 3, lastUsedAt: "2026-11-20" },
    ],
  });
  const report = analyze(hostile, { k: 1, timings: false });
  const text = renderReportCsv(report);
  const rows = parse(text, { relax_quotes: false }) as string[][];

  it("has the documented header", () => {
    expect(rows[0]).toEqual([...REPORT_CSV_COLUMNS]);
  });

  it("holds every finding and recommendation", () => {
    const records = rows.slice(1).map((row) => row[0]);
    expect(records.filter((r) => r === "finding")).toHaveLength(report.findings.length);
    expect(records.filter((r) => r === "recommendation")).toHaveLength(report.recommendations.length);
  });

  it("has no cell a spreadsheet reads as formula", () => {
    for (const row of rows) {
      for (const cell of row) expect(FORMULA_START.test(cell), cell).toBe(false);
    }
  });

  it("keeps hostile ids readable behind a quote", () => {
    const identities = rows.slice(1).map((row) => row[5]);
    expect(identities).toContain("'=HYPERLINK(\"http://x\")");
    expect(identities).toContain("'@sum");
  });

  it("csvCell quotes and escapes", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("\tx")).toBe("\"'\tx\"");
    expect(csvCell("plain")).toBe('"plain"');
  });
});

describe("heatmap", () => {
  const estate = createEstate(generateDemoEstate());
  const report = analyze(estate, { timings: false });
  const layout = heatmapLayout(estate, report);

  it("draws one cell per stored cell when small", () => {
    expect(layout.rowBin).toBe(1);
    expect(layout.columnBin).toBe(1);
    expect(layout.rows).toBe(estate.matrix.identities.length);
    expect(layout.cells).toHaveLength(estate.matrix.cellCount);
  });

  it("orders rows by cluster", () => {
    for (let row = 1; row < layout.rows; row++) {
      expect(layout.rowClusters[row]!).toBeGreaterThanOrEqual(layout.rowClusters[row - 1]!);
    }
  });

  it("renders SVG that parses as XML", () => {
    const svg = renderHeatmapSvg(layout, "demo <estate> & co");
    expect(XMLValidator.validate(svg)).toBe(true);
    const document = new XMLParser({ ignoreAttributes: false }).parse(svg);
    const rects = document.svg.rect as { "@_fill": string }[];
    // Background, legend, cluster stripes and one per cell.
    const legend = 5;
    expect(rects.length).toBe(1 + legend + layout.rows + layout.cells.length);
    expect(document.svg.title).toBe("demo <estate> & co");
  });

  it("bins a large matrix within the side limit", () => {
    const apj = hpLabsEstate("apj");
    const apjReport = analyze(apj, { timings: false, seed: 2 });
    const binned = heatmapLayout(apj, apjReport, { maxSide: 300 });
    expect(binned.rows).toBeLessThanOrEqual(300);
    expect(binned.columns).toBeLessThanOrEqual(300);
    expect(binned.rowBin).toBe(Math.ceil(2044 / 300));
    for (const item of binned.cells) {
      expect(item.fill).toBeGreaterThan(0);
      expect(item.fill).toBeLessThanOrEqual(1);
      expect(item.state).toBe("unknown");
    }
    expect(XMLValidator.validate(renderHeatmapSvg(binned, "apj"))).toBe(true);
  });

  it("builds a Vega-Lite spec with inline data", () => {
    const spec = heatmapVegaLite(layout, "demo") as {
      $schema: string;
      data: { values: { state: string }[] };
      mark: { type: string };
    };
    expect(spec.$schema).toContain("vega-lite/v5");
    expect(spec.mark.type).toBe("rect");
    expect(spec.data.values).toHaveLength(layout.cells.length);
    const states = new Set(spec.data.values.map((v) => v.state));
    expect(states).toEqual(new Set(["used", "unused", "unknown", "ungranted-use"]));
  });
});

describe("writeJson", () => {
  it("writes the bytes of renderJson", async () => {
    const { renderJson, writeJson } = await import("../../src/report/json.js");
    const report = analyze(generateDemoEstate(), { timings: false });
    const chunks: string[] = [];
    writeJson(report, (chunk) => chunks.push(chunk));
    expect(chunks.join("")).toBe(renderJson(report));
    expect(chunks.length).toBeGreaterThan(100);
  });

  it("parses back to the report", async () => {
    const { renderJson } = await import("../../src/report/json.js");
    const report = analyze(generateDemoEstate(), { timings: false });
    expect(JSON.parse(renderJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("puts one finding per line", async () => {
    const { renderJson } = await import("../../src/report/json.js");
    const report = analyze(generateDemoEstate(), { timings: false });
    const lines = renderJson(report).split("\n");
    const findingLines = lines.filter((line) => line.startsWith('    {"id":"f-'));
    expect(findingLines).toHaveLength(report.findings.length);
  });
});
