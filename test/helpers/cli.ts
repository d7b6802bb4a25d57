import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { REPO_ROOT } from "./datasets.js";

/** Output of one CLI run. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from source in a child process, as a user would. */
export function runCli(args: readonly string[], cwd = REPO_ROOT): CliRun {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", resolve(REPO_ROOT, "src/cli/bin.ts"), ...args],
    { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
