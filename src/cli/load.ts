import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { buildEstate, type Estate } from "../estate/estate.js";
import { createEstate } from "../estate/parse.js";
import { InputError, RolemineError } from "../errors.js";
import { parsePairs } from "../io/pairs.js";
import { parseUsageCsv } from "../io/usage-csv.js";

/** Input formats the CLI reads. */
export type InputFormat = "pairs" | "csv" | "json";

export const INPUT_FORMATS: readonly InputFormat[] = ["pairs", "csv", "json"];

/** An estate read from a file, with the columns the reader left unread. */
export interface LoadedInput {
  readonly estate: Estate;
  readonly ignoredColumns: readonly string[];
}

/**
 * Picks the format from the option or, without one, from the extension:
 * `.csv` is a usage CSV, `.json` an estate document, anything else the
 * two-column pairs format.
 */
export function resolveFormat(file: string, format: string | undefined): InputFormat {
  if (format !== undefined) {
    if ((INPUT_FORMATS as readonly string[]).includes(format)) {
      return format as InputFormat;
    }
    throw new InputError("command line", [
      {
        path: "--format",
        received: JSON.stringify(format),
        expected: INPUT_FORMATS.join(", "),
      },
    ]);
  }
  const extension = extname(file).toLowerCase();
  if (extension === ".csv") return "csv";
  if (extension === ".json") return "json";
  return "pairs";
}

/** Reads a file as text, turning a missing file into a clear error. */
export function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "file not found"
        : (error as Error).message;
    throw new RolemineError("parse_failed", `Cannot read ${file}: ${reason}.`, {
      cause: error,
    });
  }
}

/** Loads an estate from a file in the given format. */
export function loadInput(file: string, format: InputFormat): LoadedInput {
  const text = readText(file);
  switch (format) {
    case "pairs":
      return { estate: buildEstate({ records: parsePairs(text) }), ignoredColumns: [] };
    case "csv": {
      const csv = parseUsageCsv(text);
      return { estate: buildEstate({ records: csv.records }), ignoredColumns: csv.ignoredColumns };
    }
    case "json":
      return { estate: createEstate(parseJson(file, text)), ignoredColumns: [] };
  }
}

/** Parses JSON, naming the file and position of a syntax error. */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    let where = "file";
    if (position !== null) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split("\n").length;
      const column = before.length - before.lastIndexOf("\n");
      where = `line ${line}, column ${column}`;
    }
    throw new InputError(
      file,
      [{ path: where, received: message, expected: "valid JSON" }],
      { cause: error },
    );
  }
}
