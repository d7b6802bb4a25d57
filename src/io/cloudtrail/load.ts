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
import { type CloudTrailEventOptions, readCloudTrailEvent } from "./event.js";
import { RecordSplitter } from "./records.js";

/** Options of `loadCloudTrail` and `readCloudTrail`. */
export interface CloudTrailOptions
  extends ActivityLogOptions,
    CloudTrailEventOptions {
  /**
   * Count an event whose `eventID` was already read once only, for
   * folders that may hold the same event twice (overlapping exports or
   * copies). Default false, because the ids read must be kept: memory
   * then grows by about 80 bytes per event (measured on Node 20 with the
   * 36-character ids CloudTrail writes).
   */
  deduplicate?: boolean | undefined;
}

/** Files a CloudTrail folder is read for. */
export const CLOUDTRAIL_FILES: LogFileFilter = {
  accept: (name) => /\.json(?:\.gz)?$/i.test(name),
  // Digest files prove log integrity and hold no events.
  skip: (name) => name.includes("CloudTrail-Digest"),
  description: ".json or .json.gz CloudTrail files",
};

const CLOUDTRAIL_FORMAT: LogFormat = {
  source: "cloudtrail",
  granularity: "action",
  files: CLOUDTRAIL_FILES,
  subject: "CloudTrail input",
};

/**
 * Reads CloudTrail logs into observed usage: per identity, entitlement
 * and channel, the successful uses, the last one, the failed (denied)
 * attempts, the last one, and the distinct days of use. Event rules are
 * those of `readCloudTrailEvent`.
 *
 * `paths` names files or folders. A folder is walked recursively for
 * `.json` and `.json.gz` files in name order, passing over CloudTrail
 * digest files. A file named directly is read whatever its name. Each
 * file is `{"Records": [...]}` as CloudTrail delivers it to S3, or a bare
 * JSON array of events, either of them gzip-compressed or not (the gzip
 * magic bytes decide, not the name).
 *
 * Files are read one at a time and streamed event by event. Memory is
 * therefore bounded by the largest single event plus the usage tallied,
 * which grows with the distinct identity-entitlement-channel triples and
 * their days of use, not with the events. With `deduplicate`, the event
 * ids read are kept as well.
 *
 * @throws {InputError} naming the file and the event path (for example
 *   `Records.12.eventTime`) when a file is not valid JSON, not in a
 *   CloudTrail shape, or contains a value that is not a CloudTrail event; or
 *   naming a path that does not exist or a folder with no CloudTrail file.
 * @throws {OptionError} when an option has the wrong type or value.
 * @example
 * // The 55 delivery files of the public invictus-ir/aws_dataset.
 * const usage = await readCloudTrail("aws_dataset/CloudTrail");
 * usage.summary.eventsRead; // 2900
 * usage.summary.failures; // 60
 */
export async function readCloudTrail(
  paths: string | readonly string[],
  options: CloudTrailOptions = {},
): Promise<ObservedUsage> {
  const seenEventIds = options.deduplicate === true ? new Set<string>() : null;
  const readFile = async (
    file: string,
    add: (reading: EventReading) => void,
  ) => {
    const splitter = new RecordSplitter((text, path) => {
      add(readEvent(text, path, options, seenEventIds));
    });
    try {
      const stream = await openLogText(file);
      for await (const chunk of stream) splitter.write(chunk as string);
      splitter.end();
    } catch (error) {
      throw fileError(error, file);
    }
  };
  return readActivityLog(paths, CLOUDTRAIL_FORMAT, options, readFile);
}

/**
 * Reads CloudTrail logs (see `readCloudTrail`) and joins them with
 * `options.grants` (see `joinUsage`) into estate parts for `buildEstate`,
 * with a summary of the counts.
 *
 * @throws {InputError} as `readCloudTrail` does.
 * @example
 * const { grants } = await readGrantsFile("grants.csv");
 * const { parts, summary } = await loadCloudTrail("AWSLogs/", { grants });
 * const estate = buildEstate(parts);
 * summary.ungrantedUsedPairs; // pairs used without a grant
 */
export async function loadCloudTrail(
  paths: string | readonly string[],
  options: CloudTrailOptions = {},
): Promise<LoadedEstate> {
  const usage = await readCloudTrail(paths, options);
  return joinUsage(options.grants, usage);
}

function readEvent(
  text: string,
  path: string,
  options: CloudTrailOptions,
  seenEventIds: Set<string> | null,
): EventReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new LogShapeError(
      path,
      describeValue(text),
      `a valid JSON event (${message})`,
    );
  }

  let reading: EventReading;
  try {
    reading = readCloudTrailEvent(value, options);
  } catch (error) {
    throw error instanceof LogShapeError ? error.within(path) : error;
  }

  const eventId = (value as { eventID?: unknown }).eventID;
  if (seenEventIds === null || typeof eventId !== "string") return reading;
  if (seenEventIds.has(eventId)) {
    return { status: "skipped", time: reading.time, reason: "duplicate" };
  }
  seenEventIds.add(eventId);
  return reading;
}

function fileError(error: unknown, file: string): Error {
  const subject = `CloudTrail file ${file}`;
  if (!(error instanceof LogShapeError)) {
    return fileReadError(error, subject);
  }
  return new InputError(
    subject,
    [{ path: error.path, received: error.received, expected: error.expected }],
    { cause: error },
  );
}
