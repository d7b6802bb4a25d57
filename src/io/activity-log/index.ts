export type {
  Attempt,
  EventReading,
  ObservedIdentity,
  ObservedPair,
  ObservedUsage,
} from "./observed.js";
export {
  type ActivityLogOptions,
  type LoadProgress,
  PROGRESS_INTERVAL,
} from "./options.js";
export { type LogFileFilter, type LogFileList, listLogFiles } from "./files.js";
export { LogShapeError } from "./shape-error.js";
export {
  type ActivityLogSource,
  type ReadSummary,
  SKIP_REASONS,
  type SkipReason,
} from "./summary.js";
