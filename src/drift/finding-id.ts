import { contentHash } from "../hash.js";
import type { FindingType } from "./types.js";

/**
 * Id of a finding about a subject. It depends on the type and subject
 * only, so the same finding keeps its id from run to run while its
 * evidence changes.
 */
export function findingId(
  type: FindingType,
  identity: string,
  entitlement: string | null,
): string {
  return `f-${contentHash({ type, identity, entitlement })}`;
}
