import { createInterface } from "node:readline";
import { InputError, describeValue } from "../../errors.js";
import {
  type LogFileFilter,
  fileReadError,
  openLogText,
} from "../activity-log/files.js";
import type { EventReading, ObservedUsage } from "../activity-log/observed.js";
import type { ActivityLogOptions } from "../activity-log/options.js";
import { type LogFormat, readActivityLog } from "../activity-log/read.js";
import { LogShapeError } from "../activity-log/shape-error.js";
import { type LoadedEstate, joinUsage } from "../join.js";
import { type K8sAuditEventOptions, readK8sAuditEvent } from "./event.js";

/** Options of `loadK8sAudit` and `readK8sAudit`. */
export interface K8sAuditOptions
  extends ActivityLogOptions,
    K8sAuditEventOptions {}

/**
 * Files a Kubernetes audit folder is read for: `.log` (the apiserver's
 * log backend and its rotated files), `.jsonl` and `.json`, each also
 * gzip-compressed (`.gz`).
 */
export const K8S_AUDIT_FILES: LogFileFilter = {
  accept: (name) => /\.(?:log|jsonl|json)(?:\.gz)?$/i.test(name),
  description: ".log, .jsonl or .json audit files",
};

const K8S_AUDIT_FORMAT: LogFormat = {
  source: "k8s-audit",
  granularity: "action",
  files: K8S_AUDIT_FILES,
  subject: "Kubernetes audit input",
};

/**
 * Reads Kubernetes audit logs into observed usage: per identity,
 * entitlement and channel, the successful uses, the last one, the failed
 * (401 or 403) attempts, the last one, and the distinct days of use.
 * Event rules are those of `readK8sAuditEvent`.
 *
 * `paths` names files or folders (walked recursively in name order for
 * the files of `K8S_AUDIT_FILES`). Each file contains one JSON audit
 * event per line, as the apiserver's log backend writes it. A line may
 * also contain an `EventList`, as the webhook backend sends them. Blank
 * lines are skipped. Files may be gzip-compressed. They are streamed line
 * by line, so memory is bounded by the longest line plus the usage
 * tallied.
 *
 * @throws {InputError} naming the file and line when a line is not JSON
 *   or not an audit event, or naming a path that does not exist.
 * @throws {OptionError} when an option has the wrong type or value.
 * @example
 * // testdata/demo.log of the public liggitt/audit2rbac repository.
 * const usage = await readK8sAudit("demo.log");
 * usage.summary.eventsRead; // 757
 * usage.summary.skipped.stage; // 320: RequestReceived of 437 requests
 */
export async function readK8sAudit(
  paths: string | readonly string[],
  options: K8sAuditOptions = {},
): Promise<ObservedUsage> {
  const readFile = async (
    file: string,
    add: (reading: EventReading) => void,
  ) => {
    let lineNumber = 0;
    try {
      const lines = createInterface({
        input: await openLogText(file),
        crlfDelay: Infinity,
      });
      for await (const line of lines) {
        lineNumber++;
        if (line.trim() !== "") readLine(line, add, options);
      }
    } catch (error) {
      throw lineError(error, `Kubernetes audit log ${file}`, lineNumber);
    }
  };
  return readActivityLog(paths, K8S_AUDIT_FORMAT, options, readFile);
}

/**
 * Reads Kubernetes audit logs (see `readK8sAudit`) and joins them with
 * `options.grants` (see `joinUsage`) into estate parts for `buildEstate`,
 * with a summary of the counts.
 *
 * @throws {InputError} as `readK8sAudit` does.
 * @example
 * const { parts, summary } = await loadK8sAudit("demo.log");
 * summary.failures; // 11, the 403 responses
 * summary.identities; // 4
 */
export async function loadK8sAudit(
  paths: string | readonly string[],
  options: K8sAuditOptions = {},
): Promise<LoadedEstate> {
  const usage = await readK8sAudit(paths, options);
  return joinUsage(options.grants, usage);
}

function readLine(
  line: string,
  add: (reading: EventReading) => void,
  options: K8sAuditOptions,
): void {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new LogShapeError(
      "",
      describeValue(line),
      `one JSON audit event per line (${message})`,
    );
  }

  const list = value as { kind?: unknown; items?: unknown } | null;
  if (list?.kind !== "EventList" || !Array.isArray(list.items)) {
    add(readK8sAuditEvent(value, options));
    return;
  }
  list.items.forEach((item: unknown, i) => {
    try {
      add(readK8sAuditEvent(item, options));
    } catch (error) {
      throw error instanceof LogShapeError ? error.within(`items.${i}`) : error;
    }
  });
}

function lineError(error: unknown, subject: string, line: number): Error {
  if (!(error instanceof LogShapeError)) return fileReadError(error, subject);
  const path =
    error.path === "" ? `line ${line}` : `line ${line}, ${error.path}`;
  return new InputError(
    subject,
    [{ path, received: error.received, expected: error.expected }],
    { cause: error },
  );
}
