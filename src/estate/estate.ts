import { createDateParser, parseIsoDate } from "../dates.js";
import { InputError, type InputIssue, describeValue } from "../errors.js";
import {
  type CellDraft,
  type UsageMatrix,
  packMatrix,
} from "../matrix/usage-matrix.js";
import { cellFromRecord, mergeCell } from "./cells.js";
import {
  type EntitlementInfo,
  type IdentityInfo,
  type TelemetryInfo,
  entitlementInfo,
  identityInfo,
  telemetryInfo,
} from "./metadata.js";
import type {
  EntitlementInput,
  IdentityInput,
  TelemetryInput,
  UsageRecordInput,
} from "./schema.js";

/**
 * Everything the analysis reads: the usage matrix and the metadata of its
 * rows and columns. Built by `createEstate` or the loaders in `io/`.
 */
export interface Estate {
  readonly matrix: UsageMatrix;
  readonly identities: readonly IdentityInfo[];
  readonly entitlements: readonly EntitlementInfo[];
  readonly telemetry: TelemetryInfo;
  /** `asOf` from the input, epoch ms, when it was given. */
  readonly asOf: number | undefined;
  /** Latest date of any use, failure, grant or creation in the input. */
  readonly latestDate: number | undefined;
  /** Records that repeated an identity-entitlement pair and were merged. */
  readonly mergedRecords: number;
  /** Records whose identity was an alias, credited to the identity. */
  readonly aliasedRecords: number;
}

/** Validated parts of an estate, as the schemas or a loader produce them. */
export interface EstateParts {
  asOf?: string | undefined;
  telemetry?: TelemetryInput | undefined;
  identities?: readonly IdentityInput[] | undefined;
  entitlements?: readonly EntitlementInput[] | undefined;
  records: readonly UsageRecordInput[];
}

/** Ids in first-seen order with their metadata. */
class IdRegistry<T> {
  readonly ids: string[] = [];
  readonly meta: (T | undefined)[] = [];
  private readonly index = new Map<string, number>();

  has(id: string): boolean {
    return this.index.has(id);
  }

  add(id: string, meta: T | undefined): number {
    this.index.set(id, this.ids.length);
    this.ids.push(id);
    this.meta.push(meta);
    return this.ids.length - 1;
  }

  indexOf(id: string): number {
    return this.index.get(id) ?? this.add(id, undefined);
  }
}

/**
 * Builds an estate from validated parts. Identities and entitlements keep
 * the order in which they first appear: metadata first, then records.
 * Records naming an identity's alias count for that identity. Records that
 * repeat a pair are merged (see `mergeCell`).
 *
 * @throws {InputError} when metadata lists an id twice or an alias is
 *   also an identity id or another identity's alias.
 */
export function buildEstate(parts: EstateParts): Estate {
  const issues: InputIssue[] = [];
  const identities = new IdRegistry<IdentityInput>();
  (parts.identities ?? []).forEach((identity, i) => {
    if (identities.has(identity.id)) {
      issues.push(duplicateIssue(`identities.${i}.id`, identity.id));
    } else identities.add(identity.id, identity);
  });
  const entitlements = new IdRegistry<EntitlementInput>();
  (parts.entitlements ?? []).forEach((entitlement, i) => {
    if (entitlements.has(entitlement.id)) {
      issues.push(duplicateIssue(`entitlements.${i}.id`, entitlement.id));
    } else entitlements.add(entitlement.id, entitlement);
  });
  const aliasOf = collectAliases(parts.identities ?? [], identities, issues);
  if (issues.length > 0) throw new InputError("estate", issues);

  const parseDate = createDateParser();
  const drafts: CellDraft[] = [];
  let aliasedRecords = 0;
  for (const record of parts.records) {
    const canonical = aliasOf.get(record.identity);
    if (canonical !== undefined) aliasedRecords++;
    const row = identities.indexOf(canonical ?? record.identity);
    const column = entitlements.indexOf(record.entitlement);
    const via =
      record.via === undefined ? -1 : entitlements.indexOf(record.via);
    drafts.push(cellFromRecord(record, row, column, via, parseDate));
  }
  const cells = mergeRepeatedPairs(drafts, identities.ids.length);
  const mergedRecords = drafts.length - cells.length;

  const identityList = identities.ids.map((id, i) =>
    identityInfo(id, identities.meta[i]),
  );
  const asOf = parts.asOf === undefined ? undefined : parseIsoDate(parts.asOf);
  return {
    matrix: packMatrix(identities.ids, entitlements.ids, cells),
    identities: identityList,
    entitlements: entitlements.ids.map((id, j) =>
      entitlementInfo(id, entitlements.meta[j]),
    ),
    telemetry: telemetryInfo(parts.telemetry),
    asOf,
    latestDate: latestDate(cells, identityList, asOf),
    mergedRecords,
    aliasedRecords,
  };
}

/**
 * Merges drafts of the same pair into the first one seen, in input
 * order (see `mergeCell`). Sorting by row, then by column within a row,
 * puts repeats side by side without a map of millions of pairs.
 */
function mergeRepeatedPairs(drafts: CellDraft[], rowCount: number): CellDraft[] {
  const rowStart = new Int32Array(rowCount + 1);
  for (const draft of drafts) rowStart[draft.row + 1]! += 1;
  for (let i = 0; i < rowCount; i++) rowStart[i + 1]! += rowStart[i]!;
  const order = new Int32Array(drafts.length);
  const next = rowStart.slice(0, rowCount);
  drafts.forEach((draft, index) => {
    order[next[draft.row]!++] = index;
  });

  const unique: CellDraft[] = [];
  for (let i = 0; i < rowCount; i++) {
    // A stable sort keeps input order among repeats of one column.
    const slice = Array.from(order.subarray(rowStart[i]!, rowStart[i + 1]!));
    slice.sort((a, b) => drafts[a]!.column - drafts[b]!.column);
    let kept: CellDraft | undefined;
    for (const index of slice) {
      const draft = drafts[index]!;
      if (kept !== undefined && kept.column === draft.column) {
        mergeCell(kept, draft);
      } else {
        kept = draft;
        unique.push(draft);
      }
    }
  }
  return unique;
}

function collectAliases(
  inputs: readonly IdentityInput[],
  identities: IdRegistry<IdentityInput>,
  issues: InputIssue[],
): Map<string, string> {
  const aliasOf = new Map<string, string>();
  inputs.forEach((identity, i) => {
    (identity.aliases ?? []).forEach((alias, a) => {
      const path = `identities.${i}.aliases.${a}`;
      if (identities.has(alias) || aliasOf.has(alias)) {
        issues.push({
          path,
          received: describeValue(alias),
          expected:
            "an alias that is neither an identity id nor another alias",
        });
      } else aliasOf.set(alias, identity.id);
    });
  });
  return aliasOf;
}

function latestDate(
  cells: readonly CellDraft[],
  identities: readonly IdentityInfo[],
  asOf: number | undefined,
): number | undefined {
  let latest = asOf ?? -Infinity;
  const note = (ms: number | undefined) => {
    if (ms !== undefined && ms > latest) latest = ms;
  };
  for (const cell of cells) {
    note(cell.lastUsedAt);
    note(cell.lastFailureAt);
    note(cell.grantedAt);
  }
  for (const identity of identities) {
    note(identity.createdAt);
    note(identity.credentialRotatedAt);
  }
  return Number.isFinite(latest) ? latest : undefined;
}

function duplicateIssue(path: string, id: string): InputIssue {
  return {
    path,
    received: describeValue(id),
    expected: "an id not listed before; remove or rename the repeated entry",
  };
}
