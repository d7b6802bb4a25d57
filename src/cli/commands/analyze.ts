import { type Command, InvalidArgumentError } from "commander";
import { buildEstate } from "../../estate/estate.js";
import { createEstate } from "../../estate/parse.js";
import {
  analyze,
  type AnalyzeOptions,
  isEstate,
} from "../../pipeline/analyze.js";
import { writeJson } from "../../report/json.js";
import { renderMarkdown } from "../../report/markdown.js";
import type { Report } from "../../report/types.js";
import { loadInput, parseJson, readText, resolveFormat } from "../load.js";
import {
  UsageError,
  parsePositive,
  parseWholeNumber,
  writeChunks,
  writeOutput,
} from "../output.js";
import { progressPrinter } from "../progress.js";
import { loadActivityLog } from "../load-logs.js";
import { writeReportForms } from "../report-forms.js";
import { summaryText } from "../summary-text.js";

/** Exit code an action sets for `main` to return. */
export interface ExitState {
  code: number;
}

/** Options shared by `analyze` and `demo`. */
export interface AnalyzeFlags {
  k?: number | "auto";
  seed?: number;
  metric?: string;
  asOf?: string;
  windowDays?: number;
  dormantDays?: number;
  support?: number;
  json?: boolean;
  markdown?: boolean;
  out?: string;
  outDir?: string;
  timings: boolean;
  progress?: boolean;
  reviews?: string;
  previous?: string;
  exclusions?: string;
  failOnNewHigh?: boolean;
}

/** Adds the analysis options to a command. */
export function withAnalyzeOptions(command: Command): Command {
  return command
    .option("--k <n>", 'number of clusters, or "auto" for the k rule (default: auto)', parseClusterCount)
    .option("--seed <n>", "seed of every random choice (default: 1)", parseWholeNumber("--seed", 0))
    .option("--metric <metric>", "k-means distance: euclidean or cosine (default: euclidean)")
    .option("--as-of <date>", "ISO-8601 instant of the analysis (default: latest date in the input)")
    .option("--window-days <n>", "observation window in days (default: 90)", parsePositive("--window-days"))
    .option("--dormant-days <n>", "days without use after which a grant is dormant (default: the window)", parsePositive("--dormant-days"))
    .option("--support <share>", "share of a cluster holding an entitlement for it to join the role, (0, 1] (default: 0.8)", parsePositive("--support"))
    .option("--json", "print the full report as JSON")
    .option("--markdown", "print the report as Markdown for reviewers")
    .option("--out <file>", "write the output to a file instead of stdout")
    .option("--out-dir <dir>", "write every report form to a folder: report.json, .md, .csv, .svg and .vl.json")
    .option("--no-timings", "leave stage timings out, for byte-identical reports")
    .option("--progress", "show progress on stderr (default: when stderr is a terminal)")
    .option("--reviews <file>", "JSON array of earlier review states: { id, state, etag?, note? }")
    .option("--previous <file>", "previous JSON report: diff the findings and keep claimed recommendations frozen")
    .option("--exclusions <file>", "JSON array of accepted exceptions: { identity?, entitlement?, kind?, reason }")
    .option("--fail-on-new-high", `exit with code ${EXIT_NEW_HIGH} when there are new critical or high findings (all of them without --previous)`);
}

function parseClusterCount(text: string): number | "auto" {
  if (text === "auto") return "auto";
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1) {
    throw new InvalidArgumentError(
      `--k: received ${JSON.stringify(text)}, expected a whole number, 1 or more, or "auto".`,
    );
  }
  return value;
}

/** Exit code of `--fail-on-new-high` when new high-priority findings exist. */
export const EXIT_NEW_HIGH = 3;

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
  if (flags.reviews !== undefined) {
    options.reviews = parseJson(flags.reviews, readText(flags.reviews));
  }
  if (flags.previous !== undefined) {
    options.previous = parseJson(flags.previous, readText(flags.previous));
  }
  if (flags.exclusions !== undefined) {
    options.exclusions = parseJson(flags.exclusions, readText(flags.exclusions)) as never;
  }
  if (flags.k !== undefined) options.k = flags.k;
  if (flags.seed !== undefined) options.seed = flags.seed;
  if (flags.metric !== undefined) options.metric = flags.metric as never;
  if (flags.asOf !== undefined) options.asOf = flags.asOf;
  if (flags.windowDays !== undefined) options.windowDays = flags.windowDays;
  if (flags.dormantDays !== undefined) options.dormantDays = flags.dormantDays;
  if (flags.support !== undefined) options.support = flags.support;

  const estate = isEstate(input) ? input : createEstate(input);
  const report = analyze(estate, options);
  if (flags.outDir !== undefined) writeReportForms(flags.outDir, estate, report);
  if (flags.json) {
    writeChunks(flags.out, (write) => writeJson(report, write));
  } else {
    const text = flags.markdown ? renderMarkdown(report) : summaryText(report);
    writeOutput(text, flags.out);
  }
  return report;
}

