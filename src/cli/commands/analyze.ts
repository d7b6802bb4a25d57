import type { Command } from "commander";
import { analyze, type AnalyzeOptions } from "../../pipeline/analyze.js";
import { renderJson } from "../../report/json.js";
import { renderMarkdown } from "../../report/markdown.js";
import type { Report } from "../../report/types.js";
import { loadInput, resolveFormat } from "../load.js";
import {
  UsageError,
  parsePositive,
  parseWholeNumber,
  writeOutput,
} from "../output.js";
import { progressPrinter } from "../progress.js";
import { summaryText } from "../summary-text.js";

/** Options shared by `analyze` and `demo`. */
export interface AnalyzeFlags {
  k?: number;
  seed?: number;
  asOf?: string;
  windowDays?: number;
  dormantDays?: number;
  support?: number;
  json?: boolean;
  markdown?: boolean;
  out?: string;
  timings: boolean;
  progress?: boolean;
}

/** Adds the analysis options to a command. */
export function withAnalyzeOptions(command: Command): Command {
  return command
    .option("--k <n>", "number of clusters (default: chosen by the k rule)", parseWholeNumber("--k", 1))
    .option("--seed <n>", "seed of every random choice (default: 1)", parseWholeNumber("--seed", 0))
    .option("--as-of <date>", "ISO-8601 instant of the analysis (default: latest date in the input)")
    .option("--window-days <n>", "observation window in days (default: 90)", parsePositive("--window-days"))
    .option("--dormant-days <n>", "days without use after which a grant is dormant (default: the window)", parsePositive("--dormant-days"))
    .option("--support <share>", "share of a cluster holding an entitlement for it to join the role, (0, 1] (default: 0.8)", parsePositive("--support"))
    .option("--json", "print the full report as JSON")
    .option("--markdown", "print the report as Markdown for reviewers")
    .option("--out <file>", "write the output to a file instead of stdout")
    .option("--no-timings", "leave stage timings out, for byte-identical reports")
    .option("--progress", "show progress on stderr (default: when stderr is a terminal)");
}

/** Runs the analysis on an estate and writes the requested form. */
export function runAnalysis(
  input: unknown,
  flags: AnalyzeFlags,
  extra: Partial<AnalyzeOptions> = {},
): Report {
  const options: AnalyzeOptions = {
    ...extra,
    timings: flags.timings,
    onProgress: progressPrinter(flags.progress),
  };
  if (flags.k !== undefined) options.k = flags.k;
  if (flags.seed !== undefined) options.seed = flags.seed;
  if (flags.asOf !== undefined) options.asOf = flags.asOf;
  if (flags.windowDays !== undefined) options.windowDays = flags.windowDays;
  if (flags.dormantDays !== undefined) options.dormantDays = flags.dormantDays;
  if (flags.support !== undefined) options.support = flags.support;

  const report = analyze(input, options);
  const text = flags.json
    ? renderJson(report)
    : flags.markdown
      ? renderMarkdown(report)
      : summaryText(report);
  writeOutput(text, flags.out);
  return report;
}

/** Registers `rolemine analyze`. */
export function registerAnalyze(program: Command): void {
  withAnalyzeOptions(
    program
      .command("analyze")
      .description("cluster identities, propose roles, find drift and recommend advisory changes")
      .argument("<file>", "input: pairs (.txt), usage CSV (.csv) or estate JSON (.json)")
      .option("--format <format>", "input format: pairs, csv or json (default: from the extension)"),
  ).action((file: string, flags: AnalyzeFlags & { format?: string }) => {
    if (flags.json && flags.markdown) {
      throw new UsageError("--json and --markdown exclude each other; choose one.");
    }
    const loaded = loadInput(file, resolveFormat(file, flags.format));
    runAnalysis(loaded.estate, flags, { ignoredColumns: loaded.ignoredColumns });
  });
}
