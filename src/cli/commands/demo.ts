import type { Command } from "commander";
import { generateDemoEstate } from "../../generate/demo-estate.js";
import {
  type AnalyzeFlags,
  type ExitState,
  analysisExitCode,
  runAnalysis,
  withAnalyzeOptions,
} from "./analyze.js";

/** Registers `rolemine demo`: `analyze` on the embedded demo estate. */
export function registerDemo(program: Command, exit: ExitState): void {
  withAnalyzeOptions(
    program
      .command("demo")
      .description("analyze the embedded demo estate (seeded, generated in memory) and print a summary"),
  ).action((flags: AnalyzeFlags) => {
    const report = runAnalysis(generateDemoEstate(), flags);
    exit.code = analysisExitCode(report, flags);
  });
}
