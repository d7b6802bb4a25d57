import { Command, CommanderError } from "commander";
import { RolemineError } from "../errors.js";
import { VERSION } from "../version.js";
import { UsageError } from "./output.js";
import {
  EXIT_NEW_HIGH,
  type ExitState,
  registerAnalyze,
} from "./commands/analyze.js";
import { registerCluster } from "./commands/cluster.js";
import { registerDemo } from "./commands/demo.js";
import { registerGenerate } from "./commands/generate.js";
import { registerMine } from "./commands/mine.js";

/**
 * Exit codes: 0 success, 1 unexpected failure, 2 invalid input, options
 * or command line, 3 new critical or high findings when
 * `--fail-on-new-high` is given.
 */
export const EXIT_CODES = {
  ok: 0,
  failure: 1,
  invalid: 2,
  newHighPriority: EXIT_NEW_HIGH,
} as const;

/** Builds the `rolemine` program; `main` runs it. */
export function buildProgram(exit: ExitState = { code: 0 }): Command {
  const program = new Command("rolemine")
    .description(
      "Role mining and access-drift analytics. Every recommendation is advisory; rolemine never changes access.",
    )
    .version(VERSION)
    .showHelpAfterError("(run rolemine help COMMAND for its options)")
    .exitOverride();
  registerAnalyze(program, exit);
  registerMine(program);
  registerCluster(program);
  registerGenerate(program);
  registerDemo(program, exit);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI with `argv` and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const exit: ExitState = { code: EXIT_CODES.ok };
    await buildProgram(exit).parseAsync(argv as string[], { from: "user" });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help text).
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.invalid;
    }
    if (error instanceof RolemineError || error instanceof UsageError) {
      process.stderr.write(`rolemine: ${error.message}\n`);
      return EXIT_CODES.invalid;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`rolemine: ${message}\n`);
    return EXIT_CODES.failure;
  }
}
