import type { Estate } from "../estate/estate.js";
import { isPrivileged } from "../estate/metadata.js";
import type { Finding, Priority } from "../drift/types.js";
import { target } from "./identity.js";
import { propose } from "./proposal.js";
import type { Recommendation, RecommendationKind } from "./types.js";

interface Plan {
  kind: RecommendationKind;
  rationale: string;
  material: unknown;
}

/**
 * Maps each actionable finding to one recommendation. Dormant and
 * over-broad grants get `revoke-grant` and idle memberships
 * `remove-membership`, but both get `attest` for a break-glass identity.
 * Peer outliers and break-glass identities get `attest`, ownerless
 * identities `assign-owner`, stale credentials `rotate-credential`, and
 * expired and dormant identities `review-identity`. Findings that cannot
 * justify a change (unknown, not yet judgeable, not actionable) give none.
 */
export function recommendationsFromFindings(
  estate: Estate,
  findings: readonly Finding[],
): Recommendation[] {
  const identityOf = new Map(estate.identities.map((i) => [i.id, i]));
  const entitlementOf = new Map(estate.entitlements.map((e) => [e.id, e]));
  const result: Recommendation[] = [];
  for (const finding of findings) {
    const identity = identityOf.get(finding.identity);
    const breakGlass = identity?.breakGlass ?? false;
    const plan = planFor(finding, breakGlass);
    if (plan === undefined) continue;

    const entitlement =
      finding.entitlement === null ? undefined : entitlementOf.get(finding.entitlement);
    const privileged = entitlement !== undefined && isPrivileged(entitlement);
    result.push(
      propose({
        kind: plan.kind,
        target: target({
          identity: finding.identity,
          entitlement: finding.entitlement,
        }),
        rationale: plan.rationale,
        evidence: finding.evidence,
        material: plan.material,
        priority: finding.priority,
        escalation: privileged || needsEscalation(finding.priority),
        score: finding.score,
        findings: [finding.id],
      }),
    );
  }
  return result;
}

// Critical and high priorities need escalation, as `Priority` documents.
function needsEscalation(priority: Priority): boolean {
  return priority === "critical" || priority === "high";
}

function planFor(finding: Finding, breakGlass: boolean): Plan | undefined {
  const { identity, entitlement, evidence } = finding;
  const verdictMaterial = {
    verdict: finding.verdict,
    privilege: evidence["privilege"] ?? null,
  };
  switch (finding.type) {
    case "dormant-grant":
    case "over-broad-grant":
      if (breakGlass) {
        return {
          kind: "attest",
          rationale:
            `Attest that break-glass identity ${identity} still needs ` +
            `${entitlement}, unused in the window; break-glass access is ` +
            `never proposed for removal.`,
          material: verdictMaterial,
        };
      }
      return {
        kind: "revoke-grant",
        rationale:
          finding.type === "over-broad-grant"
            ? `Revoke ${entitlement} from ${identity}: unused in the window ` +
              `and outside the role its peers share.`
            : `Revoke ${entitlement} from ${identity}: no successful use ` +
              `in the observation window.`,
        material: verdictMaterial,
      };
    case "idle-membership":
      if (breakGlass) {
        return {
          kind: "attest",
          rationale:
            `Attest that break-glass identity ${identity} still needs ` +
            `membership of ${entitlement}, unused in the window; ` +
            `break-glass access is never proposed for removal.`,
          material: { verdict: finding.verdict },
        };
      }
      return {
        kind: "remove-membership",
        rationale:
          `Remove ${identity} from ${entitlement}: none of the group's ` +
          `entitlements was used by it in the window.`,
        material: { verdict: finding.verdict },
      };
    case "peer-outlier":
      // A rare grant that is used is a weak signal: only privileged ones
      // go to the review queue, the rest stay findings.
      if (evidence["privilege"] !== "high" && evidence["privilege"] !== "critical") {
        return undefined;
      }
      return {
        kind: "attest",
        rationale:
          `Have the owner attest that ${identity} needs ${entitlement}, ` +
          `which few of its peers hold.`,
        material: verdictMaterial,
      };
    case "break-glass-identity":
      return {
        kind: "attest",
        rationale: `Attest that break-glass identity ${identity} and its access are still needed.`,
        material: {},
      };
    case "ownerless-identity":
      return {
        kind: "assign-owner",
        rationale: `Assign an accountable owner to ${identity}.`,
        material: {},
      };
    case "stale-credential":
      return {
        kind: "rotate-credential",
        rationale: `Rotate ${identity}'s credential: older than the rotation policy.`,
        material: {},
      };
    case "expired-identity":
      return {
        kind: "review-identity",
        rationale: `Review ${identity}: past its expiry date but still active.`,
        material: { type: finding.type },
      };
    case "dormant-identity":
      // A break-glass identity is expected to sit idle; its own
      // break-glass finding already leads to an attestation.
      if (breakGlass) return undefined;
      return {
        kind: "review-identity",
        rationale: `Review ${identity}: none of its grants was used in the window.`,
        material: { type: finding.type },
      };
    default:
      return undefined;
  }
}
