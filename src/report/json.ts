import type { Report } from "./types.js";

/**
 * Serialises a report as JSON with a final newline. Top-level objects are
 * indented; each element of a top-level array (a finding, a
 * recommendation, a cluster) is one compact line, so a report can be
 * grepped and diffed line by line. Key order is the order in which
 * `analyze` builds each object, which is fixed, so the same report always
 * gives the same bytes.
 */
export function renderJson(report: Report): string {
  const chunks: string[] = [];
  writeJson(report, (chunk) => chunks.push(chunk));
  return chunks.join("");
}

/**
 * Writes the bytes of `renderJson` in pieces, one array element at a
 * time, so a report larger than the engine's longest string (about 512
 * MiB in V8) can still be written. Memory beyond the report is one
 * element's text.
 */
export function writeJson(report: Report, write: (chunk: string) => void): void {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  write("{\n");
  entries.forEach(([key, value], index) => {
    write(`  ${JSON.stringify(key)}: `);
    if (Array.isArray(value) && value.length > 0) {
      write("[\n");
      const last = value.length - 1;
      value.forEach((item: unknown, position) => {
        write(`    ${JSON.stringify(item) ?? "null"}${position < last ? ",\n" : "\n"}`);
      });
      write("  ]");
    } else {
      // JSON text has no raw newline inside strings, so every newline
      // starts a line of structure.
      write(JSON.stringify(value, null, 2).replace(/\n/g, "\n  "));
    }
    write(index < entries.length - 1 ? ",\n" : "\n");
  });
  write("}\n");
}
