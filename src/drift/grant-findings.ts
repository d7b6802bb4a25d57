import { findingId } from "./finding-id.js";
import {
  type GrantAssessment,
  type GrantRuleContext,
  assessGrant,
} from "./grant-verdict.js";
import { grantEvidence, grantSentence, idleDays } from "./grant-evidence.js";
import { grantDebt, grantPriority, privilegeWeight } from "./priority.js";
import { membershipFindings } from "./memberships.js";
import { type Finding, type FindingType, VERDICTS, type Verdict } from "./types.js";

/** Settings of the peer-outlier rule. */
export interface PeerOutlierSettings {
  /** A grant held by fewer than this share of the cluster is an outlier. */
  readonly peerOutlierShare: number;
  /** Clusters smaller than this are not compared. */
  readonly minPeers: number;
}

/** Grant findings of one analysis with the verdict of every grant. */
export interface GrantDrift {
  readonly findings: Finding[];
  /** Assessments of the grants whose verdict is not `used`. */
  readonly assessments: GrantAssessment[];
  /**
   * Verdict of each matrix cell as an index into `VERDICTS`, or
   * `NOT_GRANTED` for a cell without a grant.
   */
  readonly verdictOf: Uint8Array;
  /** Drift debt per identity row. */
  readonly debt: Float64Array;
}

/** Code of a cell without a grant in `GrantDrift.verdictOf`. */
export const NOT_GRANTED = 255;

const VERDICT_CODE = Object.fromEntries(
  VERDICTS.map((verdict, code) => [verdict, code]),
) as Record<Verdict, number>;

const FINDING_OF_VERDICT: Partial<Record<Verdict, FindingType>> = {
  dormant: "dormant-grant",
  "over-broad": "over-broad-grant",
  "insufficient-observation": "unjudgeable-grant",
  unknown: "unobserved-grant",
  "not-actionable": "not-actionable-grant",
};

/**
 * Assesses every grant and turns the verdicts into findings. Grants that
 * come through a group are judged as memberships (see `memberships.ts`),
 * not one by one. `unknown` grants become findings only when the estate
 * has usage at all; an estate without usage is reported in the summary.
 */
export function grantFindings(
  context: GrantRuleContext,
  peerSettings: PeerOutlierSettings,
): GrantDrift {
  const { estate, window, peers } = context;
  const { matrix } = estate;
  const findings: Finding[] = [];
  const assessments: GrantAssessment[] = [];
  const verdictOf = new Uint8Array(matrix.cellCount).fill(NOT_GRANTED);
  const debt = new Float64Array(matrix.identities.length);

  for (let row = 0; row < matrix.identities.length; row++) {
    const rowAssessments: GrantAssessment[] = [];
    for (let c = matrix.rowOffsets[row]!; c < matrix.rowOffsets[row + 1]!; c++) {
      if (matrix.granted[c] !== 1) continue;
      rowAssessments.push(assessGrant(context, row, c));
    }
    const membership = membershipFindings(context, row, rowAssessments);
    findings.push(...membership.findings);
    debt[row] = membership.debt;

    for (const original of rowAssessments) {
      const override = membership.override.get(original.cell);
      const assessment = override ?? original;
      verdictOf[assessment.cell] = VERDICT_CODE[assessment.verdict];
      // Used grants are only counted, which keeps memory flat at scale.
      if (assessment.verdict !== "used") assessments.push(assessment);
      if (matrix.via[assessment.cell]! >= 0) continue;
      // An idle membership already has its finding and its debt.
      if (override?.verdict === "dormant") continue;
      const finding = verdictFinding(context, assessment);
      if (finding !== undefined) {
        findings.push(finding);
        if (assessment.verdict === "dormant" || assessment.verdict === "over-broad") {
          const entitlement = estate.entitlements[assessment.column]!;
          debt[row]! += grantDebt(
            idleDays(estate, window, assessment),
            window.dormantDays,
            privilegeWeight(entitlement),
          );
        }
      }
      const outlier = peerOutlier(context, peerSettings, assessment);
      if (outlier !== undefined) findings.push(outlier);
    }
  }
  return { findings, assessments, verdictOf, debt };
}

function verdictFinding(
  context: GrantRuleContext,
  assessment: GrantAssessment,
): Finding | undefined {
  const { estate, window, peers } = context;
  const type = FINDING_OF_VERDICT[assessment.verdict];
  if (type === undefined) return undefined;
  if (assessment.verdict === "unknown" && !estate.matrix.hasUsage) {
    return undefined;
  }
  const identity = estate.identities[assessment.row]!.id;
  const entitlement = estate.entitlements[assessment.column]!;
  const removable =
    assessment.verdict === "dormant" || assessment.verdict === "over-broad";
  const failures = estate.matrix.failures[assessment.cell]!;
  const weight = privilegeWeight(entitlement);
  return {
    id: findingId(type, identity, entitlement.id),
    type,
    verdict: assessment.verdict,
    reasons: assessment.reasons,
    identity,
    entitlement: entitlement.id,
    priority: removable
      ? grantPriority(entitlement, assessment.verdict === "over-broad", failures > 0 ? failures : 0)
      : "low",
    // Findings that cannot justify a removal still rank privileged
    // grants first within their priority.
    score: removable
      ? grantDebt(idleDays(estate, window, assessment), window.dormantDays, weight)
      : weight,
    sentence: grantSentence(estate, window, peers, assessment),
    evidence: grantEvidence(estate, window, peers, assessment),
  };
}

/**
 * Flags a grant held by under `peerOutlierShare` of the identity's
 * cluster (of at least `minPeers` members, with a candidate role). Dormant and over-broad
 * grants already carry the share in their own finding, so they are not
 * flagged twice.
 */
function peerOutlier(
  context: GrantRuleContext,
  settings: PeerOutlierSettings,
  assessment: GrantAssessment,
): Finding | undefined {
  const { estate, window, peers } = context;
  const cluster = peers.assignments[assessment.row]!;
  if (peers.sizes[cluster]! < settings.minPeers) return undefined;
  // A cluster without a candidate role is not a peer group (k-means
  // leaves a catch-all cluster of identities that fit nowhere), so a
  // low share there is no evidence about the grant.
  if (peers.roleColumns(cluster) === undefined) return undefined;
  if (assessment.peerShare >= settings.peerOutlierShare) return undefined;
  const flagged: readonly string[] = ["dormant", "over-broad", "not-actionable"];
  if (flagged.includes(assessment.verdict)) return undefined;

  const identity = estate.identities[assessment.row]!.id;
  const entitlement = estate.entitlements[assessment.column]!;
  const evidence = grantEvidence(estate, window, peers, assessment);
  const holders = peers.holders(cluster)[assessment.column]!;
  return {
    id: findingId("peer-outlier", identity, entitlement.id),
    type: "peer-outlier",
    verdict: assessment.verdict,
    reasons: ["below-peer-share"],
    identity,
    entitlement: entitlement.id,
    priority: entitlement.privilege === "critical" || entitlement.privilege === "high"
      ? "high"
      : "low",
    score: privilegeWeight(entitlement) * (1 - assessment.peerShare),
    sentence:
      `${identity} holds ${entitlement.id}, which only ${holders} of ` +
      `${peers.sizes[cluster]!} identities in cluster ${cluster} hold ` +
      `(below the ${settings.peerOutlierShare} peer share).`,
    evidence: { ...evidence, peerOutlierShare: settings.peerOutlierShare },
  };
}
