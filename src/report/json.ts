import type { Report } from "./types.js";

/**
 * Serialises a report as indented JSON with a final newline. Key order is
 * the order in which `analyze` builds each object, which is fixed, so the
 * same report always gives the same bytes. Holds the whole text in
 * memory: for large reports use `writeJson`.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Writes the same bytes as `renderJson` in pieces, one array element at a
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
      value.forEach((item: unknown, position) => {
        const text = JSON.stringify(item, null, 2) ?? "null";
        write(`    ${indent(text, "    ")}`);
        write(position < value.length - 1 ? ",\n" : "\n");
      });
      write("  ]");
    } else {
      write(indent(JSON.stringify(value, null, 2), "  "));
    }
    write(index < entries.length - 1 ? ",\n" : "\n");
  });
  write("}\n");
}

// JSON text has no raw newline inside strings, so every newline starts a
// line of structure.
function indent(text: string, prefix: string): string {
  return text.replace(/\n/g, `\n${prefix}`);
}
