import type { Report } from "./types.js";

/**
 * Serialises a report as indented JSON with a final newline. Key order is
 * the order in which `analyze` builds each object, which is fixed, so the
 * same report always gives the same bytes.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
