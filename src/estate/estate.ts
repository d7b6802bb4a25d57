import { parseIsoDate } from "../dates.js";
import { InputError, type InputIssue, describeValue } from "../errors.js";
import { type CellDraft, type UsageMatrix, packMatrix } from "../matrix/usage-matrix.js";
import type {
  EntitlementInput,
  IdentityInput,
  IdentityKind,
  PrivilegeLevel,
  UsageRecordInput,
} from "./schema.js";

/** Identity metadata after parsing, aligned with the matrix rows. */
export interface IdentityInfo {
  readonly id: string;
  readonly kind: IdentityKind | undefined;
  /** `null` when the input states there is no owner; `undefined` when unknown. */
  readonly owner: string | null | undefined;
  readonly department: string | undefined;
  readonly createdAt: number | undefined;
  readonly expiresAt: number | undefined;
  readonly credentialRotatedAt: number | undefined;
  readonly active: boolean;
  readonly breakGlass: boolean;
  readonly aliases: readonly string[];
  readonly tags: readonly string[];
}

/** Entitlement metadata after parsing, aligned with the matrix columns. */
export interface EntitlementInfo {
  readonly id: string;
  readonly privilege: PrivilegeLevel | undefined;
  readonly system: string | undefined;
  readonly environment: string | undefined;
  readonly observable: boolean;
}

/**
 * Everything the analysis reads: the usage matrix and the metadata of its
 * rows and columns. Built by `createEstate` or the loaders in `io/`.
 */
export interface Estate {
  readonly matrix: UsageMatrix;
  readonly identities: readonly IdentityInfo[];
  readonly entitlements: readonly EntitlementInfo[];
  /** `asOf` from the input, epoch ms, when it was given. */
  readonly asOf: number | undefined;
  /** Latest date anywhere in the input, epoch ms. */
  readonly latestDate: number | undefined;
  /** Records that repeated an identity-entitlement pair and were merged. */
  readonly mergedRecords: number;
}

/** Validated parts of an estate, as the schemas or a loader produce them. */
export interface EstateParts {
  asOf?: string | undefined;
  identities?: readonly IdentityInput[] | undefined;
  entitlements?: readonly EntitlementInput[] | undefined;
  records: readonly UsageRecordInput[];
}

/**
 * Builds an estate from validated parts. Identities and entitlements keep
 * the order in which they first appear: metadata first, then records.
 * Records that repeat a pair are merged: granted if any grants, uses
 * summed, the latest last use kept. Throws `InputError` when metadata
 * lists an id twice.
 */
