import { formatDate } from "../dates.js";
import type { GrantAssessment, GrantRuleContext } from "./grant-verdict.js";
import { idleDays } from "./grant-evidence.js";
import { findingId } from "./finding-id.js";
import { grantDebt, grantPriority, privilegeWeight } from "./priority.js";
import type { Finding, Verdict } from "./types.js";

/** Membership verdicts of one identity. */
export interface MembershipDrift {
  readonly findings: Finding[];
  /** Verdicts that replace those of membership cells, by cell. */
  readonly override: Map<number, GrantAssessment>;
  readonly debt: number;
}

const MAX_LISTED = 20;

/**
 * Judges an identity's group memberships from the grants that come
 * through each group. A use of any of them credits the membership (and
 * the group's grant); when all of them are dormant or over-broad the
 * membership is idle, which gives one `idle-membership` finding against
 * the membership, never a finding against the group's own grants. Any
 * unknown or not-yet-judgeable grant through the group makes the
 * membership unknown or not yet judgeable.
 */
export function membershipFindings(
  context: GrantRuleContext,
  row: number,
  assessments: readonly GrantAssessment[],
): MembershipDrift {
  const { estate, window } = context;
  const { matrix } = estate;
  const byGroup = new Map<number, GrantAssessment[]>();
  const cellOfColumn = new Map<number, GrantAssessment>();
  for (const assessment of assessments) {
    cellOfColumn.set(assessment.column, assessment);
    const via = matrix.via[assessment.cell]!;
    if (via < 0) continue;
    const list = byGroup.get(via) ?? [];
    list.push(assessment);
    byGroup.set(via, list);
  }

  const result: MembershipDrift = { findings: [], override: new Map(), debt: 0 };
  let debt = 0;
  for (const [group, through] of byGroup) {
    const verdict = membershipVerdict(through);
    const reasons =
      verdict === "used" ? ["use-through-group"] : ["no-use-through-group"];
    const membershipCell = cellOfColumn.get(group);
    if (membershipCell !== undefined) {
      const judgeable = through
        .map((a) => a.judgeableAt)
        .filter((at): at is number => at !== undefined);
      result.override.set(membershipCell.cell, {
        ...membershipCell,
        verdict,
        reasons,
        judgeableAt: judgeable.length === 0 ? undefined : Math.max(...judgeable),
      });
    }
    if (verdict !== "dormant") continue;

    const identity = estate.identities[row]!;
    const groupInfo = estate.entitlements[group]!;
    const heaviest = through.reduce((a, b) =>
      privilegeWeight(estate.entitlements[b.column]!) >
      privilegeWeight(estate.entitlements[a.column]!)
        ? b
        : a,
    );
    const heaviestInfo = estate.entitlements[heaviest.column]!;
    const idle = Math.min(...through.map((a) => idleDays(estate, window, a)));
    const lastUse = Math.max(
      ...through.map((a) => matrix.lastUsedAt[a.cell]!).filter((v) => !Number.isNaN(v)),
    );
    const weight = privilegeWeight(heaviestInfo);
    const score = grantDebt(idle, window.dormantDays, weight);
    debt += score;
    const names = through.map((a) => estate.entitlements[a.column]!.id);
    result.findings.push({
      id: findingId("idle-membership", identity.id, groupInfo.id),
      type: "idle-membership",
      verdict: "dormant",
      reasons,
      identity: identity.id,
      entitlement: groupInfo.id,
      priority: grantPriority(heaviestInfo, false, 0),
      score,
      sentence:
        `${identity.id} made no successful use of any of the ` +
        `${through.length} entitlements that membership of ${groupInfo.id} ` +
        `gives, in the ${window.windowDays}-day window.`,
      evidence: {
        group: groupInfo.id,
        entitlementsThroughGroup: through.length,
        entitlements: names.slice(0, MAX_LISTED),
        lastUsedAt: Number.isFinite(lastUse) ? formatDate(lastUse) : null,
        idleDays: idle,
        windowDays: window.windowDays,
        dormantDays: window.dormantDays,
        highestPrivilege: heaviestInfo.privilege ?? null,
      },
    });
  }
  return { ...result, debt };
}

function membershipVerdict(through: readonly GrantAssessment[]): Verdict {
  const verdicts = new Set(through.map((a) => a.verdict));
  if (verdicts.has("used")) return "used";
  if (verdicts.has("unknown")) return "unknown";
  if (verdicts.has("insufficient-observation")) return "insufficient-observation";
  if (verdicts.has("not-actionable")) return "not-actionable";
  return "dormant";
}
