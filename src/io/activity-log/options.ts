import { type InputIssue, OptionError, describeValue } from "../../errors.js";
import { type Grant, checkGrants } from "../grants.js";

/** Progress of a log read, reported to `onProgress`. */
export interface LoadProgress {
  /** Files read to the end so far. */
  readonly files: number;
  /** Events read so far, counted or skipped. */
  readonly events: number;
}

/** Options shared by the activity-log loaders. */
export interface ActivityLogOptions {
  /**
   * Grants to join with the usage; see `joinUsage`. Without them, a pair
   * counts as granted when the log shows a successful use of it.
   */
  grants?: readonly Grant[] | undefined;
  /**
   * Treatment of calls that failed with an error other than a denial.
   * `"skip"` (default) counts them as neither use nor failure, because
   * the error shows that the action did not take effect, and a throttled
   * call may be rejected before authorization is checked. `"use"` credits
   * them as uses, for estates where an attempt should keep a grant alive.
   * Either way the summary counts such calls by error code.
   */
  erroredCalls?: "skip" | "use" | undefined;
  /**
   * Called after every `PROGRESS_INTERVAL` events and after each file.
   * The loaders never print; this is how a caller shows progress.
   */
  onProgress?: ((progress: LoadProgress) => void) | undefined;
}

/** Events between two progress reports within a file. */
export const PROGRESS_INTERVAL = 10_000;

/**
 * Checks the shared options, for callers without type checking.
 *
 * @throws {InputError} when `grants` is not an array of valid grants.
 * @throws {OptionError} naming each other option of the wrong type or
 *   value.
 */
export function checkActivityLogOptions(options: ActivityLogOptions): void {
  const issues: InputIssue[] = [];
  const { grants, erroredCalls, onProgress } = options;
  // Checked before the log is read, so that bad grants fail fast.
  if (grants !== undefined) checkGrants(grants);
  if (
    erroredCalls !== undefined &&
    erroredCalls !== "skip" &&
    erroredCalls !== "use"
  ) {
    issues.push({
      path: "erroredCalls",
      received: describeValue(erroredCalls),
      expected: '"skip" or "use"',
    });
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    issues.push({
      path: "onProgress",
      received: describeValue(onProgress),
      expected: "a function, or nothing",
    });
  }
  if (issues.length > 0) throw new OptionError(issues);
}
