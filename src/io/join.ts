import { parseIsoDate } from "../dates.js";
import type { EstateParts } from "../estate/estate.js";
import type {
  EntitlementInput,
  IdentityInput,
  UsageRecordInput,
} from "../estate/schema.js";
import type { ReadSummary } from "./activity-log/summary.js";
import type { ObservedPair, ObservedUsage } from "./activity-log/observed.js";
import { type Grant, checkGrants } from "./grants.js";

/**
 * Source of the grants of a joined estate. `file` means the caller
 * supplied grants. `observed` means there were none, so a pair counts as
 * granted exactly when the log shows a successful use of it.
 */
export type GrantsSource = "file" | "observed";

/**
 * Counts of a log read and its join with grants. Pair counts are over
 * distinct identity-entitlement pairs, whatever the channels.
 */
export interface UsageSummary extends ReadSummary {
  readonly grantsSource: GrantsSource;
  /** Grant rows given; 0 when the grants are observed. */
  readonly grants: number;
  /** Grant rows that repeat a pair; they are merged into the first. */
  readonly repeatedGrants: number;
  /** Identities in the estate parts. */
  readonly identities: number;
  /** Entitlements in the estate parts. */
  readonly entitlements: number;
  /** Usage records in the estate parts. */
  readonly records: number;
  /** Pairs with at least one use or failure in the log. */
  readonly observedPairs: number;
  /** Pairs with at least one successful use. */
  readonly usedPairs: number;
  /** Pairs with failed attempts and no successful use. */
  readonly deniedOnlyPairs: number;
  /** Granted pairs. */
  readonly grantedPairs: number;
  /** Granted pairs whose identity the log covers, with no use. */
  readonly unusedGrantedPairs: number;
  /** Granted pairs whose identity never appears in the log. */
  readonly unobservedGrantedPairs: number;
  /** Pairs used without a grant (only with a grants file). */
  readonly ungrantedUsedPairs: number;
}

/** Estate parts built from an activity log, with the counts behind them. */
export interface LoadedEstate {
  readonly parts: EstateParts;
  readonly summary: UsageSummary;
}

const pairKey = (identity: string, entitlement: string) =>
  `${identity}\u0000${entitlement}`;

/**
 * Joins grants with the usage read from an activity log into estate
 * parts. Logs show use, not grants, so:
 *
 * - With `grants`, a pair is granted when a grant names it. Used pairs
 *   without a grant are kept as records with `granted: false`, so that
 *   the analysis reports them. A grant with no use is a record with
 *   `uses: 0` when the log covers its identity, and without usage fields
 *   (not observed) when the identity never appears in the log.
 * - Without `grants` (`undefined`), a pair is granted when the log shows a
 *   successful use of it, and a pair with only denied attempts is not.
 *   No unused grant can be found this way, so `summary.grantsSource` is
 *   `"observed"` for reports to state that.
 *
 * Each observed identity-entitlement-channel triple is one record;
 * `buildEstate` merges the records of one pair (uses and failures summed,
 * channels united). Grant rows that repeat a pair are merged: the first
 * `via` and the earliest `grantedAt` are kept. Telemetry covers the
 * log's time span (`from` is the earliest event, `collectedAt` the
 * latest) and every identity named in an event read, including
 * identities seen only in skipped errored calls.
 *
 * Runs in O(pairs + grants). Never changes its arguments.
 *
 * @example
 * const usage = await readK8sAudit("demo.log");
 * joinUsage(undefined, usage).summary.grantsSource; // "observed"
 * joinUsage([], usage).summary.ungrantedUsedPairs; // 40
 */
export function joinUsage(
  grants: readonly Grant[] | undefined,
  usage: ObservedUsage,
): LoadedEstate {
  const observedGrants = grants === undefined;
  const merged = mergeGrants(observedGrants ? [] : checkGrants(grants));
  const totals = totalsByPair(usage.pairs);
  const covered = new Set(usage.identities.map((identity) => identity.id));
  const isGranted = (key: string) =>
    observedGrants ? (totals.get(key)?.uses ?? 0) > 0 : merged.byPair.has(key);

  // Observed pairs first, then grants that the log never shows in use.
  const records: UsageRecordInput[] = [];
  for (const pair of usage.pairs) {
    const key = pairKey(pair.identity, pair.entitlement);
    const grant = merged.byPair.get(key);
    records.push(
      observedRecord(pair, isGranted(key), grant, usage.granularity),
    );
  }
  let unusedGrantsOfCovered = 0;
  let unobservedGrantedPairs = 0;
  for (const [key, grant] of merged.byPair) {
    if (totals.has(key)) continue;
    const record: UsageRecordInput = { ...grant, granted: true };
    if (covered.has(grant.identity)) {
      unusedGrantsOfCovered++;
      Object.assign(record, {
        uses: 0,
        failures: 0,
        granularity: usage.granularity,
      });
    } else unobservedGrantedPairs++;
    records.push(record);
  }

  const identities = identityList(usage, records);
  const entitlements = entitlementList(usage, records);
  const { from, to } = usage.summary;
  const parts: EstateParts = {
    telemetry: {
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { collectedAt: to }),
      identities: [...covered],
    },
    identities,
    entitlements,
    records,
  };
  const { deniedGrantedPairs, ...pairCounts } = countPairs(totals, isGranted);
  const summary: UsageSummary = {
    ...usage.summary,
    grantsSource: observedGrants ? "observed" : "file",
    grants: grants?.length ?? 0,
    repeatedGrants: merged.repeated,
    identities: identities.length,
    entitlements: entitlements.length,
    records: records.length,
    ...pairCounts,
    grantedPairs: observedGrants ? pairCounts.usedPairs : merged.byPair.size,
    unusedGrantedPairs: deniedGrantedPairs + unusedGrantsOfCovered,
    unobservedGrantedPairs,
  };
  return { parts, summary };
}

