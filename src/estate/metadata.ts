import { parseIsoDate } from "../dates.js";
import type {
  EntitlementInput,
  IdentityInput,
  IdentityKind,
  PrivilegeLevel,
  TelemetryInput,
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

/** Telemetry coverage after parsing; dates in epoch ms. */
export interface TelemetryInfo {
  readonly collectedAt: number | undefined;
  readonly from: number | undefined;
  /** Covered identity ids; `undefined` means all. */
  readonly identities: ReadonlySet<string> | undefined;
  /** Covered systems; `undefined` means all. */
  readonly systems: ReadonlySet<string> | undefined;
}

const toMs = (text: string | undefined) =>
  text === undefined ? undefined : parseIsoDate(text);

export function identityInfo(
  id: string,
  input: IdentityInput | undefined,
): IdentityInfo {
  return {
    id,
    kind: input?.kind,
    owner: input?.owner,
    department: input?.department,
    createdAt: toMs(input?.createdAt),
    expiresAt: toMs(input?.expiresAt),
    credentialRotatedAt: toMs(input?.credentialRotatedAt),
    active: input?.active ?? true,
    breakGlass: input?.breakGlass ?? false,
    aliases: input?.aliases ?? [],
    tags: input?.tags ?? [],
  };
}

export function entitlementInfo(
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

export function telemetryInfo(input: TelemetryInput | undefined): TelemetryInfo {
  return {
    collectedAt: toMs(input?.collectedAt),
    from: toMs(input?.from),
    identities:
      input?.identities === undefined ? undefined : new Set(input.identities),
    systems: input?.systems === undefined ? undefined : new Set(input.systems),
  };
}

/** Whether an entitlement counts as privileged (level high or critical). */
export function isPrivileged(entitlement: EntitlementInfo): boolean {
  return entitlement.privilege === "high" || entitlement.privilege === "critical";
}
