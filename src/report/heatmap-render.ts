import { CELL_STATES, type CellState, type HeatmapLayout } from "./heatmap.js";

/** Colour of each cell state (ColorBrewer-like, readable in print). */
export const STATE_COLOURS: Readonly<Record<CellState, string>> = {
  used: "#1f5f8b",
  unused: "#e08214",
  unknown: "#bdbdbd",
  "ungranted-use": "#d7191c",
  denied: "#7b3294",
};

const LABEL_WIDTH = 200;
const HEADER_HEIGHT = 70;
const MAX_TOOLTIPS = 20_000;
const MAX_LABEL = 30;

/**
 * Renders a heatmap layout as a standalone SVG document: one rectangle
 * per drawn cell, coloured by state, with opacity for the density of a
 * binned cell; a stripe per cluster on the left; a legend. Labels are
 * drawn when cells are large enough to read them.
 */
export function renderHeatmapSvg(layout: HeatmapLayout, title: string): string {
  const { cellWidth, cellHeight } = cellSize(layout);
  const labelled = cellHeight >= 8;
  const left = labelled ? LABEL_WIDTH : 12;
  // Wide enough for the title and the legend, however few columns.
  const width = Math.max(left + layout.columns * cellWidth + 10, 620);
  const height = HEADER_HEIGHT + layout.rows * cellHeight + 10;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="4" y="16" font-size="13">${escapeXml(title)}</text>`,
  );
  CELL_STATES.forEach((state, n) => {
    const x = 4 + n * 120;
    out.push(
      `<rect x="${x}" y="28" width="10" height="10" fill="${STATE_COLOURS[state]}"/>`,
      `<text x="${x + 14}" y="37">${state}</text>`,
    );
  });
  out.push(
    `<text x="4" y="56">${layout.rows} rows (${layout.rowBin === 1 ? "1 identity" : `${layout.rowBin} identities`} each) × ` +
      `${layout.columns} columns (${layout.columnBin === 1 ? "1 entitlement" : `${layout.columnBin} entitlements`} each), ordered by cluster and role</text>`,
  );

  // Cluster stripes: alternate two greys so neighbouring clusters differ.
  layout.rowClusters.forEach((cluster, row) => {
    const fill = cluster % 2 === 0 ? "#636363" : "#cccccc";
    out.push(
      `<rect x="${left - 8}" y="${HEADER_HEIGHT + row * cellHeight}" width="6" height="${cellHeight}" fill="${fill}"/>`,
    );
  });
  if (labelled) {
    layout.rowLabels.forEach((label, row) => {
      out.push(
        `<text x="${left - 12}" y="${HEADER_HEIGHT + (row + 1) * cellHeight - 1}" text-anchor="end" font-size="${Math.min(cellHeight - 1, 10)}">${escapeXml(shorten(label))}</text>`,
      );
    });
  }

  const tooltips = layout.cells.length <= MAX_TOOLTIPS;
  for (const item of layout.cells) {
    const x = left + item.column * cellWidth;
    const y = HEADER_HEIGHT + item.row * cellHeight;
    const opacity = Math.round((0.35 + 0.65 * Math.min(1, item.fill)) * 100) / 100;
    const attributes =
      `x="${x}" y="${y}" width="${cellWidth}" height="${cellHeight}" ` +
      `fill="${STATE_COLOURS[item.state]}" fill-opacity="${opacity}"`;
    if (tooltips) {
      const tip = `${layout.rowLabels[item.row]} / ${layout.columnLabels[item.column]}: ${item.state}`;
      out.push(`<rect ${attributes}><title>${escapeXml(tip)}</title></rect>`);
    } else {
      out.push(`<rect ${attributes}/>`);
    }
  }
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

/**
 * Builds a Vega-Lite (v5) specification of the heatmap with its data
 * inline: one datum per drawn cell with its row and column labels,
 * cluster, state and fill.
 */
export function heatmapVegaLite(layout: HeatmapLayout, title: string): object {
  const values = layout.cells.map((item) => ({
    row: item.row,
    column: item.column,
    identity: layout.rowLabels[item.row],
    entitlement: layout.columnLabels[item.column],
    cluster: layout.rowClusters[item.row],
    state: item.state,
    fill: item.fill,
  }));
  const { cellWidth, cellHeight } = cellSize(layout);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    width: layout.columns * cellWidth,
    height: layout.rows * cellHeight,
    data: { values },
    mark: { type: "rect" },
    encoding: {
      x: { field: "column", type: "ordinal", title: "entitlements (by role)", axis: { labels: false, ticks: false } },
      y: { field: "row", type: "ordinal", title: "identities (by cluster)", axis: { labels: false, ticks: false } },
      color: {
        field: "state",
        type: "nominal",
        scale: {
          domain: [...CELL_STATES],
          range: CELL_STATES.map((state) => STATE_COLOURS[state]),
        },
      },
      opacity: { field: "fill", type: "quantitative", scale: { domain: [0, 1], range: [0.35, 1] }, legend: null },
      tooltip: [
        { field: "identity", type: "nominal" },
        { field: "entitlement", type: "nominal" },
        { field: "cluster", type: "ordinal" },
        { field: "state", type: "nominal" },
      ],
    },
  };
}

/** Cell size in pixels: about 900 wide and 900 high at most, 2 to 16 each. */
function cellSize(layout: HeatmapLayout): { cellWidth: number; cellHeight: number } {
  const fit = (count: number, max: number) =>
    Math.max(2, Math.min(max, Math.floor(900 / Math.max(count, 1))));
  return { cellWidth: fit(layout.columns, 16), cellHeight: fit(layout.rows, 12) };
}

// Long ids (ARNs) keep their end, which names the role or user; the
// cell tooltips keep the whole id.
function shorten(label: string): string {
  return label.length <= MAX_LABEL ? label : `…${label.slice(-(MAX_LABEL - 1))}`;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