/** Counts of the observed pairs, by use and grant. */
function countPairs(
  totals: ReadonlyMap<string, { uses: number }>,
  isGranted: (key: string) => boolean,
) {
  let usedPairs = 0;
  let deniedOnlyPairs = 0;
  let deniedGrantedPairs = 0;
  let ungrantedUsedPairs = 0;
  for (const [key, total] of totals) {
    if (total.uses > 0) {
      usedPairs++;
      if (!isGranted(key)) ungrantedUsedPairs++;
    } else {
      deniedOnlyPairs++;
      if (isGranted(key)) deniedGrantedPairs++;
    }
  }
  return {
    observedPairs: totals.size,
    usedPairs,
    deniedOnlyPairs,
    deniedGrantedPairs,
    ungrantedUsedPairs,
  };
}

function mergeGrants(grants: readonly Grant[]): {
  byPair: Map<string, Grant>;
  repeated: number;
} {
  const byPair = new Map<string, Grant>();
  let repeated = 0;
  for (const grant of grants) {
    const key = pairKey(grant.identity, grant.entitlement);
    const first = byPair.get(key);
    if (first === undefined) {
      byPair.set(key, { ...grant });
      continue;
    }
    repeated++;
    if (first.via === undefined && grant.via !== undefined) {
      first.via = grant.via;
    }
    if (isEarlier(grant.grantedAt, first.grantedAt)) {
      first.grantedAt = grant.grantedAt;
    }
  }
  return { byPair, repeated };
}

/** Tests whether date `a` is given and is before `b` or `b` is missing. */
function isEarlier(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined) return false;
  if (b === undefined) return true;
  return parseIsoDate(a)! < parseIsoDate(b)!;
}

function totalsByPair(
  pairs: readonly ObservedPair[],
): Map<string, { uses: number; failures: number }> {
  const totals = new Map<string, { uses: number; failures: number }>();
  for (const pair of pairs) {
    const key = pairKey(pair.identity, pair.entitlement);
    const total = totals.get(key) ?? { uses: 0, failures: 0 };
    total.uses += pair.uses;
    total.failures += pair.failures;
    totals.set(key, total);
  }
  return totals;
}

function observedRecord(
  pair: ObservedPair,
  granted: boolean,
  grant: Grant | undefined,
  granularity: UsageRecordInput["granularity"],
): UsageRecordInput {
  const record: UsageRecordInput = {
    identity: pair.identity,
    entitlement: pair.entitlement,
    granted,
    uses: pair.uses,
    failures: pair.failures,
    channel: pair.channel,
    granularity,
  };
  if (pair.lastUsedAt !== undefined) record.lastUsedAt = pair.lastUsedAt;
  if (pair.lastFailureAt !== undefined) {
    record.lastFailureAt = pair.lastFailureAt;
  }
  // NOTE: `buildEstate` concatenates the histories of a pair's records,
  // so a day of use on two channels appears twice in the merged history.
  if (pair.days.length > 0) record.history = [...pair.days];
  if (grant?.grantedAt !== undefined) record.grantedAt = grant.grantedAt;
  if (grant?.via !== undefined) record.via = grant.via;
  return record;
}

function identityList(
  usage: ObservedUsage,
  records: readonly UsageRecordInput[],
): IdentityInput[] {
  const inRecords = new Set(records.map((record) => record.identity));
  const list: IdentityInput[] = [];
  for (const identity of usage.identities) {
    if (!inRecords.delete(identity.id)) continue;
    list.push(
      identity.kind === undefined
        ? { id: identity.id }
        : { id: identity.id, kind: identity.kind },
    );
  }
  // Identities named only by grants, in the order the records name them.
  for (const id of inRecords) list.push({ id });
  return list;
}

function entitlementList(
  usage: ObservedUsage,
  records: readonly UsageRecordInput[],
): EntitlementInput[] {
  const inRecords = new Set(records.map((record) => record.entitlement));
  const list: EntitlementInput[] = [];
  for (const entitlement of usage.entitlements) {
    if (inRecords.delete(entitlement.id)) list.push({ ...entitlement });
  }
  for (const id of inRecords) list.push({ id });
  return list;
}