export function buildEstate(parts: EstateParts): Estate {
  const issues: InputIssue[] = [];
  const identityIndex = new Map<string, number>();
  const identityMeta: (IdentityInput | undefined)[] = [];
  const identityIds: string[] = [];
  (parts.identities ?? []).forEach((identity, i) => {
    if (identityIndex.has(identity.id)) {
      issues.push(duplicateIssue(`identities.${i}.id`, identity.id));
      return;
    }
    identityIndex.set(identity.id, identityIds.length);
    identityIds.push(identity.id);
    identityMeta.push(identity);
  });

  const entitlementIndex = new Map<string, number>();
  const entitlementMeta: (EntitlementInput | undefined)[] = [];
  const entitlementIds: string[] = [];
  (parts.entitlements ?? []).forEach((entitlement, i) => {
    if (entitlementIndex.has(entitlement.id)) {
      issues.push(duplicateIssue(`entitlements.${i}.id`, entitlement.id));
      return;
    }
    entitlementIndex.set(entitlement.id, entitlementIds.length);
    entitlementIds.push(entitlement.id);
    entitlementMeta.push(entitlement);
  });
  if (issues.length > 0) throw new InputError("estate", issues);

  let latestDate = -Infinity;
  const noteDate = (text: string | null | undefined) => {
    if (text == null) return Number.NaN;
    const ms = parseIsoDate(text) ?? Number.NaN;
    if (ms > latestDate) latestDate = ms;
    return ms;
  };
  for (const identity of identityMeta) {
    noteDate(identity?.createdAt);
    noteDate(identity?.credentialRotatedAt);
  }

  const cellByPair = new Map<number, CellDraft>();
  const cells: CellDraft[] = [];
  let mergedRecords = 0;
  for (const record of parts.records) {
    let row = identityIndex.get(record.identity);
    if (row === undefined) {
      row = identityIds.length;
      identityIndex.set(record.identity, row);
      identityIds.push(record.identity);
      identityMeta.push(undefined);
    }
    let column = entitlementIndex.get(record.entitlement);
    if (column === undefined) {
      column = entitlementIds.length;
      entitlementIndex.set(record.entitlement, column);
      entitlementIds.push(record.entitlement);
      entitlementMeta.push(undefined);
    }

    const lastUsedAt = noteDate(record.lastUsedAt);
    const draft: CellDraft = {
      row,
      column,
      granted: record.granted ?? true,
      uses: record.uses ?? Number.NaN,
      lastUsedAt,
      neverUsed: record.lastUsedAt === null,
    };
    // Pair key: rows and columns stay far below 2^26 in any real estate.
    const key = row * 67_108_864 + column;
    const existing = cellByPair.get(key);
    if (existing === undefined) {
      cellByPair.set(key, draft);
      cells.push(draft);
    } else {
      mergedRecords++;
      mergeCell(existing, draft);
    }
  }

  const asOf = parts.asOf === undefined ? undefined : parseIsoDate(parts.asOf);
  if (asOf !== undefined && asOf > latestDate) latestDate = asOf;
  const matrix = packMatrix(identityIds, entitlementIds, cells);
  return {
    matrix,
    identities: identityIds.map((id, i) => identityInfo(id, identityMeta[i])),
    entitlements: entitlementIds.map((id, j) =>
      entitlementInfo(id, entitlementMeta[j]),
    ),
    asOf,
    latestDate: Number.isFinite(latestDate) ? latestDate : undefined,
    mergedRecords,
  };
}

function mergeCell(target: CellDraft, source: CellDraft): void {
  target.granted = target.granted || source.granted;
  if (Number.isNaN(target.uses)) target.uses = source.uses;
  else if (!Number.isNaN(source.uses)) target.uses += source.uses;
  if (Number.isNaN(target.lastUsedAt) || source.lastUsedAt > target.lastUsedAt) {
    if (!Number.isNaN(source.lastUsedAt)) target.lastUsedAt = source.lastUsedAt;
  }
  target.neverUsed =
    target.neverUsed && source.neverUsed && Number.isNaN(target.lastUsedAt);
}

function duplicateIssue(path: string, id: string): InputIssue {
  return {
    path,
    received: describeValue(id),
    expected: "an id not listed before; remove or rename the repeated entry",
  };
}

function identityInfo(id: string, input: IdentityInput | undefined): IdentityInfo {
  const date = (text: string | undefined) =>
    text === undefined ? undefined : parseIsoDate(text);
  return {
    id,
    kind: input?.kind,
    owner: input?.owner,
    department: input?.department,
    createdAt: date(input?.createdAt),
    expiresAt: date(input?.expiresAt),
    credentialRotatedAt: date(input?.credentialRotatedAt),
    active: input?.active ?? true,
    breakGlass: input?.breakGlass ?? false,
    aliases: input?.aliases ?? [],
    tags: input?.tags ?? [],
  };
}

function entitlementInfo(
  id: string,
  input: EntitlementInput | undefined,
): EntitlementInfo {
  return {
    id,
    privilege: input?.privilege,
    system: input?.system,
    environment: input?.environment,
    observable: input?.observable ?? true,
  };
}

/** Whether an entitlement counts as privileged (level high or critical). */
export function isPrivileged(entitlement: EntitlementInfo): boolean {
  return entitlement.privilege === "high" || entitlement.privilege === "critical";
}
