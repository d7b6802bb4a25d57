import type { Report } from "./types.js";

/** Columns of the findings-and-recommendations CSV, in order. */
export const REPORT_CSV_COLUMNS = [
  "record",
  "id",
  "type",
  "priority",
  "verdict",
  "identity",
  "entitlement",
  "status",
  "review_state",
  "review_etag",
  "score",
  "text",
  "related",
  "evidence",
] as const;

/**
 * Renders the findings and recommendations of a report as one CSV (RFC
 * 4180, CRLF line ends, every cell quoted). `record` is `finding` or
 * `recommendation`; `type` is the finding type or the recommendation
 * kind; `text` the finding's sentence or the recommendation's
 * rationale; `related` the linked ids; `evidence` the evidence as JSON.
 *
 * Cells are safe to open in a spreadsheet: any cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so
 * the spreadsheet shows it as text instead of evaluating a formula.
 */
export function renderReportCsv(report: Report): string {
  const rows: string[][] = [REPORT_CSV_COLUMNS.slice()];
  for (const finding of report.findings) {
    rows.push([
      "finding",
      finding.id,
      finding.type,
      finding.priority,
      finding.verdict,
      finding.identity,
      finding.entitlement ?? "",
      "",
      "",
      "",
      String(finding.score),
      finding.sentence,
      "",
      JSON.stringify(finding.evidence),
    ]);
  }
  for (const recommendation of report.recommendations) {
    const { target } = recommendation;
    rows.push([
      "recommendation",
      recommendation.id,
      recommendation.kind,
      recommendation.priority,
      "",
      target.identity ?? "",
      target.entitlement ?? target.entitlements?.join(" ") ?? "",
      recommendation.status,
      recommendation.review.state,
      recommendation.review.etag,
      String(recommendation.score),
      recommendation.rationale,
      [...recommendation.findings, recommendation.supersedes ?? ""]
        .filter((id) => id !== "")
        .join(" "),
      JSON.stringify(recommendation.evidence),
    ]);
  }
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes one cell and neutralises a leading formula character. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
