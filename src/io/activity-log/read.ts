import type { Granularity } from "../../estate/schema.js";
import { type LogFileFilter, listLogFiles } from "./files.js";
import type { EventReading, ObservedUsage } from "./observed.js";
import {
  type ActivityLogOptions,
  PROGRESS_INTERVAL,
  checkActivityLogOptions,
} from "./options.js";
import type { ActivityLogSource } from "./summary.js";
import { UsageTally } from "./tally.js";

/** Properties of a log format that the shared reading loop uses. */
export interface LogFormat {
  readonly source: ActivityLogSource;
  readonly granularity: Granularity;
  readonly files: LogFileFilter;
  /** Subject of input errors about the paths, e.g. `CloudTrail input`. */
  readonly subject: string;
}

/**
 * Reads one file of a format, passing the reading of each event to `add`
 * in file order.
 */
export type LogFileReader = (
  file: string,
  add: (reading: EventReading) => void,
) => Promise<void>;

/**
 * Lists the files of `paths` (see `listLogFiles`), reads them one after
 * the other with `readFile`, and tallies the events. Progress goes to
 * `options.onProgress` every `PROGRESS_INTERVAL` events and after each
 * file.
 *
 * @throws {OptionError} when a shared option has the wrong type or value.
 * @throws {InputError} from `listLogFiles` or `readFile`.
 */
export async function readActivityLog(
  paths: string | readonly string[],
  format: LogFormat,
  options: ActivityLogOptions,
  readFile: LogFileReader,
): Promise<ObservedUsage> {
  checkActivityLogOptions(options);
  const list = await listLogFiles(paths, format.files, format.subject);
  const tally = new UsageTally(format.source, format.granularity);
  let filesRead = 0;
  const report = () =>
    options.onProgress?.({ files: filesRead, events: tally.events });
  const add = (reading: EventReading) => {
    tally.add(reading);
    if (tally.events % PROGRESS_INTERVAL === 0) report();
  };

  for (const file of list.files) {
    await readFile(file, add);
    filesRead++;
    report();
  }
  return tally.result(filesRead, list.skipped);
}