/**
 * Exit code a scheduler can act on: `EXIT_NEW_HIGH` when asked and there
 * are new critical or high findings, else 0.
 */
export function analysisExitCode(report: Report, flags: AnalyzeFlags): number {
  if (!flags.failOnNewHigh) return 0;
  const isNew = report.diff === null ? () => true : ((ids) => (id: string) => ids.has(id))(new Set(report.diff.new));
  const newHigh = report.findings.filter(
    (f) => (f.priority === "critical" || f.priority === "high") && isNew(f.id),
  );
  if (newHigh.length === 0) return 0;
  // The scheduler acts on the code, and the operator reading its log
  // learns which findings caused it.
  process.stderr.write(
    `rolemine: ${newHigh.length} new critical or high findings` +
      `${report.diff === null ? " (no --previous, so all count as new)" : ""}:\n`,
  );
  for (const finding of newHigh.slice(0, 20)) {
    process.stderr.write(`  ${finding.id} ${finding.priority} ${finding.type} ${finding.identity}${finding.entitlement === null ? "" : ` ${finding.entitlement}`}\n`);
  }
  if (newHigh.length > 20) {
    process.stderr.write(`  ... and ${newHigh.length - 20} more; see the report's diff.new\n`);
  }
  return EXIT_NEW_HIGH;
}

/** Flags of `rolemine analyze` beyond the shared analysis options. */
interface AnalyzeCommandFlags extends AnalyzeFlags {
  format?: string;
  cloudtrail?: string[];
  k8sAudit?: string[];
  grants?: string;
  erroredCalls?: string;
}

/** Registers `rolemine analyze`. */
export function registerAnalyze(program: Command, exit: ExitState): void {
  withAnalyzeOptions(
    program
      .command("analyze")
      .description("cluster identities, propose roles, find drift and recommend advisory changes")
      .argument("[file]", "input: pairs (.txt), usage CSV (.csv) or estate JSON (.json)")
      .option("--format <format>", "input format: pairs, csv or json (default: from the extension)")
      .option("--cloudtrail <paths...>", "read usage from CloudTrail files or folders (.json, .json.gz)")
      .option("--k8s-audit <paths...>", "read usage from Kubernetes audit logs (JSON lines)")
      .option("--grants <file>", "grants to join with log usage: CSV (identity,entitlement[,granted_at,via]) or JSON array")
      .option("--errored-calls <mode>", "log calls that failed with an error other than a denial: skip or use (default: skip)"),
  ).action(async (file: string | undefined, flags: AnalyzeCommandFlags) => {
    if (flags.json && flags.markdown) {
      throw new UsageError("--json and --markdown exclude each other; choose one.");
    }
    const sources = [file, flags.cloudtrail, flags.k8sAudit].filter((s) => s !== undefined);
    if (sources.length !== 1) {
      throw new UsageError(
        "analyze needs exactly one input: a FILE, --cloudtrail PATHS or --k8s-audit PATHS.",
      );
    }
    if (flags.grants !== undefined && file !== undefined) {
      throw new UsageError("--grants joins grants with log usage; use it with --cloudtrail or --k8s-audit.");
    }

    if (file !== undefined) {
      const loaded = loadInput(file, resolveFormat(file, flags.format));
      const report = runAnalysis(loaded.estate, flags, {
        ignoredColumns: loaded.ignoredColumns,
      });
      exit.code = analysisExitCode(report, flags);
      return;
    }
    const loaded = await loadActivityLog(flags);
    const report = runAnalysis(buildEstate(loaded.parts), flags, {
      ignoredColumns: loaded.ignoredColumns,
      inputSource: loaded.summary as unknown as Record<string, unknown>,
    });
    exit.code = analysisExitCode(report, flags);
  });
}
