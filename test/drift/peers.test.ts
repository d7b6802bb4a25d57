import { describe, expect, it } from "vitest";
import type { EntitlementInput, UsageRecordInput } from "../../src/estate/schema.js";
import {
  AS_OF,
  LONG_AGO,
  analyzeFrozen,
  findingOf,
  findingsAbout,
  neverUsed,
  recommendationFor,
} from "./fixtures.js";

const used = (identity: string, entitlement: string): UsageRecordInput => ({
  identity,
  entitlement,
  uses: 3,
  lastUsedAt: "2026-06-20",
  grantedAt: LONG_AGO,
});

/**
 * `size` identities that all use crm:read and crm:write (so the cluster
 * has a candidate role), the first also `extra`.
 */
function cluster(
  size: number,
  extra: UsageRecordInput,
  entitlements: EntitlementInput[] = [],
) {
  const records = Array.from({ length: size }, (_, i) => [
    used(`u${String(i + 1).padStart(2, "0")}`, "crm:read"),
    used(`u${String(i + 1).padStart(2, "0")}`, "crm:write"),
  ]).flat();
  return { asOf: AS_OF, entitlements, records: [...records, extra] };
}

describe("peer outliers", () => {
  it("cluster without a role has none", () => {
    // Members share one entitlement only: below minRoleEntitlements (2),
    // so the cluster is no peer group and nothing is compared.
    const records = Array.from({ length: 11 }, (_, i) =>
      used(`u${String(i + 1).padStart(2, "0")}`, "crm:read"),
    );
    const report = analyzeFrozen({
      asOf: AS_OF,
      records: [...records, used("u01", "finance:approve")],
    });
    expect(report.roles).toEqual([]);
    expect(report.findings.filter((f) => f.type === "peer-outlier")).toEqual([]);
  });

  it("one holder of 11 is outlier", () => {
    const report = analyzeFrozen(cluster(11, used("u01", "finance:approve")));
    const finding = findingOf(report, "peer-outlier", "u01", "finance:approve");
    expect(finding.verdict).toBe("used");
    expect(finding.reasons).toEqual(["below-peer-share"]);
    expect(finding.priority).toBe("low");
    // Weight 1 × (1 - 1/11).
    expect(finding.score).toBeCloseTo(10 / 11, 12);
    expect(finding.evidence).toMatchObject({
      cluster: 0,
      clusterSize: 11,
      peerHolders: 1,
      peerShare: 0.0909,
      peerOutlierShare: 0.1,
    });
    expect(finding.sentence).toBe(
      "u01 holds finance:approve, which only 1 of 11 identities in " +
        "cluster 0 hold (below the 0.1 peer share).",
    );
    // A used rare grant of no stated privilege is not queued for review.
    expect(recommendationFor(report, finding)).toBeUndefined();
  });

  it("share at threshold is no outlier", () => {
    const report = analyzeFrozen(cluster(10, used("u01", "finance:approve")));
    expect(findingsAbout(report, "u01")).toEqual([]);
  });

  it("privileged outlier ranks high and escalates", () => {
    const report = analyzeFrozen(
      cluster(11, used("u01", "finance:approve"), [
        { id: "finance:approve", privilege: "high" },
      ]),
    );
    const finding = findingOf(report, "peer-outlier", "u01", "finance:approve");
    expect(finding.priority).toBe("high");
    // Weight 4 × (1 - 1/11).
    expect(finding.score).toBeCloseTo(40 / 11, 12);
    expect(recommendationFor(report, finding)?.escalation).toBe(true);
  });

  it("cluster below minPeers is not compared", () => {
    const estate = cluster(4, used("u01", "finance:approve"));
    const report = analyzeFrozen(estate, { peerOutlierShare: 0.5 });
    expect(findingsAbout(report, "u01")).toEqual([]);
  });

  it("minPeers admits a smaller cluster", () => {
    const estate = cluster(4, used("u01", "finance:approve"));
    const report = analyzeFrozen(estate, { peerOutlierShare: 0.5, minPeers: 4 });
    const finding = findingOf(report, "peer-outlier", "u01", "finance:approve");
    expect(finding.evidence["peerShare"]).toBe(0.25);
    expect(finding.evidence["peerOutlierShare"]).toBe(0.5);
  });

  it("dormant rare grant carries its share", () => {
    const report = analyzeFrozen(
      cluster(11, neverUsed("u01", "finance:approve")),
    );
    const findings = findingsAbout(report, "u01");
    // The cluster's role (crm:read, crm:write) lacks it: over-broad.
    expect(findings.map((f) => f.type)).toEqual(["over-broad-grant"]);
    expect(findings[0]?.evidence["peerShare"]).toBe(0.0909);
    expect(findings[0]?.evidence["inClusterRole"]).toBe(false);
  });

  it("unknown rare grant is an outlier", () => {
    const report = analyzeFrozen(
      cluster(11, {
        identity: "u01",
        entitlement: "finance:approve",
        grantedAt: LONG_AGO,
      }),
    );
    const types = findingsAbout(report, "u01").map((f) => f.type).sort();
    expect(types).toEqual(["peer-outlier", "unobserved-grant"]);
    const outlier = findingOf(report, "peer-outlier", "u01", "finance:approve");
    expect(outlier.verdict).toBe("unknown");
  });
});

describe("cluster role", () => {
  // All five use crm:read and mail:send, so both form the candidate role.
  const records = ["u1", "u2", "u3", "u4", "u5"].flatMap((id) => [
    used(id, "crm:read"),
    used(id, "mail:send"),
  ]);
  const report = analyzeFrozen({
    asOf: AS_OF,
    records: [
      ...records,
      neverUsed("u1", "erp:post"),
    ],
  });

  it("dormant grant outside role is over-broad", () => {
    const finding = findingOf(report, "over-broad-grant", "u1", "erp:post");
    expect(finding.verdict).toBe("over-broad");
    expect(finding.reasons).toEqual(["no-use-in-window", "outside-cluster-role"]);
    expect(finding.priority).toBe("medium");
    expect(finding.evidence["inClusterRole"]).toBe(false);
    expect(finding.evidence["peerShare"]).toBe(0.2);
    expect(finding.sentence).toContain("and it is outside the cluster's candidate role");
  });

  it("over-broad grant is proposed for revocation", () => {
    const finding = findingOf(report, "over-broad-grant", "u1", "erp:post");
    const recommendation = recommendationFor(report, finding);
    expect(recommendation?.kind).toBe("revoke-grant");
    expect(recommendation?.rationale).toBe(
      "Revoke erp:post from u1: unused in the window and outside the " +
        "role its peers share.",
    );
  });
});
