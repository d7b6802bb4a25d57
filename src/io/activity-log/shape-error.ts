/**
 * A value in a log file that is not in the log format's shape: what was
 * found at a path and what the format has there. Readers throw it inside
 * a file; the loader turns it into an `InputError` naming the file.
 */
export class LogShapeError extends Error {
  override readonly name = "LogShapeError";

  constructor(
    /** Dotted path of the place, e.g. `Records.12.eventTime`; `` is root. */
    readonly path: string,
    /** The value found there, rendered for a message. */
    readonly received: string,
    /** The value the format expects there. */
    readonly expected: string,
  ) {
    super(`at ${path || "(root)"}: received ${received}, expected ${expected}`);
  }

  /** Returns the same error with `prefix` put before its path. */
  within(prefix: string): LogShapeError {
    const path = this.path === "" ? prefix : `${prefix}.${this.path}`;
    return new LogShapeError(path, this.received, this.expected);
  }
}
