export {
  CLOUDTRAIL_FILES,
  type CloudTrailOptions,
  loadCloudTrail,
  readCloudTrail,
} from "./load.js";
export { type CloudTrailEventOptions, readCloudTrailEvent } from "./event.js";
export {
  type CloudTrailUserIdentity,
  type IdentityResolution,
  isServiceLinkedRole,
  resolveCloudTrailIdentity,
} from "./identity.js";
export {
  type CallOutcome,
  DENIED_ERROR_CODES,
  callChannel,
  classifyCall,
} from "./outcome.js";
export { type RecordHandler, RecordSplitter } from "./records.js";
