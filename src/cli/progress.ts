import type { AnalyzeProgress } from "../pipeline/analyze.js";

/**
 * A progress callback that writes one line per stage and a k-means
 * iteration counter to stderr, or undefined when progress is off. By
 * default progress shows only when stderr is a terminal.
 */
export function progressPrinter(
  enabled: boolean | undefined,
): ((progress: AnalyzeProgress) => void) | undefined {
  if (!(enabled ?? process.stderr.isTTY === true)) return undefined;
  const started = performance.now();
  return (progress) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (progress.iteration !== undefined) {
      process.stderr.write(
        `[${seconds}s] ${progress.stage}: iteration ${progress.iteration}/${progress.maxIterations}\n`,
      );
    } else {
      process.stderr.write(`[${seconds}s] ${progress.stage}\n`);
    }
  };
}
