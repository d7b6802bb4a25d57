import { formatDate } from "../dates.js";
import type { UsageMatrix } from "../matrix/usage-matrix.js";
import {
  type GrantAssessment,
  type GrantRuleContext,
  observationShortfall,
} from "./grant-verdict.js";
import { granularityName, idleDays } from "./grant-evidence.js";
import { lastUseOf } from "./observation.js";
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
 * through each group. A use of any of them, or of the group's grant
 * itself, credits the membership and the group's grant. When all of them
 * are dormant or over-broad, the membership is idle and gets one
 * `idle-membership` finding, never a finding against the group's own
 * grants. An unknown or not-yet-judgeable grant through the group makes
 * the membership unknown or not yet judgeable, with that grant's reasons.
 * So does a membership granted inside the window.
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
    const membershipCell = cellOfColumn.get(group);
    const { verdict, reasons, judgeableAt } = membershipVerdict(
      context,
      row,
      through,
      membershipCell,
    );
    if (membershipCell !== undefined) {
      result.override.set(membershipCell.cell, {
        ...membershipCell,
        verdict,
        reasons,
        judgeableAt,
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
      ...through.map((a) => lastUseOf(matrix, a.cell)).filter((v) => !Number.isNaN(v)),
    );
    const weight = privilegeWeight(heaviestInfo);
    const score = grantDebt(idle, window.dormantDays, weight);
    debt += score;
    const names = through.map((a) => estate.entitlements[a.column]!.id);

    // Denied attempts through the group are risk evidence, as on a grant.
    let failures = 0;
    for (const assessment of through) {
      const count = matrix.failures[assessment.cell]!;
      if (!Number.isNaN(count)) failures += count;
    }
    result.findings.push({
      id: findingId("idle-membership", identity.id, groupInfo.id),
      type: "idle-membership",
      verdict: "dormant",
      reasons: failures > 0 ? [...reasons, "failed-attempts"] : reasons,
      identity: identity.id,
      entitlement: groupInfo.id,
      priority: grantPriority(heaviestInfo, false, failures),
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
        failedAttempts: failures,
        granularity: weakestGranularity(estate.matrix, through),
      },
    });
  }
  return { ...result, debt };
}

interface MembershipVerdict {
  readonly verdict: Verdict;
  readonly reasons: string[];
  readonly judgeableAt: number | undefined;
}

function membershipVerdict(
  context: GrantRuleContext,
  row: number,
  through: readonly GrantAssessment[],
  membershipCell: GrantAssessment | undefined,
): MembershipVerdict {
  const verdicts = new Set(through.map((a) => a.verdict));
  if (verdicts.has("used") || membershipCell?.verdict === "used") {
    return {
      verdict: "used",
      reasons: ["use-through-group"],
      judgeableAt: undefined,
    };
  }
  for (const verdict of UNDECIDED) {
    if (!verdicts.has(verdict)) continue;
    const deciding = through.filter((a) => a.verdict === verdict);
    const judgeable = deciding
      .map((a) => a.judgeableAt)
      .filter((at): at is number => at !== undefined);
    return {
      verdict,
      reasons: [...new Set(deciding.flatMap((a) => a.reasons))],
      judgeableAt: judgeable.length === 0 ? undefined : Math.max(...judgeable),
    };
  }

  // Every grant through the group is idle, but the membership itself may
  // be too young to judge.
  const shortfall =
    membershipCell === undefined
      ? undefined
      : observationShortfall(context, row, membershipCell.cell);
  if (shortfall !== undefined) {
    return {
      verdict: "insufficient-observation",
      reasons: [shortfall.reason],
      judgeableAt: shortfall.judgeableAt,
    };
  }
  return {
    verdict: "dormant",
    reasons: ["no-use-through-group"],
    judgeableAt: undefined,
  };
}

/** Verdicts that keep a membership from being judged, in precedence order. */
const UNDECIDED: readonly Verdict[] = [
  "unknown",
  "insufficient-observation",
  "not-actionable",
];

/**
 * Granularity of the weakest usage source behind the grants: `unknown`
 * when any source did not state one, else `service` when any is
 * service-level, else `action`.
 */
function weakestGranularity(
  matrix: UsageMatrix,
  through: readonly GrantAssessment[],
): string {
  const names = new Set(through.map((a) => granularityName(matrix, a.cell)));
  if (names.has("unknown")) return "unknown";
  return names.has("service") ? "service" : "action";
}
