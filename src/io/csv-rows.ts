import { parse } from "csv-parse/sync";
import { InputError } from "../errors.js";

/**
 * Calls `visit` with the trimmed fields and line number of each CSV row;
 * `subject` names the file kind in errors, for example "usage CSV".
 * Text without a double quote has no quoting to resolve, so it is split
 * on line ends and commas directly, which is several times faster on
 * millions of rows. Other text goes through csv-parse. Empty lines are
 * skipped, and every row must have as many fields as the first.
 */
export function forEachCsvRow(
  text: string,
  subject: string,
  visit: (fields: string[], line: number) => void,
): void {
  if (text.includes('"')) {
    for (const row of quotedRows(text, subject)) visit(row.fields, row.line);
    return;
  }
  const lines = text.split("\n");
  let width = -1;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === "") continue;
    const fields = line.split(",");
    for (let f = 0; f < fields.length; f++) fields[f] = fields[f]!.trim();
    if (width < 0) width = fields.length;
    else if (fields.length !== width) {
      throw new InputError(subject, [
        {
          path: `line ${i + 1}`,
          received: `${fields.length} ${fields.length === 1 ? "field" : "fields"}`,
          expected: `${width} fields, as in the header`,
        },
      ]);
    }
    visit(fields, i + 1);
  }
}

function quotedRows(
  text: string,
  subject: string,
): { fields: string[]; line: number }[] {
  try {
    const records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ fields: record, line: info.lines }));
  } catch (error) {
    throw new InputError(
      subject,
      [
        {
          path: "file",
          received: error instanceof Error ? error.message : String(error),
          expected: "well-formed CSV with the same number of fields per row",
        },
      ],
      { cause: error },
    );
  }
}
