import { DAY_MS, formatDate } from "../dates.js";
import type { Estate } from "../estate/estate.js";
import type { IdentityInfo } from "../estate/metadata.js";
import { findingId } from "./finding-id.js";
import type { ObservationWindow } from "./observation.js";
import type {
  Evidence,
  Finding,
  FindingType,
  Priority,
  Verdict,
} from "./types.js";

/** Settings of the identity lifecycle rules. */
export interface LifecycleSettings {
  /** A credential rotated longer ago than this many days is stale. */
  readonly rotationDays: number;
}

const dateOrNull = (ms: number | undefined) =>
  ms === undefined ? null : formatDate(ms);

/**
 * Lifecycle findings per identity:
 * - `ownerless-identity`: the owner is stated as none (`null`), or a
 *   non-human identity of known kind has no owner field.
 * - `expired-identity`: past `expiresAt` and still active.
 * - `stale-credential`: credential last rotated more than `rotationDays`
 *   before `asOf`.
 * - `dormant-identity`: every grant judged and none used.
 * - `break-glass-identity`: declared emergency access, for attestation.
 * Platform-managed identities get none of these: the platform owns them.
 */
export function identityFindings(
  estate: Estate,
  window: ObservationWindow,
  settings: LifecycleSettings,
  verdictsOfRow: (row: number) => readonly Verdict[],
): Finding[] {
  const findings: Finding[] = [];
  estate.identities.forEach((identity, row) => {
    if (identity.kind === "platform-managed") return;
    const grants = verdictsOfRow(row);
    const used = grants.filter((verdict) => verdict === "used").length;
    const base: Evidence = {
      kind: identity.kind ?? null,
      owner: identity.owner ?? null,
      active: identity.active,
      createdAt: dateOrNull(identity.createdAt),
      expiresAt: dateOrNull(identity.expiresAt),
      credentialRotatedAt: dateOrNull(identity.credentialRotatedAt),
      asOf: dateOrNull(window.asOf),
      grants: grants.length,
      usedGrants: used,
    };
    const add = (
      type: FindingType,
      priority: Priority,
      score: number,
      sentence: string,
      evidence: Evidence = {},
    ) =>
      findings.push({
        id: findingId(type, identity.id, null),
        type,
        verdict: identityVerdict(grants),
        reasons: [type],
        identity: identity.id,
        entitlement: null,
        priority,
        score,
        sentence,
        evidence: { ...base, ...evidence },
      });

    if (isOwnerless(identity)) {
      add("ownerless-identity", "high", grants.length,
        `${identity.id} (${identity.kind ?? "identity"}) has no owner to ` +
        `answer for its ${grants.length} grants.`);
    }
    const asOf = window.asOf;
    if (asOf !== undefined && identity.expiresAt !== undefined &&
        identity.expiresAt < asOf && identity.active) {
      const days = Math.floor((asOf - identity.expiresAt) / DAY_MS);
      add("expired-identity", "high", days,
        `${identity.id} expired on ${formatDate(identity.expiresAt).slice(0, 10)}` +
        ` (${days} days ago) but is still active.`,
        { daysSinceExpiry: days });
    }
    if (asOf !== undefined && identity.credentialRotatedAt !== undefined) {
      const age = Math.floor((asOf - identity.credentialRotatedAt) / DAY_MS);
      if (age > settings.rotationDays) {
        add("stale-credential", "medium", age - settings.rotationDays,
          `${identity.id}'s credential was last rotated ${age} days ago, ` +
          `beyond the ${settings.rotationDays}-day rotation policy.`,
          { credentialAgeDays: age, rotationDays: settings.rotationDays });
      }
    }
    const judged = grants.filter(
      (verdict) => verdict === "dormant" || verdict === "over-broad",
    ).length;
    if (grants.length > 0 && judged === grants.length) {
      add("dormant-identity", identity.breakGlass ? "low" : "medium",
        grants.length,
        `${identity.id} made no successful use of any of its ` +
        `${grants.length} grants in the ${window.windowDays}-day window.`,
        { dormantGrants: judged, windowDays: window.windowDays });
    }
    if (identity.breakGlass) {
      add("break-glass-identity", "medium", grants.length,
        `${identity.id} is declared break-glass: its access is kept for ` +
        `emergencies and needs periodic attestation, not removal.`);
    }
  });
  return findings;
}

/**
 * Verdict of an identity from its grants: used when any is used, dormant
 * when all are dormant or over-broad, else the first of unknown and
 * insufficient-observation that occurs; unknown without grants.
 */
function identityVerdict(grants: readonly Verdict[]): Verdict {
  const verdicts = new Set(grants);
  if (verdicts.has("used")) return "used";
  if (verdicts.has("unknown") || grants.length === 0) return "unknown";
  if (verdicts.has("insufficient-observation")) {
    return "insufficient-observation";
  }
  if (verdicts.has("not-actionable")) return "not-actionable";
  return "dormant";
}

const NON_HUMAN_NEEDS_OWNER = new Set([
  "service-account", "api-key", "token", "workload", "device", "ai-agent",
]);

function isOwnerless(identity: IdentityInfo): boolean {
  if (identity.owner === null) return true;
  return (
    identity.owner === undefined &&
    identity.kind !== undefined &&
    NON_HUMAN_NEEDS_OWNER.has(identity.kind)
  );
}
